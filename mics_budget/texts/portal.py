"""Labels of the goszakup.gov.kz import: reading saved answers, deriving register events,
fetching from the API, the import's summary.

Each label is ``(ru, en, kk)``; every language takes the same placeholders. Every message of a
portal record names the file (the problem's ``file``), the record (``{record}``: its position
in the file, e.g. ``items[3]`` or ``data.TrdBuy[0].Lots[1]``) and, where it matters, the
register lot (``{lot}``)."""

LABELS: dict[str, tuple[str, ...]] = {
    "portal.path_missing": (
        "путь не найден: {value}",
        "path not found: {value}",
        "жол табылмады: {value}",
    ),
    "portal.no_files": (
        "в папке нет файлов .json: {value}",
        "no .json files in the folder: {value}",
        "қалтада .json файлдары жоқ: {value}",
    ),
    "portal.unreadable": (
        "файл не читается: {value}",
        "cannot read the file: {value}",
        "файл оқылмайды: {value}",
    ),
    "portal.not_json": (
        "файл не является JSON ({value}); сохраните ответ портала как есть",
        "the file is not JSON ({value}); save the portal's answer as it is",
        "файл JSON емес ({value}); портал жауабын өзгертпей сақтаңыз",
    ),
    "portal.unknown_shape": (
        'непонятная структура: ожидается страница REST ({{"items": […]}}), ответ GraphQL '
        '({{"data": {{…}}}}), список записей или одна запись',
        'unknown structure: expected a REST page ({{"items": […]}}), a GraphQL answer '
        '({{"data": {{…}}}}), a list of records or one record',
        'түсініксіз құрылым: REST беті ({{"items": […]}}), GraphQL жауабы ({{"data": {{…}}}}), '
        "жазбалар тізімі немесе бір жазба күтіледі",
    ),
    "portal.unknown_root": (
        "раздел ответа GraphQL «{value}» не используется; пропущен",
        "GraphQL section '{value}' is not used; skipped",
        "GraphQL жауабының «{value}» бөлімі пайдаланылмайды; өткізіп жіберілді",
    ),
    "portal.graphql_errors": (
        "ответ GraphQL содержит ошибку: {value}",
        "the GraphQL answer holds an error: {value}",
        "GraphQL жауабында қате бар: {value}",
    ),
    "portal.error_response": (
        "в файле сохранён ответ портала об ошибке: {value}",
        "the file holds an error answer of the portal: {value}",
        "файлда порталдың қате туралы жауабы сақталған: {value}",
    ),
    "portal.unknown_record": (
        "запись {record}: по полям не понять, что это (объявление, лот, договор, акт, платёж, "
        "заявка, пункт плана, РНУ); пропущена",
        "record {record}: its fields do not tell what it is (announcement, lot, contract, act, "
        "payment, bid, plan point, unreliable supplier); skipped",
        "{record} жазбасы: өрістерінен оның не екені анықталмайды (хабарландыру, лот, шарт, "
        "акт, төлем, өтінім, жоспар тармағы, жосықсыз қатысушы); өткізіп жіберілді",
    ),
    "portal.missing_id": (
        "запись {record} ({kind}): нет идентификатора; пропущена",
        "record {record} ({kind}): no identifier; skipped",
        "{record} жазбасы ({kind}): сәйкестендіргіш жоқ; өткізіп жіберілді",
    ),
    "portal.bad_date": (
        "запись {record}: поле {field}: неверная дата «{value}»",
        "record {record}: field {field}: invalid date '{value}'",
        "{record} жазбасы: {field} өрісі: қате күн «{value}»",
    ),
    "portal.bad_amount": (
        "запись {record}: поле {field}: неверная сумма «{value}» (нужно не более двух знаков "
        "после точки)",
        "record {record}: field {field}: invalid amount '{value}' (at most two decimals)",
        "{record} жазбасы: {field} өрісі: қате сома «{value}» (нүктеден кейін екі таңбадан "
        "аспауы керек)",
    ),
    "portal.link_not_found": (
        "лот {lot}: объявление {value} не найдено в файлах портала",
        "lot {lot}: announcement {value} is not in the portal files",
        "{lot} лоты: {value} хабарландыруы портал файлдарында табылмады",
    ),
    "portal.lot_not_found": (
        "лот {lot}: лот портала {value} не найден (объявление {number})",
        "lot {lot}: portal lot {value} not found (announcement {number})",
        "{lot} лоты: порталдың {value} лоты табылмады ({number} хабарландыруы)",
    ),
    "portal.lot_ambiguous": (
        "лот {lot}: в объявлении {value} несколько лотов ({count}); укажите portal_lot",
        "lot {lot}: announcement {value} has several lots ({count}); give portal_lot",
        "{lot} лоты: {value} хабарландыруында бірнеше лот бар ({count}); portal_lot көрсетіңіз",
    ),
    "portal.repeat_ambiguous": (
        "лот {lot}: в повторном объявлении {value} не понять, какой лот продолжает лот "
        "{portal_lot}; объявление пропущено",
        "lot {lot}: in the repeated announcement {value} no lot clearly continues lot "
        "{portal_lot}; announcement skipped",
        "{lot} лоты: {value} қайталама хабарландыруында қай лот {portal_lot} лотын "
        "жалғастыратыны анық емес; хабарландыру өткізіп жіберілді",
    ),
    "portal.claimed_twice": (
        "лот портала {value} уже связан с лотом реестра {other}; для лота {lot} не учтён",
        "portal lot {value} is already linked to register lot {other}; not used for lot {lot}",
        "порталдың {value} лоты тізілімнің {other} лотымен байланысқан; {lot} лоты үшін "
        "ескерілмеді",
    ),
    "portal.unknown_status": (
        "запись {record}: неизвестный код статуса {value} («{name}»); этапы по нему не "
        "выведены, остальные этапы лота сохранены",
        "record {record}: unknown status code {value} ('{name}'); no step derived from it, the "
        "lot's other steps are kept",
        "{record} жазбасы: белгісіз мәртебе коды {value} («{name}»); ол бойынша кезеңдер "
        "шығарылмады, лоттың басқа кезеңдері сақталды",
    ),
    "portal.other_method": (
        "запись {record}: способ закупки {value} («{name}») не имеет соответствия среди "
        "способов реестра; этапы лота выведены, способ не сверялся",
        "record {record}: procurement method {value} ('{name}') has no register method; the "
        "lot's steps are derived, the method is not compared",
        "{record} жазбасы: {value} сатып алу тәсілінің («{name}») тізілімде сәйкесі жоқ; "
        "лоттың кезеңдері шығарылды, тәсіл салыстырылмады",
    ),
    "portal.unknown_method": (
        "запись {record}: неизвестный код способа закупки {value} («{name}»); этапы лота "
        "выведены, способ не сверялся",
        "record {record}: unknown procurement method code {value} ('{name}'); the lot's steps "
        "are derived, the method is not compared",
        "{record} жазбасы: белгісіз сатып алу тәсілінің коды {value} («{name}»); лоттың "
        "кезеңдері шығарылды, тәсіл салыстырылмады",
    ),
    "portal.method_differs": (
        "лот {lot}: способ закупки на портале ({value}) не совпадает со способом в реестре "
        "({method})",
        "lot {lot}: the portal's procurement method ({value}) differs from the register's "
        "({method})",
        "{lot} лоты: порталдағы сатып алу тәсілі ({value}) тізілімдегі тәсілмен ({method}) "
        "сәйкес келмейді",
    ),
    "portal.lot_link_not_found": (
        "лот {lot}: лот {value} не найден в файлах портала",
        "lot {lot}: portal lot {value} is not in the portal files",
        "{lot} лоты: {value} лоты портал файлдарында табылмады",
    ),
    "portal.contract_not_found": (
        "лот {lot}: договор {value} не найден в файлах портала",
        "lot {lot}: contract {value} is not in the portal files",
        "{lot} лоты: {value} шарты портал файлдарында табылмады",
    ),
    "portal.date_fallback": (
        "лот {lot}: в записи {record} нет поля {field}; для этапа «{status}» взята дата "
        "{value} из поля {used} записи {source}",
        "lot {lot}: record {record} has no {field}; step '{status}' is dated {value} from "
        "{used} of record {source}",
        "{lot} лоты: {record} жазбасында {field} өрісі жоқ; «{status}» кезеңі үшін {source} "
        "жазбасының {used} өрісінен {value} күні алынды",
    ),
    "portal.amount_from_units": (
        "лот {lot}: у договора {contract} нет суммы с НДС (contract_sum_wnds); взята сумма его "
        "предметов с НДС: {value}",
        "lot {lot}: contract {contract} has no amount with VAT (contract_sum_wnds); the sum of "
        "its items with VAT is used: {value}",
        "{lot} лоты: {contract} шартында ҚҚС-пен сома жоқ (contract_sum_wnds); оның "
        "заттарының ҚҚС-пен сомасы алынды: {value}",
    ),
    "portal.amount_without_vat": (
        "лот {lot}: у договора {contract} нет суммы с НДС (contract_sum_wnds); взята сумма без "
        "НДС {value} (contract_sum): платежи с НДС дойдут до неё раньше, этап «оплачено» не "
        "потеряется",
        "lot {lot}: contract {contract} has no amount with VAT (contract_sum_wnds); the amount "
        "without VAT {value} (contract_sum) is used: payments with VAT reach it sooner, so "
        "'paid' is not lost",
        "{lot} лоты: {contract} шартында ҚҚС-пен сома жоқ (contract_sum_wnds); ҚҚС-сыз {value} "
        "сомасы (contract_sum) алынды: ҚҚС-пен төлемдер оған ертерек жетеді, «төленді» кезеңі "
        "жоғалмайды",
    ),
    "portal.missing_date": (
        "лот {lot}: для этапа «{status}» нет даты (поле {field}) в записи {record}",
        "lot {lot}: no date for step '{status}' (field {field}) in record {record}",
        "{lot} лоты: «{status}» кезеңі үшін {record} жазбасында күн жоқ ({field} өрісі)",
    ),
    "portal.missing_amount": (
        "лот {lot}: у договора {value} нет суммы (запись {record}); этап не выведен",
        "lot {lot}: contract {value} has no amount (record {record}); step not derived",
        "{lot} лоты: {value} шартының сомасы жоқ ({record} жазбасы); кезең шығарылмады",
    ),
    "portal.lifecycle_refused": (
        "лот {lot}: этап «{step}» ({portal_id}, {date}) недопустим после этапа «{stage}» "
        "(возможно: {allowed}); не выведен",
        "lot {lot}: step '{step}' ({portal_id}, {date}) is not allowed after stage '{stage}' "
        "(allowed: {allowed}); not derived",
        "{lot} лоты: «{step}» кезеңі ({portal_id}, {date}) «{stage}» кезеңінен кейін рұқсат "
        "етілмейді (мүмкін: {allowed}); шығарылмады",
    ),
    "portal.contract_not_concluded": (
        "лот {lot}: договор {value} не заключён (статус {status}); этапы не выведены",
        "lot {lot}: contract {value} was not concluded (status {status}); no steps derived",
        "{lot} лоты: {value} шарты жасалмады (мәртебесі: {status}); кезеңдер шығарылмады",
    ),
    "portal.contract_shared": (
        "договор {value} относится к нескольким лотам реестра ({lots}); его этапы и платежи не "
        "выведены",
        "contract {value} belongs to several register lots ({lots}); its steps and payments "
        "are not derived",
        "{value} шарты тізілімнің бірнеше лотына қатысты ({lots}); оның кезеңдері мен "
        "төлемдері шығарылмады",
    ),
    "portal.contract_ambiguous": (
        "лот {lot}: договор {value} заключён по объявлению с несколькими лотами, а предметов "
        "договора (лотов) в файлах нет; не привязан",
        "lot {lot}: contract {value} comes from an announcement with several lots and the "
        "files hold no contract units (lots); not linked",
        "{lot} лоты: {value} шарты бірнеше лоты бар хабарландыру бойынша жасалған, ал "
        "файлдарда шарт заттары (лоттар) жоқ; байланыстырылмады",
    ),
    "portal.currency_mismatch": (
        "лот {lot}: валюта договора {value} отличается от валюты лота ({currency}); этапы "
        "договора не выведены",
        "lot {lot}: the contract's currency {value} differs from the lot's ({currency}); "
        "contract steps not derived",
        "{lot} лоты: шарттың валютасы {value} лоттың валютасынан ({currency}) өзгеше; шарт "
        "кезеңдері шығарылмады",
    ),
    "portal.negative_payment": (
        "лот {lot}: отрицательный платёж {value} (запись {record}) пропущен",
        "lot {lot}: negative payment {value} (record {record}) skipped",
        "{lot} лоты: теріс төлем {value} ({record} жазбасы) өткізіп жіберілді",
    ),
    "portal.unicef_treasury": (
        "лот {lot}: казначейский платёж по мероприятию, финансируемому ЮНИСЕФ",
        "lot {lot}: a Treasury payment on an activity funded by UNICEF",
        "{lot} лоты: ЮНИСЕФ қаржыландыратын іс-шара бойынша қазынашылық төлемі",
    ),
    "portal.bad_token": (
        "портал ответил 404 «Invalid Route» на {url}: токен неверен или истёк (новый токен "
        "выпускает администратор организации в профиле участника на портале)",
        "the portal answered 404 'Invalid Route' to {url}: the token is wrong or expired (an "
        "organisation administrator issues a new one in the portal profile)",
        "портал {url} сұрауына 404 «Invalid Route» деп жауап берді: токен қате немесе мерзімі "
        "өткен (жаңа токенді ұйым әкімшісі порталдағы қатысушы профилінде шығарады)",
    ),
    "portal.unauthorized": (
        "портал отказал в доступе (HTTP {status}) на {url}: токен неверен, истёк или не даёт "
        "прав (новый токен выпускает администратор организации в профиле участника на портале)",
        "the portal refused access (HTTP {status}) to {url}: the token is wrong, expired or "
        "lacks the rights (an organisation administrator issues a new one in the portal "
        "profile)",
        "портал {url} сұрауына қол жеткізуден бас тартты (HTTP {status}): токен қате, мерзімі "
        "өткен немесе құқық бермейді (жаңа токенді ұйым әкімшісі порталдағы профильде шығарады)",
    ),
    "portal.bad_token_text": (
        "токен портала записан неверно: допустимы латинские буквы, цифры и знаки -._~+/= без "
        "пробелов и переносов строки (сам токен не показывается)",
        "the portal token is malformed: Latin letters, digits and -._~+/= only, without spaces "
        "or line breaks (the token itself is not shown)",
        "портал токені қате жазылған: тек латын әріптері, цифрлар және -._~+/= белгілері, "
        "бос орынсыз және жол ауыстырусыз (токеннің өзі көрсетілмейді)",
    ),
    "portal.bad_url": (
        "адрес портала «{value}» не годится: нужен http(s)://хост[:порт][/путь] ({detail})",
        "the portal address '{value}' is not usable: http(s)://host[:port][/path] is needed "
        "({detail})",
        "портал мекенжайы «{value}» жарамсыз: http(s)://хост[:порт][/жол] қажет ({detail})",
    ),
    "portal.foreign_page": (
        "портал указал следующую страницу на другом сервере ({url}); туда токен не "
        "отправляется, загрузка остановлена",
        "the portal pointed to a next page on another server ({url}); the token is not sent "
        "there, the fetch stopped",
        "портал келесі бетті басқа серверде көрсетті ({url}); токен оған жіберілмейді, жүктеу "
        "тоқтатылды",
    ),
    "portal.page_loop": (
        "портал снова отдаёт уже полученную страницу ({url}): загрузка остановлена, чтобы не "
        "ходить по кругу; сохранённое остаётся, повторите позже",
        "the portal gives a page already fetched again ({url}): the fetch stopped rather than "
        "loop; what was saved stays, try again later",
        "портал бұрын алынған бетті қайта береді ({url}): шексіз айналмау үшін жүктеу "
        "тоқтатылды; сақталғандар қалады, кейінірек қайталаңыз",
    ),
    "portal.too_many_pages": (
        "больше {limit} страниц в одном запросе ({url}): загрузка остановлена; сузьте запрос "
        "(--since)",
        "more than {limit} pages in one request ({url}): the fetch stopped; narrow it "
        "(--since)",
        "бір сұрауда {limit} беттен көп ({url}): жүктеу тоқтатылды; сұрауды тарылтыңыз "
        "(--since)",
    ),
    "portal.too_large": (
        "ответ портала на {url} больше {limit} МБ: загрузка остановлена",
        "the portal's answer to {url} is larger than {limit} MB: the fetch stopped",
        "порталдың {url} сұрауына жауабы {limit} МБ-тан үлкен: жүктеу тоқтатылды",
    ),
    "portal.too_slow": (
        "ответ портала на {url} идёт дольше {seconds} с: загрузка остановлена",
        "the portal's answer to {url} took longer than {seconds} s: the fetch stopped",
        "порталдың {url} сұрауына жауабы {seconds} с-тан ұзақ: жүктеу тоқтатылды",
    ),
    "portal.http_error": (
        "портал ответил HTTP {status} на {url}",
        "the portal answered HTTP {status} to {url}",
        "портал {url} сұрауына HTTP {status} деп жауап берді",
    ),
    "portal.timeout": (
        "портал не ответил за {seconds} с: {url}",
        "the portal did not answer within {seconds} s: {url}",
        "портал {seconds} с ішінде жауап бермеді: {url}",
    ),
    "portal.no_network": (
        "нет сети ({reason}): сохраните ответы портала вручную и импортируйте файлы",
        "no network ({reason}): save the portal's responses by hand and import the files",
        "желі жоқ ({reason}): портал жауаптарын қолмен сақтап, файлдарды импорттаңыз",
    ),
    "portal.bad_page": (
        "ответ портала на {url} не является ожидаемым JSON: {detail}",
        "the portal's answer to {url} is not the expected JSON: {detail}",
        "порталдың {url} сұрауына жауабы күтілген JSON емес: {detail}",
    ),
    "portal.graphql_error": (
        "портал вернул ошибку GraphQL на {url}: {detail}",
        "the portal returned a GraphQL error to {url}: {detail}",
        "портал {url} сұрауына GraphQL қатесін қайтарды: {detail}",
    ),
    "portal.state_mismatch": (
        "папка {path} уже содержит выгрузку с другими параметрами ({detail}); выберите другую "
        "папку",
        "folder {path} already holds a download with other parameters ({detail}); choose "
        "another folder",
        "{path} қалтасында басқа параметрлермен жасалған жүктеу бар ({detail}); басқа қалтаны "
        "таңдаңыз",
    ),
    "portal.bad_bin": (
        "БИН должен состоять из 12 цифр: «{value}»",
        "a BIN has 12 digits: '{value}'",
        "БСН 12 цифрдан тұруы керек: «{value}»",
    ),
    "portal.unknown_kind": (
        "неизвестный вид данных «{value}»; возможные: {choices}",
        "unknown kind of data '{value}'; possible: {choices}",
        "белгісіз деректер түрі «{value}»; мүмкіндері: {choices}",
    ),
    # --- linking a lot to the portal ------------------------------------------------------
    "app.field.portal_number": ("№ объявления на портале", "Portal announcement no.",
                                "Порталдағы хабарландыру нөмірі"),
    "app.field.portal_lot": ("№ лота на портале", "Portal lot no.", "Порталдағы лот нөмірі"),
    "app.field.portal_contract": ("№ договора на портале", "Portal contract no.",
                                  "Порталдағы шарт нөмірі"),
    "help.arg.portal_contract": (
        "договор на портале (contract_number_sys или id договора): связывает прямой договор "
        "(из одного источника), у которого нет объявления",
        "the contract on the portal (contract_number_sys or the contract's id): links a direct "
        "contract (single source), which has no announcement",
        "порталдағы шарт (contract_number_sys немесе шарт id): хабарландыруы жоқ тікелей "
        "шартты (бір көзден) байланыстырады",
    ),
    "help.arg.portal_number": (
        "номер объявления на goszakup.gov.kz (number_anno, например 15550001-1): связывает лот "
        "с порталом для «import goszakup»",
        "the announcement's number on goszakup.gov.kz (number_anno, e.g. 15550001-1): links the "
        "lot to the portal for 'import goszakup'",
        "goszakup.gov.kz порталындағы хабарландыру нөмірі (number_anno, мысалы 15550001-1): "
        "лотты «import goszakup» үшін порталмен байланыстырады",
    ),
    "help.arg.portal_lot": (
        "номер лота на портале (lot_number), если в объявлении несколько лотов",
        "the lot's number on the portal (lot_number), when the announcement has several lots",
        "хабарландыруда бірнеше лот болса, порталдағы лот нөмірі (lot_number)",
    ),
    "record.bad_portal_number": (
        "номер на портале «{value}» не подходит: одно слово без пробелов, не длиннее 64 "
        "символов",
        "the portal number '{value}' is not valid: one word without spaces, at most 64 "
        "characters",
        "порталдағы нөмір «{value}» жарамсыз: бос орынсыз бір сөз, 64 таңбадан аспауы керек",
    ),
    "record.portal_link_taken": (
        "«{value}» на портале уже связан с лотом {lot} реестра",
        "'{value}' on the portal is already linked to register lot {lot}",
        "порталдағы «{value}» тізілімнің {lot} лотымен байланысқан",
    ),
    # --- importing into the register -----------------------------------------------------
    "portal.conflict": (
        "лот {lot}: этап «{stage}» на портале ({record}): {value}, а в реестре ({event_id}): "
        "{register}; ничего не добавлено, следующие этапы лота ждут. Если верен портал: "
        "администратор аннулирует запись (mics-budget procurement void {event_id} --reason "
        "«…») и повторяет импорт; если верен реестр, ничего делать не нужно",
        "lot {lot}: step '{stage}' on the portal ({record}) has {value}, the register "
        "({event_id}) has {register}; nothing added, the lot's later steps wait. If the portal "
        "is right: an admin voids the entry (mics-budget procurement void {event_id} --reason "
        "'…') and imports again; if the register is right, nothing needs doing",
        "{lot} лоты: порталдағы «{stage}» кезеңі ({record}): {value}, ал тізілімде "
        "({event_id}): {register}; ештеңе қосылмады, лоттың келесі кезеңдері күтеді. Портал "
        "дұрыс болса: әкімші жазбаның күшін жояды (mics-budget procurement void {event_id} "
        "--reason «…») және импортты қайталайды; тізілім дұрыс болса, ештеңе істеудің қажеті "
        "жоқ",
    ),
    "portal.refused": (
        "лот {lot}: этап «{stage}» с портала ({record}) не принят: {reason}; ничего не "
        "добавлено, следующие этапы лота ждут",
        "lot {lot}: step '{stage}' from the portal ({record}) refused: {reason}; nothing "
        "added, the lot's later steps wait",
        "{lot} лоты: порталдан келген «{stage}» кезеңі ({record}) қабылданбады: {reason}; "
        "ештеңе қосылмады, лоттың келесі кезеңдері күтеді",
    ),
    "portal.payment_refused": (
        "лот {lot}: платёж {value} ({record}) не принят: {reason}",
        "lot {lot}: payment {value} ({record}) refused: {reason}",
        "{lot} лоты: {value} төлемі ({record}) қабылданбады: {reason}",
    ),
    "portal.payment_conflict": (
        "лот {lot}: платёж {id} уже есть в платежах с другим значением ({register}), на "
        "портале ({record}): {value}; оставлен как есть",
        "lot {lot}: payment {id} is already in the payments with another value ({register}); "
        "the portal ({record}) says {value}; left as it is",
        "{lot} лоты: {id} төлемі төлемдерде басқа мәнмен бар ({register}), порталда "
        "({record}): {value}; өзгертілмеді",
    ),
    "portal.bad_facts": (
        "файл не читается ({detail}); удалите его и повторите «mics-budget import goszakup»",
        "the file cannot be read ({detail}); delete it and run 'mics-budget import goszakup' "
        "again",
        "файл оқылмайды ({detail}); оны жойып, «mics-budget import goszakup» командасын қайта "
        "орындаңыз",
    ),
    "portal.no_paths": (
        "укажите файлы или папки с сохранёнными ответами портала, или --fetch",
        "give files or folders of saved portal answers, or --fetch",
        "портал жауаптары сақталған файлдарды немесе қалталарды, не болмаса --fetch "
        "көрсетіңіз",
    ),
    "portal.paths_with_fetch": (
        "--fetch загружает ответы портала сам: не указывайте файлы вместе с ним",
        "--fetch downloads the portal's answers itself: give no files with it",
        "--fetch портал жауаптарын өзі жүктейді: онымен бірге файлдарды көрсетпеңіз",
    ),
    "portal.fetch_needs_bin": (
        "для --fetch нужен --bin: БИН заказчика (Бюро) на портале",
        "--fetch needs --bin: the customer's (the Bureau's) BIN on the portal",
        "--fetch үшін --bin қажет: тапсырыс берушінің (Бюроның) порталдағы БСН",
    ),
    "portal.no_token": (
        "нет токена API портала: укажите --token-file ФАЙЛ или переменную окружения "
        "GOSZAKUP_TOKEN (токен выдаётся порталом по письменному запросу на год)",
        "no token for the portal's API: give --token-file FILE or the environment variable "
        "GOSZAKUP_TOKEN (the portal issues a token for a year on a written request)",
        "портал API токені жоқ: --token-file ФАЙЛ немесе GOSZAKUP_TOKEN орта айнымалысын "
        "көрсетіңіз (токенді портал жазбаша сұрау бойынша бір жылға береді)",
    ),
    "portal.token_file": (
        "файл с токеном (--token-file) не читается или пуст: {detail}",
        "the token file (--token-file) cannot be read or is empty: {detail}",
        "токен файлы (--token-file) оқылмайды немесе бос: {detail}",
    ),
    "portal.fetched": (
        "загружено страниц: {fetched}, уже было сохранено: {skipped}; ответы портала "
        "сохранены в {path}",
        "pages downloaded: {fetched}, already saved: {skipped}; the portal's answers are in "
        "{path}",
        "жүктелген беттер: {fetched}, бұрын сақталғаны: {skipped}; портал жауаптары {path} "
        "қалтасында",
    ),
    "import.title": (
        "Импорт с goszakup.gov.kz (файлов прочитано: {files})",
        "Import from goszakup.gov.kz (files read: {files})",
        "goszakup.gov.kz порталынан импорт (оқылған файлдар: {files})",
    ),
    "import.dry_run": (
        "Пробный запуск: ничего не записано, ниже — что было бы добавлено",
        "Dry run: nothing written; below is what would be added",
        "Сынақ іске қосу: ештеңе жазылмады, төменде не қосылатыны көрсетілген",
    ),
    "import.totals": (
        "Итого: событий добавлено {events}, платежей {payments}; уже в реестре {already}; "
        "записей портала пропущено {ignored} (других заказчиков: {other}, не связаны с "
        "лотами реестра: {unlinked}); противоречий {conflicts}, этапов ждут {held}; "
        "проблем в файлах портала {problems}",
        "Totals: events added {events}, payments {payments}; already in the register "
        "{already}; portal records ignored {ignored} (other customers: {other}, not linked to "
        "a register lot: {unlinked}); contradictions {conflicts}, steps waiting {held}; "
        "problems in the portal files {problems}",
        "Барлығы: қосылған оқиғалар {events}, төлемдер {payments}; тізілімде бұрыннан бар "
        "{already}; өткізіп жіберілген портал жазбалары {ignored} (басқа тапсырыс "
        "берушілердікі: {other}, тізілім лоттарымен байланыспаған: {unlinked}); "
        "қайшылықтар {conflicts}, күтетін кезеңдер {held}; портал файлдарындағы мәселелер "
        "{problems}",
    ),
    "import.totals_dry": (
        "Было бы добавлено: событий {events}, платежей {payments}; уже в реестре {already}; "
        "записей портала пропущено {ignored} (других заказчиков: {other}, не связаны с "
        "лотами реестра: {unlinked}); противоречий {conflicts}, этапов ждали бы {held}; "
        "проблем в файлах портала {problems}",
        "Would be added: events {events}, payments {payments}; already in the register "
        "{already}; portal records ignored {ignored} (other customers: {other}, not linked to "
        "a register lot: {unlinked}); contradictions {conflicts}, steps that would wait "
        "{held}; problems in the portal files {problems}",
        "Қосылар еді: оқиғалар {events}, төлемдер {payments}; тізілімде бұрыннан бар "
        "{already}; өткізіп жіберілген портал жазбалары {ignored} (басқа тапсырыс "
        "берушілердікі: {other}, тізілім лоттарымен байланыспаған: {unlinked}); "
        "қайшылықтар {conflicts}, күтер еді {held} кезең; портал файлдарындағы мәселелер "
        "{problems}",
    ),
    "import.nothing": (
        "ничего нового: реестр уже содержит всё, что портал сообщает о связанных лотах",
        "nothing new: the register already holds all the portal says about the linked lots",
        "жаңа ештеңе жоқ: порталдың байланысқан лоттар туралы мәліметтерінің бәрі тізілімде "
        "бар",
    ),
    "col.import_events": ("Событий", "Events", "Оқиғалар"),
    "col.import_stages": ("Этапы", "Steps", "Кезеңдер"),
    "col.import_payments": ("Платежей", "Payments", "Төлемдер"),
    "col.import_paid": ("Сумма платежей", "Payments, sum", "Төлемдер сомасы"),
    "col.import_already": ("Уже в реестре", "Already there", "Тізілімде бар"),
    "col.import_conflicts": ("Противоречий", "Contradictions", "Қайшылықтар"),
    "col.import_held": ("Ждут", "Waiting", "Күтуде"),
    "help.import": ("загрузить данные из внешних систем", "import data from other systems",
                    "сыртқы жүйелерден деректерді жүктеу"),
    "help.import_goszakup": (
        "этапы лотов и казначейские платежи с goszakup.gov.kz: из сохранённых ответов "
        "портала или загрузкой (--fetch)",
        "lot steps and Treasury payments from goszakup.gov.kz: from saved portal answers or "
        "downloaded (--fetch)",
        "goszakup.gov.kz порталынан лот кезеңдері мен қазынашылық төлемдері: сақталған "
        "портал жауаптарынан немесе жүктеу арқылы (--fetch)",
    ),
    "help.gz_paths": (
        "сохранённые ответы портала: файлы .json или папки",
        "saved portal answers: .json files or folders",
        "сақталған портал жауаптары: .json файлдары немесе қалталар",
    ),
    "help.gz_fetch": (
        "загрузить данные заказчика с портала и сохранить ответы в DIR/procurement/portal/"
        "<дата>/",
        "download the customer's data from the portal, saving the answers in "
        "DIR/procurement/portal/<date>/",
        "тапсырыс берушінің деректерін порталдан жүктеп, жауаптарды "
        "DIR/procurement/portal/<күн>/ қалтасына сақтау",
    ),
    "help.gz_bin": (
        "БИН заказчика (Бюро) на портале: записи других заказчиков пропускаются",
        "the customer's (the Bureau's) BIN on the portal: other customers' records are "
        "ignored",
        "тапсырыс берушінің (Бюроның) порталдағы БСН: басқа тапсырыс берушілердің "
        "жазбалары өткізіп жіберіледі",
    ),
    "help.gz_token_file": (
        "файл с токеном API портала (иначе переменная окружения GOSZAKUP_TOKEN)",
        "a file holding the portal's API token (else the environment variable "
        "GOSZAKUP_TOKEN)",
        "портал API токені бар файл (әйтпесе GOSZAKUP_TOKEN орта айнымалысы)",
    ),
    "help.gz_since": (
        "загружать объявления и договоры с этой даты",
        "download announcements and contracts from this date on",
        "хабарландырулар мен шарттарды осы күннен бастап жүктеу",
    ),
    "help.gz_url": ("адрес API портала", "the portal API's address", "портал API мекенжайы"),
    "help.dry_run": (
        "показать, что было бы добавлено, ничего не записывая",
        "show what would be added, writing nothing",
        "ештеңе жазбай, не қосылатынын көрсету",
    ),
    "col.portal_id": ("Источник (портал)", "Source (portal)", "Дереккөз (портал)"),
    "portal.too_many_files": (
        "в папке больше {limit} файлов и папок: укажите папку с ответами портала, а не «{value}»",
        "the folder holds more than {limit} files and folders: give the folder of the portal's "
        "answers, not '{value}'",
        "қалтада {limit} файлдан және қалтадан көп: «{value}» емес, портал жауаптары бар "
        "қалтаны көрсетіңіз",
    ),
    "portal.too_big": (
        "файл больше {limit}: это не ответ портала",
        "the file is larger than {limit}: not an answer of the portal",
        "файл {limit} көлемінен үлкен: бұл портал жауабы емес",
    ),
}
