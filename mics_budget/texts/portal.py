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
        "запись {record}: неизвестный код статуса {value}; этапы по нему не выведены",
        "record {record}: unknown status code {value}; no step derived from it",
        "{record} жазбасы: белгісіз мәртебе коды {value}; ол бойынша кезеңдер шығарылмады",
    ),
    "portal.unknown_method": (
        "запись {record}: способ закупки с кодом {value} не сопоставлен со способами реестра",
        "record {record}: procurement method code {value} has no register equivalent",
        "{record} жазбасы: {value} кодты сатып алу тәсілі тізілім тәсілдерімен "
        "сәйкестендірілмеген",
    ),
    "portal.method_differs": (
        "лот {lot}: способ закупки на портале ({value}) не совпадает со способом в реестре "
        "({method})",
        "lot {lot}: the portal's procurement method ({value}) differs from the register's "
        "({method})",
        "{lot} лоты: порталдағы сатып алу тәсілі ({value}) тізілімдегі тәсілмен ({method}) "
        "сәйкес келмейді",
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
        "лот {lot}: этап «{value}» ({portal_id}, {date}) недопустим после этапа «{stage}» "
        "(возможно: {allowed}); не выведен",
        "lot {lot}: step '{value}' ({portal_id}, {date}) is not allowed after stage '{stage}' "
        "(allowed: {allowed}); not derived",
        "{lot} лоты: «{value}» кезеңі ({portal_id}, {date}) «{stage}» кезеңінен кейін рұқсат "
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
}
