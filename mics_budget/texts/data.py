"""Reading and checking the data files: problems shown as file:row: column: message.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "load.ambiguous_file": (
        "для одних данных несколько файлов: {files}; оставьте один (ни один не прочитан)",
        "several files for one input: {files}; keep one (none was read)",
        "бір деректер үшін бірнеше файл бар: {files}; біреуін қалдырыңыз (ешқайсысы оқылмады)",
    ),
    "load.bad_encoding": (
        "не удалось определить кодировку (ожидаются UTF-8 или Windows-1251)",
        "unknown text encoding (expected UTF-8 or Windows-1251)",
        "кодтауды анықтау мүмкін болмады (UTF-8 немесе Windows-1251 күтіледі)",
    ),
    "load.bad_xlsx": (
        "книга Excel повреждена ({value})",
        "the Excel workbook is broken ({value})",
        "Excel кітабы бүлінген ({value})",
    ),
    "load.duplicate_column": (
        "столбец «{value}» повторяется; используется первый",
        "column '{value}' appears twice; the first one is used",
        "«{value}» бағаны қайталанады; біріншісі пайдаланылады",
    ),
    "problem.bad_budget_code": (
        "код бюджетной классификации «{value}» — не число из 1–3 цифр",
        "the budget classification code '{value}' is not a number of 1–3 digits",
        "«{value}» бюджеттік сыныптама коды 1–3 цифрлы сан емес",
    ),
    "problem.program_differs": (
        "программа платежа {value} не совпадает с программой строки бюджета {budget} "
        "(мероприятие {activity}, специфика {specifics}); платёж учтён",
        "the payment's programme {value} differs from its budget line's {budget} (activity "
        "{activity}, specifics {specifics}); the payment counts",
        "төлемнің {value} бағдарламасы бюджет жолының {budget} бағдарламасымен сәйкес емес "
        "({activity} іс-шарасы, {specifics} ерекшелігі); төлем есепке алынды",
    ),
    "load.empty_file": (
        "файл пуст: нет строки заголовка",
        "the file is empty: no header row",
        "файл бос: тақырып жолы жоқ",
    ),
    "load.formula_no_value": (
        "формула «{value}» без вычисленного значения: откройте книгу в Excel и сохраните её",
        "formula '{value}' has no computed value: open the workbook in Excel and save it",
        "«{value}» формуласының есептелген мәні жоқ: кітапты Excel-де ашып, сақтаңыз",
    ),
    "load.no_rows": (
        "в файле нет строк с данными",
        "the file has no data rows",
        "файлда деректері бар жол жоқ",
    ),
    "load.not_text": (
        "файл не является текстовым CSV (возможно, это книга Excel с другим расширением)",
        "the file is not a text CSV (perhaps an Excel workbook with another extension)",
        "файл мәтіндік CSV емес (мүмкін, бұл басқа кеңейтімі бар Excel кітабы)",
    ),
    "load.not_xlsx": (
        "файл с расширением .xlsx не является книгой Excel; сохраните его как .xlsx или .csv",
        "the .xlsx file is not an Excel workbook; save it as .xlsx or .csv",
        ".xlsx кеңейтімі бар файл Excel кітабы емес; оны .xlsx немесе .csv ретінде сақтаңыз",
    ),
    "load.outside_folder": (
        "файл — ссылка за пределы папки данных; такие файлы не читаются",
        "the file is a link leading out of the data folder; such files are not read",
        "файл — деректер қалтасынан тыс жерге апаратын сілтеме; мұндай файлдар оқылмайды",
    ),
    "load.ragged_row": (
        "число полей в строке не совпадает с заголовком ({count}); строка не учтена",
        "the row does not have the header's {count} fields; row left out",
        "жолдағы өрістер саны тақырып жолындағы өрістер санымен ({count}) сәйкес келмейді; жол "
        "есепке алынбады",
    ),
    "load.too_many_columns": (
        "в заголовке {value} столбцов (больше {limit}): это не таблица данных; файл не прочитан",
        "the header has {value} columns (over {limit}): not a data table; file not read",
        "тақырып жолында {value} баған бар (шегі — {limit}): бұл деректер кестесі емес; файл "
        "оқылмады",
    ),
    "load.totals_too_large": (
        "сумм в файле больше, чем можно сложить точно (более 4·10^16 тенге в сумме): итоги не "
        "считаются; проверьте файл",
        "the file's amounts add up to more than can be summed exactly (over 4·10^16 tenge): no "
        "totals are computed; check the file",
        "файлдағы сомалардың жиыны дәл қосуға болатын шектен асады (барлығы 4·10^16 теңгеден "
        "астам): қорытындылар есептелмейді; файлды тексеріңіз",
    ),
    "load.unreadable": (
        "файл не читается: {value}",
        "cannot read the file: {value}",
        "файл оқылмайды: {value}",
    ),
    "load.unreadable_row": (
        "строку не удалось прочитать как CSV; строка не учтена",
        "the row cannot be read as CSV; row left out",
        "жолды CSV ретінде оқу мүмкін болмады; жол есепке алынбады",
    ),
    "problem.amount_too_large": (
        "сумма «{value}» больше {limit}: вероятно, опечатка; строка не учтена",
        "amount '{value}' is above {limit}: probably a typing error; row left out",
        "«{value}» сомасы {limit} шегінен асады: қате терілген болуы мүмкін; жол есепке алынбады",
    ),
    "problem.bad_date": ("неверная дата «{value}»", "invalid date '{value}'", "қате күн «{value}»"),
    "problem.bad_month": (
        "неверный месяц «{value}» (1–12 или название)",
        "invalid month '{value}' (1-12 or a name)",
        "қате ай «{value}» (1–12 немесе атауы)",
    ),
    "problem.bad_number": ("не число: «{value}»", "not a number: '{value}'", "сан емес: «{value}»"),
    "problem.bad_year": ("неверный год «{value}»", "invalid year '{value}'", "қате жыл «{value}»"),
    "problem.contract_no_amount": (
        "для статуса договора нужна сумма",
        "a contract status needs an amount",
        "шарт мәртебесі үшін сома қажет",
    ),
    "problem.currency_sign": (
        "в сумме «{value}» знак валюты: укажите число, а валюту в столбце currency",
        "amount '{value}' carries a currency sign: give the number, the currency goes in the "
        "currency column",
        "«{value}» сомасында валюта белгісі бар: санды көрсетіңіз, ал валютаны currency "
        "бағанына жазыңыз",
    ),
    "problem.duplicate_completion": (
        "мероприятие {value} отмечено выполненным повторно; учитывается самая ранняя дата",
        "activity {value} is marked done more than once; the earliest date counts",
        "{value} іс-шарасы орындалды деп қайта белгіленген; ең ерте күні есепке алынады",
    ),
    "problem.duplicate_id": (
        "номер платежа «{value}» повторяется; строка не учтена",
        "payment id '{value}' is duplicated; row left out",
        "«{value}» төлем нөмірі қайталанады; жол есепке алынбады",
    ),
    "problem.duplicate_lot": (
        "лот «{value}» повторяется",
        "lot '{value}' is duplicated",
        "«{value}» лоты қайталанады",
    ),
    "problem.duplicate_rate": (
        "курс на дату {value} повторяется; берётся последний",
        "the rate of {value} is given twice; the last one is used",
        "{value} күнгі бағам қайталанады; соңғысы алынады",
    ),
    "problem.financing_plan_total": (
        "помесячный план {value} в сумме {monthly} не равен годовому плану {plan}",
        "the monthly plan of {value} adds up to {monthly}, not the annual plan {plan}",
        "{value} бойынша айлық жоспардың жиыны ({monthly}) жылдық жоспарға ({plan}) тең емес",
    ),
    "problem.lot_not_procurement": (
        "мероприятие {value} по плану не является госзакупом",
        "activity {value} is not a state procurement in the plan",
        "{value} іс-шарасы жоспар бойынша мемлекеттік сатып алу болып табылмайды",
    ),
    "problem.missing_columns": (
        "нет обязательных столбцов: {missing}; найдены: {found}",
        "required columns missing: {missing}; found: {found}",
        "міндетті бағандар жоқ: {missing}; табылғандары: {found}",
    ),
    "problem.missing_id": (
        "не указан номер платежа",
        "the payment has no id",
        "төлем нөмірі көрсетілмеген",
    ),
    "problem.missing_lot_id": (
        "не указан номер лота",
        "the lot has no id",
        "лот нөмірі көрсетілмеген",
    ),
    "problem.missing_rate": (
        "нет курса {currency} на {value} и в 10 предыдущих днях: строка не учтена в итогах",
        "no {currency} rate on {value} or in the 10 days before: row left out of totals",
        "{value} күні де, алдыңғы 10 күнде де {currency} бағамы жоқ: жол қорытындыларға "
        "енгізілмеді",
    ),
    "problem.missing_value": (
        "пустая ячейка в обязательном столбце",
        "empty cell in a required column",
        "міндетті бағандағы ұяшық бос",
    ),
    "problem.more_rows": (
        "и ещё {count} строк с той же проблемой (строки {first}–{last})",
        "and {count} more rows with the same problem (rows {first} to {last})",
        "және осындай мәселесі бар тағы {count} жол ({first}–{last} жолдар)",
    ),
    "problem.negative_budget": (
        "сумма бюджета не может быть отрицательной: «{value}»",
        "a budget amount cannot be negative: '{value}'",
        "бюджет сомасы теріс болмауы тиіс: «{value}»",
    ),
    "problem.no_budget_line": (
        "платёж по мероприятию {activity} в {year} году, а бюджет на {year} год по нему ничего "
        "не выделяет (нет утверждённой или уточнённой строки с суммой)",
        "a payment on activity {activity} in {year}, but the budget allots it nothing for "
        "{year} (no approved or adjusted line with an amount)",
        "{activity} іс-шарасы бойынша {year} жылы төлем бар, бірақ бюджет оған {year} жылға "
        "ештеңе бөлмейді (сомасы көрсетілген бекітілген немесе нақтыланған жол жоқ)",
    ),
    "problem.no_funding": (
        "мероприятие {value} по плану не требует финансирования, а сумма указана",
        "activity {value} needs no money in the plan, yet an amount is given",
        "{value} іс-шарасы жоспар бойынша қаржыландыруды талап етпейді, бірақ сома көрсетілген",
    ),
    "problem.non_positive_quant": (
        "кратность (quant) должна быть больше нуля: «{value}»",
        "the quant must be positive: '{value}'",
        "еселік (quant) нөлден үлкен болуы тиіс: «{value}»",
    ),
    "problem.non_positive_rate": (
        "курс должен быть больше нуля: «{value}»",
        "the rate must be positive: '{value}'",
        "бағам нөлден үлкен болуы тиіс: «{value}»",
    ),
    "problem.outside_activity_period": (
        "платёж {value} вне срока мероприятия {activity} по плану ({period})",
        "payment dated {value}, outside the plan's period of activity {activity} ({period})",
        "{value} күнгі төлем жоспар бойынша {activity} іс-шарасының мерзімінен ({period}) тыс",
    ),
    "problem.outside_years": (
        "дата {value} вне периода плана {first}–{last}",
        "date {value} is outside the plan's years {first}-{last}",
        "{value} күні жоспардың {first}–{last} жылдар кезеңінен тыс",
    ),
    "problem.refund_without_ref": (
        "отрицательная сумма «{value}» — это возврат: укажите refund_of (номер платежа)",
        "negative amount '{value}' is a refund: refund_of (a payment id) is required",
        "«{value}» теріс сомасы — бұл қайтару: refund_of (төлем нөмірі) көрсетіңіз",
    ),
    "problem.stale_rate": (
        "на {value} курса нет, применён курс на {rate_date}",
        "no rate on {value}: the rate of {rate_date} was used",
        "{value} күні бағам жоқ, {rate_date} күнгі бағам қолданылды",
    ),
    "problem.unknown_activity": (
        "неизвестное мероприятие «{value}»",
        "unknown activity '{value}'",
        "белгісіз іс-шара «{value}»",
    ),
    "problem.stale_rate_rows": (
        "на {value} курса {currency} нет, применён курс на {rate_date} "
        "(строк: {count}, с {first} по {last})",
        "no {currency} rate on {value}: the rate of {rate_date} was used "
        "({count} rows, {first} to {last})",
        "{value} күні {currency} бағамы жоқ, {rate_date} күнгі бағам қолданылды "
        "(жолдар саны: {count}, {first}–{last})",
    ),
    "problem.unknown_currency": (
        "неизвестная валюта «{value}» (нужен код ISO 4217)",
        "unknown currency '{value}' (an ISO 4217 code is needed)",
        "белгісіз валюта «{value}» (ISO 4217 коды қажет)",
    ),
    "problem.unknown_kind": (
        "неизвестный вид «{value}» (обязательства или платежи)",
        "unknown kind '{value}' (obligations or payments)",
        "белгісіз түр «{value}» (міндеттемелер немесе төлемдер)",
    ),
    "problem.unknown_law": (
        "неизвестная редакция закона «{value}» (известны: {choices})",
        "unknown law version '{value}' (known: {choices})",
        "заңның белгісіз редакциясы «{value}» (белгілілері: {choices})",
    ),
    "problem.unknown_lot": (
        "неизвестный лот «{value}»",
        "unknown lot '{value}'",
        "белгісіз лот «{value}»",
    ),
    "problem.unknown_method": (
        "неизвестный способ закупки «{value}» (open_tender, auction, price_quotations, "
        "single_source, e_shop, commodity_exchange)",
        "unknown procurement method '{value}' (open_tender, auction, price_quotations, "
        "single_source, e_shop, commodity_exchange)",
        "белгісіз сатып алу тәсілі «{value}» (open_tender, auction, price_quotations, "
        "single_source, e_shop, commodity_exchange)",
    ),
    "problem.unknown_phase": (
        "неизвестный этап «{value}» (proposed/approved/adjusted: заявка, утверждено, уточнено)",
        "unknown phase '{value}' (proposed, approved or adjusted)",
        "белгісіз кезең «{value}» (proposed/approved/adjusted: бюджеттік өтінім, бекітілген, "
        "нақтыланған)",
    ),
    "problem.unknown_rate_source": (
        "неизвестный источник курса «{value}» (NBK или UNORE)",
        "unknown rate source '{value}' (NBK or UNORE)",
        "бағамның белгісіз көзі «{value}» (NBK немесе UNORE)",
    ),
    "problem.unknown_refund": (
        "возврат по неизвестному платежу «{value}»",
        "refund of an unknown payment '{value}'",
        "белгісіз төлем бойынша қайтару «{value}»",
    ),
    "problem.unknown_source": (
        "неизвестный источник «{value}» (ожидается РБ или ЮНИСЕФ)",
        "unknown source '{value}' (expected RB or UNICEF)",
        "белгісіз қаржыландыру көзі «{value}» (РБ немесе ЮНИСЕФ күтіледі)",
    ),
    "problem.unknown_status": (
        "неизвестный статус «{value}»",
        "unknown status '{value}'",
        "белгісіз мәртебе «{value}»",
    ),
    "problem.wrong_source": (
        "источник «{value}» не совпадает с финансированием по плану ({funding})",
        "source '{value}' differs from the plan's funding ({funding})",
        "«{value}» көзі жоспар бойынша қаржыландыруға ({funding}) сәйкес келмейді",
    ),
    "problem.zero_amount": ("нулевая сумма", "zero amount", "нөлдік сома"),
    "to_utf8.done": (
        "{file}: {encoding} → UTF-8",
        "{file}: {encoding} → UTF-8",
        "{file}: {encoding} → UTF-8",
    ),
    "to_utf8.nothing": (
        "все CSV-файлы уже в UTF-8",
        "every CSV file is already UTF-8",
        "барлық CSV файлдары UTF-8 кодтауында",
    ),
    "validate.found": (
        "Ошибок: {errors}, предупреждений: {warnings}. Список: {path}",
        "{errors} errors, {warnings} warnings. List: {path}",
        "Қателер: {errors}, ескертулер: {warnings}. Тізім: {path}",
    ),
    "validate.ok": (
        "Ошибок не найдено (предупреждений: {warnings}).",
        "No errors found ({warnings} warnings).",
        "Қате табылған жоқ (ескертулер: {warnings}).",
    ),
}
