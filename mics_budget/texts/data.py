"""Reading and checking the data files: problems shown as file:row: column: message.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "load.ambiguous_file": (
        "для одних данных несколько файлов: {files}; оставьте один (ни один не прочитан)",
        "several files for one input: {files}; keep one (none was read)",
    ),
    "load.bad_encoding": (
        "не удалось определить кодировку (ожидаются UTF-8 или Windows-1251)",
        "unknown text encoding (expected UTF-8 or Windows-1251)",
    ),
    "load.bad_xlsx": ("книга Excel повреждена ({value})", "the Excel workbook is broken ({value})"),
    "load.duplicate_column": (
        "столбец «{value}» повторяется; используется первый",
        "column '{value}' appears twice; the first one is used",
    ),
    "load.empty_file": ("файл пуст: нет строки заголовка", "the file is empty: no header row"),
    "load.formula_no_value": (
        "формула «{value}» без вычисленного значения: откройте книгу в Excel и сохраните её",
        "formula '{value}' has no computed value: open the workbook in Excel and save it",
    ),
    "load.no_rows": ("в файле нет строк с данными", "the file has no data rows"),
    "load.not_text": (
        "файл не является текстовым CSV (возможно, это книга Excel с другим расширением)",
        "the file is not a text CSV (perhaps an Excel workbook with another extension)",
    ),
    "load.not_xlsx": (
        "файл с расширением .xlsx не является книгой Excel; сохраните его как .xlsx или .csv",
        "the .xlsx file is not an Excel workbook; save it as .xlsx or .csv",
    ),
    "load.outside_folder": (
        "файл — ссылка за пределы папки данных; такие файлы не читаются",
        "the file is a link leading out of the data folder; such files are not read",
    ),
    "load.ragged_row": (
        "число полей в строке не совпадает с заголовком ({count}); строка не учтена",
        "the row does not have the header's {count} fields; row left out",
    ),
    "load.too_many_columns": (
        "в заголовке {value} столбцов (больше {limit}): это не таблица данных; файл не прочитан",
        "the header has {value} columns (over {limit}): not a data table; file not read",
    ),
    "load.totals_too_large": (
        "сумм в файле больше, чем можно сложить точно (более 4·10^16 тенге в сумме): итоги не "
        "считаются; проверьте файл",
        "the file's amounts add up to more than can be summed exactly (over 4·10^16 tenge): no "
        "totals are computed; check the file",
    ),
    "load.unreadable": ("файл не читается: {value}", "cannot read the file: {value}"),
    "load.unreadable_row": (
        "строку не удалось прочитать как CSV; строка не учтена",
        "the row cannot be read as CSV; row left out",
    ),
    "problem.amount_too_large": (
        "сумма «{value}» больше {limit}: вероятно, опечатка; строка не учтена",
        "amount '{value}' is above {limit}: probably a typing error; row left out",
    ),
    "problem.bad_date": ("неверная дата «{value}»", "invalid date '{value}'"),
    "problem.bad_month": (
        "неверный месяц «{value}» (1–12 или название)",
        "invalid month '{value}' (1-12 or a name)",
    ),
    "problem.bad_number": ("не число: «{value}»", "not a number: '{value}'"),
    "problem.bad_year": ("неверный год «{value}»", "invalid year '{value}'"),
    "problem.contract_no_amount": (
        "для статуса договора нужна сумма",
        "a contract status needs an amount",
    ),
    "problem.currency_sign": (
        "в сумме «{value}» знак валюты: укажите число, а валюту в столбце currency",
        "amount '{value}' carries a currency sign: give the number, the currency goes in the "
        "currency column",
    ),
    "problem.duplicate_completion": (
        "мероприятие {value} отмечено выполненным повторно; учитывается самая ранняя дата",
        "activity {value} is marked done more than once; the earliest date counts",
    ),
    "problem.duplicate_id": (
        "номер платежа «{value}» повторяется; строка не учтена",
        "payment id '{value}' is duplicated; row left out",
    ),
    "problem.duplicate_lot": ("лот «{value}» повторяется", "lot '{value}' is duplicated"),
    "problem.duplicate_rate": (
        "курс на дату {value} повторяется; берётся последний",
        "the rate of {value} is given twice; the last one is used",
    ),
    "problem.financing_plan_total": (
        "помесячный план {value} в сумме {monthly} не равен годовому плану {plan}",
        "the monthly plan of {value} adds up to {monthly}, not the annual plan {plan}",
    ),
    "problem.lot_not_procurement": (
        "мероприятие {value} по плану не является госзакупом",
        "activity {value} is not a state procurement in the plan",
    ),
    "problem.missing_columns": (
        "нет обязательных столбцов: {missing}; найдены: {found}",
        "required columns missing: {missing}; found: {found}",
    ),
    "problem.missing_id": ("не указан номер платежа", "the payment has no id"),
    "problem.missing_lot_id": ("не указан номер лота", "the lot has no id"),
    "problem.missing_rate": (
        "нет курса {currency} на {value} и в 10 предыдущих днях: строка не учтена в итогах",
        "no {currency} rate on {value} or in the 10 days before: row left out of totals",
    ),
    "problem.missing_value": (
        "пустая ячейка в обязательном столбце",
        "empty cell in a required column",
    ),
    "problem.more_rows": (
        "и ещё {count} строк с той же проблемой (строки {first}–{last})",
        "and {count} more rows with the same problem (rows {first} to {last})",
    ),
    "problem.negative_budget": (
        "сумма бюджета не может быть отрицательной: «{value}»",
        "a budget amount cannot be negative: '{value}'",
    ),
    "problem.no_budget_line": (
        "платёж по мероприятию {activity} в {year} году, а бюджет на {year} год по нему ничего "
        "не выделяет (нет утверждённой или уточнённой строки с суммой)",
        "a payment on activity {activity} in {year}, but the budget allots it nothing for "
        "{year} (no approved or adjusted line with an amount)",
    ),
    "problem.no_funding": (
        "мероприятие {value} по плану не требует финансирования, а сумма указана",
        "activity {value} needs no money in the plan, yet an amount is given",
    ),
    "problem.non_positive_quant": (
        "кратность (quant) должна быть больше нуля: «{value}»",
        "the quant must be positive: '{value}'",
    ),
    "problem.non_positive_rate": (
        "курс должен быть больше нуля: «{value}»",
        "the rate must be positive: '{value}'",
    ),
    "problem.outside_activity_period": (
        "платёж {value} вне срока мероприятия {activity} по плану ({period})",
        "payment dated {value}, outside the plan's period of activity {activity} ({period})",
    ),
    "problem.outside_years": (
        "дата {value} вне периода плана 2023–2025",
        "date {value} is outside the plan's years 2023-2025",
    ),
    "problem.refund_without_ref": (
        "отрицательная сумма «{value}» — это возврат: укажите refund_of (номер платежа)",
        "negative amount '{value}' is a refund: refund_of (a payment id) is required",
    ),
    "problem.stale_rate": (
        "на {value} курса нет, применён курс на {rate_date}",
        "no rate on {value}: the rate of {rate_date} was used",
    ),
    "problem.stale_rate_rows": (
        "на {value} курса {currency} нет, применён курс на {rate_date} "
        "(строк: {count}, с {first} по {last})",
        "no {currency} rate on {value}: the rate of {rate_date} was used "
        "({count} rows, {first} to {last})",
    ),
    "problem.unknown_activity": ("неизвестное мероприятие «{value}»", "unknown activity '{value}'"),
    "problem.unknown_currency": (
        "неизвестная валюта «{value}» (нужен код ISO 4217)",
        "unknown currency '{value}' (an ISO 4217 code is needed)",
    ),
    "problem.unknown_kind": (
        "неизвестный вид «{value}» (обязательства или платежи)",
        "unknown kind '{value}' (obligations or payments)",
    ),
    "problem.unknown_law": (
        "неизвестная редакция закона «{value}» (известны: {choices})",
        "unknown law version '{value}' (known: {choices})",
    ),
    "problem.unknown_lot": ("неизвестный лот «{value}»", "unknown lot '{value}'"),
    "problem.unknown_method": (
        "неизвестный способ закупки «{value}» (open_tender, auction, price_quotations, "
        "single_source, e_shop, commodity_exchange)",
        "unknown procurement method '{value}' (open_tender, auction, price_quotations, "
        "single_source, e_shop, commodity_exchange)",
    ),
    "problem.unknown_phase": (
        "неизвестный этап «{value}» (proposed/approved/adjusted: заявка, утверждено, уточнено)",
        "unknown phase '{value}' (proposed, approved or adjusted)",
    ),
    "problem.unknown_rate_source": (
        "неизвестный источник курса «{value}» (NBK или UNORE)",
        "unknown rate source '{value}' (NBK or UNORE)",
    ),
    "problem.unknown_refund": (
        "возврат по неизвестному платежу «{value}»",
        "refund of an unknown payment '{value}'",
    ),
    "problem.unknown_source": (
        "неизвестный источник «{value}» (ожидается РБ или ЮНИСЕФ)",
        "unknown source '{value}' (expected RB or UNICEF)",
    ),
    "problem.unknown_status": ("неизвестный статус «{value}»", "unknown status '{value}'"),
    "problem.wrong_source": (
        "источник «{value}» не совпадает с финансированием по плану ({funding})",
        "source '{value}' differs from the plan's funding ({funding})",
    ),
    "problem.zero_amount": ("нулевая сумма", "zero amount"),
    "to_utf8.done": ("{file}: {encoding} → UTF-8", "{file}: {encoding} → UTF-8"),
    "to_utf8.nothing": ("все CSV-файлы уже в UTF-8", "every CSV file is already UTF-8"),
    "validate.found": (
        "Ошибок: {errors}, предупреждений: {warnings}. Список: {path}",
        "{errors} errors, {warnings} warnings. List: {path}",
    ),
    "validate.ok": (
        "Ошибок не найдено (предупреждений: {warnings}).",
        "No errors found ({warnings} warnings).",
    ),
}
