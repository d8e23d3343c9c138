"""UNICEF's cash transfers and the FACE form (``mics-budget face``).

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    # --- the input file ---
    "face.not_unicef": (
        "мероприятие {value} по плану финансируется не ЮНИСЕФ ({funding}): перевод ЮНИСЕФ "
        "по нему невозможен",
        "activity {value} is not UNICEF-funded in the plan ({funding}): no UNICEF transfer "
        "can be for it",
        "{value} іс-шарасы жоспар бойынша ЮНИСЕФ қаржыландырмайды ({funding}): ол бойынша "
        "ЮНИСЕФ аударымы болмайды",
    ),
    "face.duplicate_reference": (
        "номер перевода «{value}» повторяется; строка не учтена",
        "transfer reference '{value}' is duplicated; row left out",
        "«{value}» аударым нөмірі қайталанады; жол есепке алынбады",
    ),
    "face.unknown_modality": (
        "неизвестный вид перевода «{value}» (dct — аванс, reimbursement — возмещение, "
        "direct_payment — прямая оплата)",
        "unknown modality '{value}' (dct, reimbursement, direct_payment)",
        "белгісіз аударым түрі «{value}» (dct — аванс, reimbursement — өтеу, direct_payment — "
        "тікелей төлем)",
    ),
    "face.period_reversed": (
        "конец периода {value} раньше его начала {start}",
        "the period ends on {value}, before it starts on {start}",
        "кезең соңы {value} оның басы {start} күнінен бұрын",
    ),
    "face.negative": (
        "принятые расходы не могут быть отрицательными: «{value}»",
        "accepted expenditure cannot be negative: '{value}'",
        "қабылданған шығыстар теріс болмауы тиіс: «{value}»",
    ),
    "face.not_positive": (
        "сумма перевода должна быть больше нуля: «{value}»",
        "a transfer's amount must be positive: '{value}'",
        "аударым сомасы нөлден үлкен болуы тиіс: «{value}»",
    ),
    "face.not_usd": (
        "переводы ЮНИСЕФ принимаются в долларах США (USD), а указано «{value}»",
        "UNICEF transfers are read in US dollars (USD), not '{value}'",
        "ЮНИСЕФ аударымдары АҚШ долларымен (USD) қабылданады, ал көрсетілгені: «{value}»",
    ),
    "face.accepted_above_amount": (
        "принято ЮНИСЕФ ({value}) больше суммы аванса ({amount})",
        "UNICEF accepted ({value}) more than the advance ({amount})",
        "ЮНИСЕФ қабылдағаны ({value}) аванс сомасынан ({amount}) көп",
    ),
    # --- the command ---
    "face.bad_quarter": (
        "неверный квартал «{value}»: нужен вид ГГГГQN, например 2025Q2",
        "invalid quarter '{value}': write YYYYQN, e.g. 2025Q2",
        "тоқсан қате: «{value}» — ЖЖЖЖQN түрінде жазыңыз, мысалы 2025Q2",
    ),
    "face.request_not_after": (
        "квартал запроса {request} должен идти после отчётного квартала {quarter}",
        "the request's quarter {request} must come after the reporting quarter {quarter}",
        "сұрау тоқсаны ({request}) есепті тоқсаннан ({quarter}) кейін болуы тиіс",
    ),
    "face.not_unicef_request": (
        "запрос по мероприятиям, которые ЮНИСЕФ не финансирует: {activities}",
        "a request for activities UNICEF does not fund: {activities}",
        "ЮНИСЕФ қаржыландырмайтын іс-шаралар бойынша сұрау: {activities}",
    ),
    "face.bad_amount": (
        "неверный запрос «{value}»: нужен вид МЕРОПРИЯТИЕ=СУММА, например 6.3=12000",
        "invalid request '{value}': write ACTIVITY=AMOUNT, e.g. 6.3=12000",
        "сұрау қате: «{value}» — ІС-ШАРА=СОМА түрінде жазыңыз, мысалы 6.3=12000",
    ),
    "face.no_usd_rate": (
        "нет курса доллара НБРК на {day} или раньше для платежа {payment}",
        "no NBK dollar rate on or before {day} for payment {payment}",
        "{payment} төлемі үшін {day} күнгі немесе одан бұрынғы ҚР ҰБ доллар бағамы жоқ",
    ),
    "face.no_unore_rate": (
        "нет курса ООН (UNORE) за {month} для платежа {payment}: загрузите его "
        "(mics-budget import unore)",
        "no UN operational rate (UNORE) for {month} for payment {payment}: import it "
        "(mics-budget import unore)",
        "{payment} төлемі үшін {month} айының БҰҰ бағамы (UNORE) жоқ: оны жүктеңіз "
        "(mics-budget import unore)",
    ),
    "face.needs_quarter": (
        "укажите --quarter ГГГГQN (форма) или --check --as-of ДАТА (проверки)",
        "give --quarter YYYYQN (the form) or --check --as-of DATE (the checks)",
        "--quarter ЖЖЖЖQN (нысан) немесе --check --as-of КҮН (тексерулер) көрсетіңіз",
    ),
    "face.check_no_xlsx": (
        "проверки выводятся как таблица или json (--format table|json); xlsx — только форма",
        "the checks are a table or json (--format table|json); xlsx is for the form only",
        "тексерулер кесте немесе json түрінде шығады (--format table|json); xlsx — тек нысан",
    ),
    "face.xlsx_needs_out": (
        "для формата xlsx укажите файл: --out FACE.xlsx",
        "the xlsx format needs a file: --out FACE.xlsx",
        "xlsx пішімі үшін файлды көрсетіңіз: --out FACE.xlsx",
    ),
    "face.written": ("форма FACE записана: {path}", "FACE form written: {path}",
                     "FACE нысаны жазылды: {path}"),
    "help.face": (
        "форма FACE ЮНИСЕФ за квартал (авансы, расходы, запрос) и проверки правил ЮНИСЕФ",
        "UNICEF's FACE form of a quarter (advances, expenditure, request) and UNICEF's checks",
        "тоқсандағы ЮНИСЕФ-тің FACE нысаны (аванстар, шығыстар, сұрау) және ЮНИСЕФ "
        "ережелерін тексеру",
    ),
    "help.face_quarter": ("отчётный квартал, например 2025Q2", "the reporting quarter, e.g. "
                          "2025Q2", "есепті тоқсан, мысалы 2025Q2"),
    "help.face_request": ("квартал нового запроса (столбцы E–G), например 2025Q3",
                          "the quarter of the new request (columns E–G), e.g. 2025Q3",
                          "жаңа сұрау тоқсаны (E–G бағандары), мысалы 2025Q3"),
    "help.face_amount": (
        "запрошенные суммы в USD вместо плана: 6.3=12000,4.2=500",
        "requested amounts in USD instead of the plan's: 6.3=12000,4.2=500",
        "жоспардың орнына сұралған сомалар (USD): 6.3=12000,4.2=500",
    ),
    "help.face_check": (
        "только проверки правил ЮНИСЕФ на дату --as-of",
        "only UNICEF's checks, as of --as-of",
        "тек ЮНИСЕФ ережелерін --as-of күніне тексеру",
    ),
    "help.face_format": ("формат: table, json или xlsx", "format: table, json or xlsx",
                         "пішім: table, json немесе xlsx"),
    # --- the form ---
    "face.title": (
        "Форма FACE (разрешение на финансирование и удостоверение расходов), {period}",
        "FACE form (Funding Authorization and Certificate of Expenditures), {period}",
        "FACE нысаны (қаржыландыруға рұқсат және шығыстар куәлігі), {period}",
    ),
    "face.partner": (
        "Партнёр: Бюро национальной статистики АСПиР РК · Программа: MICS · Валюта: {currency}",
        "Partner: Bureau of National Statistics, Kazakhstan · Programme: MICS · Currency: "
        "{currency}",
        "Серіктес: ҚР СЖРА Ұлттық статистика бюросы · Бағдарлама: MICS · Валюта: {currency}",
    ),
    "face.request_period": ("Новый запрос: {period}", "New request: {period}",
                            "Жаңа сұрау: {period}"),
    "face.modality.dct": ("аванс (DCT)", "advance (DCT)", "аванс (DCT)"),
    "face.modality.reimbursement": ("возмещение", "reimbursement", "өтеу"),
    "face.modality.direct_payment": ("прямая оплата", "direct payment", "тікелей төлем"),
    "face.reporting": ("Отчёт", "Reporting", "Есеп"),
    "face.requests": ("Запрос / разрешение", "Requests / authorizations",
                      "Сұрау / рұқсат"),
    "face.col.activity": ("Мероприятие", "Activity", "Іс-шара"),
    "face.col.title": ("Описание мероприятия", "Activity description", "Іс-шара сипаттамасы"),
    "face.col.modalities": ("Вид перевода", "Modality", "Аударым түрі"),
    "face.col.references": ("Переводы", "Transfers", "Аударымдар"),
    "face.col.A": ("A. Разрешено на период", "A. Authorised amount", "A. Кезеңге рұқсат"),
    "face.col.B": ("B. Фактические расходы", "B. Actual expenditure", "B. Нақты шығыстар"),
    "face.col.C": ("C. Принято ЮНИСЕФ", "C. Accepted by UNICEF", "C. ЮНИСЕФ қабылдады"),
    "face.col.D": ("D. Остаток (A − C)", "D. Balance (A − C)", "D. Қалдық (A − C)"),
    "face.col.E": ("E. Новый запрос", "E. New request", "E. Жаңа сұрау"),
    "face.col.F": ("F. Разрешено (ЮНИСЕФ)", "F. Authorised amount", "F. Рұқсат етілді"),
    "face.col.G": ("G. Итого к отчёту (D + F)", "G. Outstanding authorised (D + F)",
                   "G. Есеп берілетіні (D + F)"),
    "face.col.B_kzt": ("B в тенге (по учёту)", "B in tenge (as booked)",
                       "B теңгемен (есеп бойынша)"),
    "face.col.fx_difference": ("Курсовая разница (UNORE − НБРК)", "FX gain/loss (UNORE − NBK)",
                               "Бағам айырмасы (UNORE − ҚР ҰБ)"),
    "face.total": ("Итого", "Total", "Барлығы"),
    "face.rate_note": (
        "B в долларах: платежи в долларах — как есть, платежи в тенге (здесь: {count}) — по "
        "курсу НБРК на дату платежа; «B в тенге» — те же расходы в тенге, как их учитывает "
        "сводка по источникам. Курсовая разница — платежи в тенге по курсу ООН (UNORE) месяца "
        "минус по курсу НБРК; показана отдельно и в итоги не входит.",
        "B in dollars: payments in dollars as they are, payments in tenge (here: {count}) at "
        "the NBK rate of the payment's date; 'B in tenge' is the same expenditure in tenge, as "
        "the summary by source books it. The FX gain/loss is the payments in tenge at the UN "
        "operational rate (UNORE) of their month minus at the NBK rate, shown apart and never "
        "in a total.",
        "B долларымен: доллардағы төлемдер — сол күйінде, теңгедегі төлемдер (мұнда: "
        "{count}) — төлем күнгі ҚР ҰБ бағамы бойынша; «B теңгемен» — дереккөздер бойынша "
        "жиынтықтағыдай теңгедегі сол шығыстар. Бағам айырмасы — теңгедегі төлемдер айдың БҰҰ "
        "бағамы (UNORE) бойынша минус ҚР ҰБ бағамы бойынша; бөлек көрсетілген және "
        "қорытындыға кірмейді.",
    ),
    "face.pending_note": (
        "* — отчёт по переводу ещё не принят ЮНИСЕФ (C пусто, считается 0)",
        "* — UNICEF has not yet accepted the report on the transfer (C empty, counted 0)",
        "* — аударым бойынша есепті ЮНИСЕФ әлі қабылдаған жоқ (C бос, 0 деп есептеледі)",
    ),
    "face.certification": (
        "Удостоверение: нижеподписавшийся уполномоченный представитель партнёра удостоверяет, "
        "что указанные выше средства запрошены на мероприятия согласованного плана работ, а "
        "отчитанные расходы произведены в соответствии с ним; подтверждающие документы "
        "хранятся пять лет и предоставляются ЮНИСЕФ по запросу.",
        "Certification: the undersigned authorised officer of the implementing partner "
        "certifies that the funds above are requested for the activities of the agreed work "
        "plan and that the expenditures reported were made in accordance with it; the "
        "supporting documents are kept for five years and made available to UNICEF on request.",
        "Куәландыру: серіктестің төменде қол қойған уәкілетті өкілі жоғарыда көрсетілген "
        "қаражат келісілген жұмыс жоспарының іс-шараларына сұралғанын және есеп берілген "
        "шығыстар соған сәйкес жүргізілгенін куәландырады; растайтын құжаттар бес жыл "
        "сақталады және ЮНИСЕФ сұрауы бойынша ұсынылады.",
    ),
    "face.sign_name": ("ФИО и должность: ______________________________",
                       "Name and title: ______________________________",
                       "Аты-жөні және лауазымы: ______________________________"),
    "face.sign_signature": ("Подпись: ____________________   Дата: ____________",
                            "Signature: ____________________   Date: ____________",
                            "Қолы: ____________________   Күні: ____________"),
    "face.sign_unicef": ("Для ЮНИСЕФ (разрешение, столбец F): ______________________________",
                         "For UNICEF (authorisation, column F): ______________________________",
                         "ЮНИСЕФ үшін (рұқсат, F бағаны): ______________________________"),
    "face.warnings": ("Предупреждения", "Warnings", "Ескертулер"),
    "face.checks_title": ("Проверки правил ЮНИСЕФ на {date}", "UNICEF's checks as of {date}",
                          "ЮНИСЕФ ережелерін тексеру, күні: {date}"),
    "face.no_flags": ("Нарушений правил ЮНИСЕФ нет", "No breach of UNICEF's rules",
                      "ЮНИСЕФ ережелерін бұзу жоқ"),
    "face.col.date": ("Дата перевода", "Transfer date", "Аударым күні"),
    "face.col.amount": ("Сумма, USD", "Amount, USD", "Сомасы, USD"),
    "face.col.accepted": ("Принято, USD", "Accepted, USD", "Қабылданды, USD"),
    "face.col.outstanding": ("Не закрыто, USD", "Outstanding, USD", "Жабылмаған, USD"),
    "face.col.age_days": ("Возраст, дн.", "Age, days", "Мерзімі, күн"),
    "table.unicef_advances": ("Открытые авансы ЮНИСЕФ и их возраст",
                              "UNICEF advances outstanding and their age",
                              "ЮНИСЕФ-тің ашық аванстары және олардың мерзімі"),
    "sheet.unicef_advances": ("Авансы ЮНИСЕФ", "UNICEF advances", "ЮНИСЕФ аванстары"),
    "table.unicef_checks": ("Проверки правил ЮНИСЕФ (HACT)", "UNICEF's checks (HACT)",
                            "ЮНИСЕФ ережелерін тексеру (HACT)"),
    "sheet.unicef_checks": ("Проверки ЮНИСЕФ", "UNICEF checks", "ЮНИСЕФ тексерулері"),
    "dash.advances": ("ЮНИСЕФ: открытые авансы", "UNICEF: advances outstanding",
                      "ЮНИСЕФ: ашық аванстар"),
    "dash.advance_age": ("{days} дн.", "{days} days", "{days} күн"),
    "dash.no_advances": ("Открытых авансов нет", "No advance outstanding", "Ашық аванс жоқ"),
    "face.col.check": ("Проверка", "Check", "Тексеру"),
    "face.col.reference": ("Перевод", "Transfer", "Аударым"),
    "face.col.message": ("Что не так", "Finding", "Не дұрыс емес"),
    "face.check.overdue": ("аванс > 6 мес.", "advance > 6 months", "аванс > 6 ай"),
    "face.check.overspent": ("перерасход > 20 %", "overspent > 20 %", "артық шығын > 20 %"),
    "face.check.reallocation": ("перераспределение > 20 %", "reallocation > 20 %",
                                "қайта бөлу > 20 %"),
    "face.check.request_while_overdue": ("запрос при старом авансе",
                                         "request with an old advance open",
                                         "ескі аванс ашық кезде сұрау"),
    # --- the checks ---
    "face.flag_overdue": (
        "аванс {reference} (мероприятие {activity}) не закрыт принятыми расходами {age_months} "
        "мес. ({age_days} дн.): не закрыто {outstanding}",
        "advance {reference} (activity {activity}) not liquidated for {age_months} months "
        "({age_days} days): {outstanding} outstanding",
        "{reference} авансы (іс-шара: {activity}) қабылданған шығыстармен жабылмаған, мерзімі: "
        "{age_months} ай ({age_days} күн); жабылмағаны: {outstanding}",
    ),
    "face.flag_overspent": (
        "расходы по мероприятию {activity} ({spent}) превышают разрешённое по {reference} "
        "({authorised}) на {percent} %: нужно согласие ЮНИСЕФ",
        "expenditure on activity {activity} ({spent}) exceeds what {reference} authorised "
        "({authorised}) by {percent} %: needs UNICEF's approval",
        "іс-шара бойынша шығыстар (іс-шара: {activity}; сомасы: {spent}) {reference} рұқсат "
        "еткен сомадан ({authorised}) {percent} % асады: ЮНИСЕФ келісімі қажет",
    ),
    "face.flag_reallocation": (
        "за период {start} – {end} между мероприятиями {activity} перераспределено {moved} "
        "({percent} % от разрешённых {authorised}; переводы {reference}): нужно согласие ЮНИСЕФ",
        "in {start} – {end}, {moved} was reallocated between activities {activity} "
        "({percent} % of the {authorised} authorised; transfers {reference}): needs UNICEF's "
        "approval",
        "{start} – {end} кезеңінде іс-шаралар арасында ({activity}) қайта бөлінген сома: "
        "{moved} (рұқсат етілген {authorised} сомасының {percent} %; аударымдар: {reference}): "
        "ЮНИСЕФ келісімі қажет",
    ),
    "face.flag_request_while_overdue": (
        "новый запрос {reference} (мероприятие {activity}) при открытом авансе {old} старше "
        "6 мес. ({age_months} мес.)",
        "new request {reference} (activity {activity}) while advance {old} is open for more "
        "than 6 months ({age_months} months)",
        "жаңа сұрау {reference} (іс-шара: {activity}), ал 6 айдан ескі аванс ашық: {old} "
        "({age_months} ай)",
    ),
}
