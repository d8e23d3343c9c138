"""Every user-facing label and message, in Russian (default) and English.

``t("key", **params)`` renders a label in the current language; the language comes from
``set_lang`` (the CLI's ``--lang``) or the ``MICS_LANG`` environment variable. Each entry is a
pair ``(ru, en)``; a test checks that both exist and take the same placeholders.
"""

from __future__ import annotations

import os

LANGS = ("ru", "en")
_lang = os.environ.get("MICS_LANG", "ru") if os.environ.get("MICS_LANG") in LANGS else "ru"

LABELS: dict[str, tuple[str, str]] = {
    # --- generic errors -------------------------------------------------------------------
    "error.prefix": ("ошибка", "error"),
    "error.file_missing": ("файл не найден: {path}", "file not found: {path}"),
    "error.bad_date": (
        "неверная дата «{value}»: нужен формат ГГГГ-ММ-ДД",
        "invalid date '{value}': expected YYYY-MM-DD",
    ),
    "error.unknown_format": (
        "неизвестный формат файла «{path}»: ожидается .txt или .docx",
        "unknown file format '{path}': expected .txt or .docx",
    ),
    "error.internal": (
        "внутренняя ошибка: {detail}",
        "internal error: {detail}",
    ),
    # --- periods ----------------------------------------------------------------------------
    "period.bad": ("нераспознанный срок «{text}»: {reason}",
                   "unrecognised period '{text}': {reason}"),
    "period.not_text": ("ожидался текст", "text expected"),
    "period.bad_note": ("непонятное примечание «{note}»", "unknown note '{note}'"),
    "period.no_month": ("нет ни одного месяца", "no month given"),
    "period.bad_part": ("непонятная часть «{part}»", "cannot read '{part}'"),
    "period.unknown_month": ("неизвестный месяц «{name}»", "unknown month '{name}'"),
    "period.no_year": ("не указан год", "no year given"),
    "period.reversed": ("конец интервала раньше начала", "interval ends before it starts"),
    "period.unordered": (
        "интервалы идут не по порядку или пересекаются",
        "intervals are out of order or overlap",
    ),
    "period.duration": (
        "длительность {days} дн. не помещается в срок",
        "duration of {days} days does not fit the period",
    ),
    # --- plan import ------------------------------------------------------------------------
    "plan.where_line": ("{file}, строка {row}", "{file}, line {row}"),
    "plan.where_table_row": ("{file}, строка таблицы {row}", "{file}, table row {row}"),
    "plan.no_table": (
        "не найдена шапка таблицы плана («№ п/п … Финансирование»)",
        "the plan's table header ('№ п/п … Финансирование') was not found",
    ),
    "plan.cell_count": (
        "мероприятие {code}: ожидалось 6 ячеек (№, мероприятие, исполнитель, срок, форма, "
        "финансирование), найдено {count}",
        "activity {code}: expected 6 cells (code, title, responsible, period, form, "
        "funding), found {count}",
    ),
    "plan.bad_funding": (
        "мероприятие {code}: неизвестное финансирование «{value}» (ожидается РБ, ЮНИСЕФ "
        "или Не требуется)",
        "activity {code}: unknown funding '{value}' (expected РБ, ЮНИСЕФ or Не требуется)",
    ),
    "plan.duplicate_code": (
        "код мероприятия {code} повторяется (впервые: {first})",
        "activity code {code} is duplicated (first seen: {first})",
    ),
    "plan.duplicate_section": ("раздел {code} повторяется", "section {code} is duplicated"),
    "plan.outside_section": (
        "мероприятие {code} вне раздела (текущий раздел: {section})",
        "activity {code} is outside any section (current section: {section})",
    ),
    "plan.empty_cell": (
        "мероприятие {code}: пустая ячейка «{column}»",
        "activity {code}: empty cell '{column}'",
    ),
    "plan.unexpected": ("непонятная строка таблицы: «{value}»", "unexpected table cell: '{value}'"),
    "plan.no_activities": ("в плане нет ни одного мероприятия", "the plan has no activities"),
    "plan.no_glossary": (
        "не найден список сокращений («Примечание*: расшифровка аббревиатур»)",
        "the glossary of abbreviations ('Примечание*: расшифровка аббревиатур') was not found",
    ),
    "plan.not_imported": (
        "план не загружен: нет файла {path}; выполните «mics-budget plan import ФАЙЛ»",
        "no plan loaded: {path} is missing; run 'mics-budget plan import FILE'",
    ),
    "plan.bad_csv": ("{file}, строка {row}, столбец {column}: {reason}",
                     "{file}, row {row}, column {column}: {reason}"),
    "plan.imported": (
        "импортировано мероприятий: {count} (разделов: {sections}); записано: {files}",
        "imported {count} activities ({sections} sections); written: {files}",
    ),
    "plan.unchanged": ("файлы плана не изменились", "plan files unchanged"),
    # --- progress / problems ----------------------------------------------------------------
    "problem.unknown_activity": ("неизвестное мероприятие «{value}»", "unknown activity '{value}'"),
    "problem.bad_date": ("неверная дата «{value}»", "invalid date '{value}'"),
    "problem.missing_columns": (
        "нет обязательных столбцов: {missing}; найдены: {found}",
        "required columns missing: {missing}; found: {found}",
    ),
    "problem.duplicate_completion": (
        "мероприятие {value} отмечено выполненным повторно; учитывается самая ранняя дата",
        "activity {value} is marked done more than once; the earliest date counts",
    ),
    # --- statuses ---------------------------------------------------------------------------
    "status.planned": ("запланировано", "planned"),
    "status.in_progress": ("выполняется", "in progress"),
    "status.paused": ("перерыв", "paused"),
    "status.overdue": ("просрочено", "overdue"),
    "status.done": ("выполнено", "done"),
    # --- funding ----------------------------------------------------------------------------
    "funding.RB": ("РБ", "State budget"),
    "funding.UNICEF": ("ЮНИСЕФ", "UNICEF"),
    "funding.NONE": ("Не требуется", "None needed"),
    # --- column headers ---------------------------------------------------------------------
    "col.id": ("№", "No."),
    "col.section": ("Раздел", "Section"),
    "col.section_title": ("Название раздела", "Section title"),
    "col.title": ("Мероприятие", "Activity"),
    "col.units": ("Подразделения", "Units"),
    "col.participants": ("Другие участники", "Other participants"),
    "col.period_text": ("Срок исполнения", "Period"),
    "col.periods": ("Интервалы", "Intervals"),
    "col.start": ("Начало", "Start"),
    "col.end": ("Окончание", "End"),
    "col.duration_days": ("Длительность, дн.", "Duration, days"),
    "col.tentative": ("Уточняется", "Tentative"),
    "col.completion_form": ("Форма завершения", "Completion form"),
    "col.funding": ("Финансирование", "Funding"),
    "col.procurement": ("Госзакуп", "Procurement"),
    "col.status": ("Статус", "Status"),
    "col.days_overdue": ("Просрочка, дн.", "Days overdue"),
    "col.completed_on": ("Выполнено", "Completed on"),
    # --- misc -------------------------------------------------------------------------------
    "yes": ("да", "yes"),
    "no": ("нет", "no"),
    "status.title": ("Статус мероприятий плана на {date}", "Plan status as of {date}"),
    "status.totals": ("Итого: {counts}", "Total: {counts}"),
    "example.banner": (
        "ПРИМЕР: суммы в этих данных вымышлены и служат только для демонстрации",
        "EXAMPLE: the amounts in this data are invented, for demonstration only",
    ),
}


def set_lang(lang: str) -> None:
    global _lang
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    _lang = lang


def get_lang() -> str:
    return _lang


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The label ``key`` in ``lang`` (default: the current language), formatted with params."""
    ru, en = LABELS[key]
    text = en if (lang or _lang) == "en" else ru
    return text.format(**params) if params else text


class UserError(Exception):
    """An error meant for a person: a label key plus its parameters, rendered on demand."""

    def __init__(self, key: str, **params: object):
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **{k: str(v) for k, v in self.params.items()})

LABELS.update({
    "load.unreadable": ("файл не читается: {value}", "cannot read the file: {value}"),
    "load.not_xlsx": (
        "файл с расширением .xlsx не является книгой Excel; сохраните его как .xlsx или .csv",
        "the .xlsx file is not an Excel workbook; save it as .xlsx or .csv",
    ),
    "load.bad_xlsx": ("книга Excel повреждена ({value})", "the Excel workbook is broken ({value})"),
    "load.not_text": (
        "файл не является текстовым CSV (возможно, это книга Excel с другим расширением)",
        "the file is not a text CSV (perhaps an Excel workbook with another extension)",
    ),
    "load.bad_encoding": (
        "не удалось определить кодировку (ожидаются UTF-8 или Windows-1251)",
        "unknown text encoding (expected UTF-8 or Windows-1251)",
    ),
    "load.ragged_row": (
        "число полей в строке не совпадает с заголовком ({count}); строка не учтена",
        "the row does not have the header's {count} fields; row left out",
    ),
    "load.empty_file": ("файл пуст: нет строки заголовка", "the file is empty: no header row"),
    "load.no_rows": ("в файле нет строк с данными", "the file has no data rows"),
    "load.duplicate_column": (
        "столбец «{value}» повторяется; используется первый",
        "column '{value}' appears twice; the first one is used",
    ),
    "load.ambiguous_file": (
        "найдено несколько файлов «{value}»; используется {used}",
        "several '{value}' files found; using {used}",
    ),
})

LABELS.update({
    "help.prog": ("Учёт бюджета и госзакупок плана мероприятий MICS",
                  "Budget and procurement tracker for the MICS plan of activities"),
    "help.data": ("папка данных (plan/, budget/, procurement/); по умолчанию data/ проекта",
                  "data folder (plan/, budget/, procurement/); default: the project's data/"),
    "help.lang": ("язык сообщений: ru или en", "language of messages: ru or en"),
    "help.format": ("формат вывода", "output format"),
    "help.plan": ("план мероприятий", "the plan of activities"),
    "help.plan_import": ("импорт плана из текстовой копии таблицы Word или из .docx",
                         "import the plan from the flattened Word table or a .docx"),
    "help.plan_path": ("файл плана (.txt или .docx)", "plan file (.txt or .docx)"),
    "help.plan_show": ("показать мероприятия плана", "show the plan's activities"),
    "help.plan_status": ("статус мероприятий на дату", "status of the activities as of a date"),
    "help.as_of": ("дата отчёта (по умолчанию сегодня)", "as-of date (default: today)"),
    # argparse's own messages
    "argparse.usage": ("использование: ", "usage: "),
    "argparse.required": ("обязательные аргументы не заданы: %s",
                          "the following arguments are required: %s"),
    "argparse.unrecognized": ("непонятные аргументы: %s", "unrecognized arguments: %s"),
    "argparse.invalid_choice": ("недопустимое значение: %(value)r (возможные: %(choices)s)",
                                "invalid choice: %(value)r (choose from %(choices)s)"),
    "argparse.argument": ("аргумент %(argument_name)s: %(message)s",
                          "argument %(argument_name)s: %(message)s"),
    "argparse.expected_one": ("ожидается одно значение", "expected one argument"),
    "argparse.help": ("показать эту справку и выйти", "show this help message and exit"),
    "argparse.positional": ("позиционные аргументы", "positional arguments"),
    "argparse.options": ("параметры", "options"),
})

#: argparse's English message ids -> label keys (see cli._translate_argparse)
ARGPARSE = {
    "usage: ": "argparse.usage",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "expected one argument": "argparse.expected_one",
    "show this help message and exit": "argparse.help",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
}

MONTH_NAMES = {
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def format_date(value, lang: str | None = None) -> str:
    """``dd.mm.yyyy`` in Russian, ISO ``yyyy-mm-dd`` in English."""
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if (lang or _lang) == "ru" else value.isoformat()

LABELS.update({
    "problem.bad_number": ("не число: «{value}»", "not a number: '{value}'"),
    "problem.currency_sign": (
        "в сумме «{value}» знак валюты: укажите число, а валюту в столбце currency",
        "amount '{value}' carries a currency sign: give the number, the currency goes in "
        "the currency column",
    ),
    "problem.non_positive_rate": ("курс должен быть больше нуля: «{value}»",
                                  "the rate must be positive: '{value}'"),
    "problem.unknown_currency": ("неизвестная валюта «{value}» (нужен код ISO 4217)",
                                 "unknown currency '{value}' (an ISO 4217 code is needed)"),
    "problem.unknown_rate_source": ("неизвестный источник курса «{value}» (NBK или UNORE)",
                                    "unknown rate source '{value}' (NBK or UNORE)"),
    "problem.duplicate_rate": ("курс на дату {value} повторяется; берётся последний",
                               "the rate of {value} is given twice; the last one is used"),
    "problem.missing_rate": (
        "нет курса {currency} на {value} и в 10 предыдущих днях: строка не учтена в итогах",
        "no {currency} rate on {value} or in the 10 days before: row left out of totals",
    ),
    "problem.stale_rate": ("на {value} курса нет, применён курс на {rate_date}",
                           "no rate on {value}: the rate of {rate_date} was used"),
})

LABELS.update({
    "problem.unknown_source": ("неизвестный источник «{value}» (ожидается РБ или ЮНИСЕФ)",
                               "unknown source '{value}' (expected RB or UNICEF)"),
    "problem.no_funding": (
        "мероприятие {value} по плану не требует финансирования, а сумма указана",
        "activity {value} needs no money in the plan, yet an amount is given",
    ),
    "problem.wrong_source": (
        "источник «{value}» не совпадает с финансированием по плану ({funding})",
        "source '{value}' differs from the plan's funding ({funding})",
    ),
    "problem.outside_years": ("дата {value} вне периода плана 2023–2025",
                              "date {value} is outside the plan's years 2023-2025"),
    "problem.bad_year": ("неверный год «{value}»", "invalid year '{value}'"),
    "problem.bad_month": ("неверный месяц «{value}» (1–12 или название)",
                          "invalid month '{value}' (1-12 or a name)"),
    "problem.unknown_phase": (
        "неизвестный этап «{value}» (proposed/approved/adjusted: заявка, утверждено, уточнено)",
        "unknown phase '{value}' (proposed, approved or adjusted)",
    ),
    "problem.unknown_kind": ("неизвестный вид «{value}» (обязательства или платежи)",
                             "unknown kind '{value}' (obligations or payments)"),
    "problem.negative_budget": ("сумма бюджета не может быть отрицательной: «{value}»",
                                "a budget amount cannot be negative: '{value}'"),
    "problem.missing_id": ("не указан номер платежа", "the payment has no id"),
    "problem.duplicate_id": ("номер платежа «{value}» повторяется; строка не учтена",
                             "payment id '{value}' is duplicated; row left out"),
    "problem.refund_without_ref": (
        "отрицательная сумма «{value}» — это возврат: укажите refund_of (номер платежа)",
        "negative amount '{value}' is a refund: refund_of (a payment id) is required",
    ),
    "problem.unknown_refund": ("возврат по неизвестному платежу «{value}»",
                               "refund of an unknown payment '{value}'"),
    "problem.zero_amount": ("нулевая сумма", "zero amount"),
    "problem.unknown_lot": ("неизвестный лот «{value}»", "unknown lot '{value}'"),
})

LABELS.update({
    "problem.missing_lot_id": ("не указан номер лота", "the lot has no id"),
    "problem.duplicate_lot": ("лот «{value}» повторяется", "lot '{value}' is duplicated"),
    "problem.lot_not_procurement": (
        "мероприятие {value} по плану не является госзакупом",
        "activity {value} is not a state procurement in the plan",
    ),
    "problem.unknown_method": (
        "неизвестный способ закупки «{value}» (open_tender, auction, price_quotations, "
        "single_source, e_shop, commodity_exchange)",
        "unknown procurement method '{value}' (open_tender, auction, price_quotations, "
        "single_source, e_shop, commodity_exchange)",
    ),
    "problem.unknown_status": ("неизвестный статус «{value}»", "unknown status '{value}'"),
    "problem.contract_no_amount": ("для статуса договора нужна сумма",
                                   "a contract status needs an amount"),
})

LABELS.update({
    "problem.financing_plan_total": (
        "помесячный план {value} в сумме {monthly} не равен годовому плану {plan}",
        "the monthly plan of {value} adds up to {monthly}, not the annual plan {plan}",
    ),
})


def format_number(value, decimals: int = 2, lang: str | None = None) -> str:
    """``1 234 567,89`` (no-break spaces) in Russian, ``1,234,567.89`` in English."""
    if _missing(value):
        return ""
    text = f"{value:,.{decimals}f}"
    if (lang or _lang) == "ru":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_money(value, decimals: int = 2, lang: str | None = None) -> str:
    """``1 234 567,89 ₸`` in Russian, ``1,234,567.89 KZT`` in English."""
    if _missing(value):
        return ""
    lang = lang or _lang
    return format_number(value, decimals, lang) + ("\u00a0₸" if lang == "ru" else " KZT")


def format_percent(value, decimals: int = 1, lang: str | None = None) -> str:
    if _missing(value):
        return ""
    return format_number(value * 100, decimals, lang) + "\u00a0%"


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except TypeError:  # pandas.NA
        return True


LABELS.update({
    "col.source": ("Источник", "Source"),
    "col.activity": ("Мероприятие", "Activity"),
    "col.unit": ("Подразделение", "Unit"),
    "col.specifics": ("Специфика", "Specifics"),
    "col.year": ("Год", "Year"),
    "col.month": ("Месяц", "Month"),
    "col.plan": ("План", "Plan"),
    "col.proposed": ("Заявка", "Proposed"),
    "col.committed": ("Обязательства", "Committed"),
    "col.paid": ("Оплачено", "Paid"),
    "col.remaining": ("Остаток", "Remaining"),
    "col.uncommitted": ("Свободный остаток", "Uncommitted"),
    "col.execution": ("Исполнение", "Execution"),
    "col.severity": ("Важность", "Severity"),
    "col.file": ("Файл", "File"),
    "col.sheet": ("Лист", "Sheet"),
    "col.row": ("Строка", "Row"),
    "col.column": ("Столбец", "Column"),
    "col.value": ("Значение", "Value"),
    "col.message": ("Сообщение", "Message"),
    "severity.error": ("ошибка", "error"),
    "severity.warning": ("предупреждение", "warning"),
    "summary.title": ("Исполнение бюджета на {date}, тенге", "Budget execution as of {date}, KZT"),
    "summary.total": ("Итого", "Total"),
    "summary.problems": ("Найдено проблем в данных: ошибок {errors}, предупреждений {warnings} "
                         "(подробно: mics-budget validate)",
                         "Data problems found: {errors} errors, {warnings} warnings "
                         "(details: mics-budget validate)"),
    "validate.ok": ("Ошибок не найдено (предупреждений: {warnings}).",
                    "No errors found ({warnings} warnings)."),
    "validate.found": ("Ошибок: {errors}, предупреждений: {warnings}. Список: {path}",
                       "{errors} errors, {warnings} warnings. List: {path}"),
    "help.validate": ("проверить файлы папки данных", "check the files of the data folder"),
    "help.summary": ("исполнение бюджета по источникам на дату",
                     "budget execution by source as of a date"),
    "help.by": ("группировка: activity,section,unit,specifics,year,month",
                "grouping: activity,section,unit,specifics,year,month"),
    "help.year": ("только один бюджетный год", "one budget year only"),
    "help.out": ("куда записать файл", "where to write the file"),
    "error.bad_by": ("неизвестная группировка «{value}»; возможные: {choices}",
                     "unknown grouping '{value}'; possible: {choices}"),
})

LABELS.update({
    "lifecycle.out_of_order": (
        "событие «{value}» датировано раньше предыдущего события лота ({last}); не учтено",
        "event '{value}' is dated before the lot's previous event ({last}); ignored",
    ),
    "lifecycle.bad_step": (
        "недопустимый переход: из этапа «{stage}» в «{value}» (возможно: {allowed}); "
        "лот остаётся на прежнем этапе",
        "step not allowed: from stage '{stage}' to '{value}' (allowed: {allowed}); "
        "the lot stays where it was",
    ),
})

LABELS.update({
    "error.bad_params": ("файл параметров {path} не читается: {detail}",
                         "cannot read the parameters file {path}: {detail}"),
})

LABELS.update({
    "method.open_tender": ("открытый конкурс", "open tender"),
    "method.auction": ("аукцион", "auction"),
    "method.price_quotations": ("запрос ценовых предложений", "request for price quotations"),
    "method.single_source": ("из одного источника", "single source"),
    "method.e_shop": ("электронный магазин", "electronic shop"),
    "method.commodity_exchange": ("товарная биржа", "commodity exchange"),
    "flag.single_bid": ("Одна заявка в конкурентной процедуре",
                        "Single bid in a competitive procedure"),
    "flag.single_bid.explain": (
        "При конкурентном способе пришла одна заявка: конкуренции не было, цена не проверена "
        "рынком. Проверьте, не были ли условия слишком узкими или срок слишком коротким.",
        "A competitive method drew one bid: there was no competition and the price was not "
        "tested. Check whether the terms were too narrow or the period too short."),
    "flag.single_bid.detail": ("одна заявка ({method})", "one bid ({method})"),
    "flag.short_submission": ("Короткий срок подачи заявок", "Short submission period"),
    "flag.short_submission.explain": (
        "От объявления до рассмотрения заявок прошло меньше минимума по закону: поставщики "
        "могли не успеть подготовиться.",
        "Less than the legal minimum passed from the announcement to the evaluation: suppliers "
        "may not have had time to bid."),
    "flag.short_submission.detail": ("срок подачи {days} дн. при минимуме {minimum} дн. "
                                     "(закон {law})",
                                     "submission period {days} days, minimum {minimum} "
                                     "(law {law})"),
    "flag.single_source_without_note": ("Из одного источника без обоснования",
                                        "Single source without a rationale"),
    "flag.single_source_without_note.explain": (
        "Закупка из одного источника не сопровождается обоснованием ни в одном событии.",
        "A single-source purchase has no rationale in any of its events."),
    "flag.single_source_without_note.detail": ("нет обоснования закупки из одного источника",
                                               "no rationale for the single-source purchase"),
    "flag.price_near_estimate": ("Цена договора близка к сметной или выше",
                                 "Contract price at or above the estimate"),
    "flag.price_near_estimate.explain": (
        "Сумма договора почти равна выделенной сумме или превышает её: признак отсутствия "
        "ценовой конкуренции.",
        "The contract is almost equal to, or above, the estimate: a sign of no price "
        "competition."),
    "flag.price_near_estimate.detail": ("договор составляет {share} сметной суммы (порог "
                                        "{threshold})",
                                        "the contract is {share} of the estimate (threshold "
                                        "{threshold})"),
    "flag.amendment_increase": ("Увеличение суммы договора", "Contract value increased"),
    "flag.amendment_increase.explain": (
        "Дополнительное соглашение увеличило сумму договора; рост свыше порога — серьёзный "
        "признак.",
        "An amendment raised the contract value; a rise above the threshold is a serious "
        "sign."),
    "flag.amendment_increase.detail": ("сумма изменена с {old} на {new} (рост {rise} к "
                                       "первоначальной)",
                                       "amount changed from {old} to {new} ({rise} above the "
                                       "original)"),
    "flag.delivery_after_need": ("Поставка позже начала мероприятия",
                                 "Delivery after the activity that needs it"),
    "flag.delivery_after_need.explain": (
        "Товары или услуги поступили (или ещё не поступили) после начала мероприятий, для "
        "которых они нужны.",
        "The goods or services arrived (or have not yet arrived) after the activities that "
        "need them began."),
    "flag.delivery_after_need.detail": ("на {days} дн. позже начала {start} мероприятий "
                                        "{activities}",
                                        "{days} days after {start}, the start of activities "
                                        "{activities}"),
    "flag.payment_above_contract": ("Оплата больше суммы договора",
                                    "Payment above the contract value"),
    "flag.payment_above_contract.explain": ("Оплачено больше, чем сумма действующего договора.",
                                            "More was paid than the contract in force."),
    "flag.payment_above_contract.detail": ("оплачено {paid} при договоре {contract}",
                                           "paid {paid} against a contract of {contract}"),
    "flag.payment_before_delivery": ("Оплата до поставки", "Payment before delivery"),
    "flag.payment_before_delivery.explain": (
        "Платёж по договору прошёл раньше поставки (аванс или ошибка в датах).",
        "A payment on the contract came before delivery (an advance, or wrong dates)."),
    "flag.payment_before_delivery.detail": ("платёж {payment} от {date} до поставки",
                                            "payment {payment} of {date} before delivery"),
    "flag.payment_without_lot": ("Платёж по госзакупу без договора",
                                 "Procurement payment naming no lot"),
    "flag.payment_without_lot.explain": (
        "По мероприятию-госзакупу есть платёж, не привязанный к лоту.",
        "A payment on a procurement activity names no lot."),
    "flag.payment_without_lot.detail": ("платёж {payment} на {amount} по мероприятию "
                                        "{activity} без лота",
                                        "payment {payment} of {amount} on activity {activity} "
                                        "names no lot"),
    "flag.supplier_several_lots": ("Один поставщик выиграл несколько лотов",
                                   "One supplier won several lots"),
    "flag.supplier_several_lots.explain": (
        "Один и тот же поставщик выиграл несколько лотов: проверьте, нет ли дробления или "
        "сговора.",
        "The same supplier won several lots: check for splitting or collusion."),
    "flag.supplier_several_lots.detail": ("{supplier} выиграл лотов: {count}",
                                          "{supplier} won {count} lots"),
})

LABELS.update({
    "record.xlsx_readonly": (
        "реестр {path} в формате XLSX доступен только для чтения: сохраните его как CSV "
        "({csv}) и записывайте туда",
        "the XLSX register {path} is read-only here: save it as CSV ({csv}) and record there",
    ),
    "record.unknown_lot": ("лот «{value}» не найден в реестре лотов",
                           "lot '{value}' is not in the lots register"),
    "record.unknown_status": ("неизвестный статус «{value}»; возможные: {choices}",
                              "unknown status '{value}'; possible: {choices}"),
    "record.bad_step": ("лот на этапе «{stage}»: перейти в «{value}» нельзя; возможно: "
                        "{allowed}",
                        "the lot is at stage '{stage}': it cannot go to '{value}'; "
                        "possible: {allowed}"),
    "record.date_before_last": ("дата {value} раньше последнего события лота ({last})",
                                "date {value} is before the lot's last event ({last})"),
    "record.future_date": ("дата {value} ещё не наступила (сегодня {today})",
                           "date {value} is in the future (today is {today})"),
    "record.amount_required": ("для статуса «{value}» нужна сумма договора (--amount)",
                               "status '{value}' needs the contract amount (--amount)"),
    "record.bad_amount": ("неверная сумма «{value}»", "invalid amount '{value}'"),
    "record.bad_bids": ("число заявок должно быть целым неотрицательным: «{value}»",
                        "the number of bids must be a whole number: '{value}'"),
    "record.bad_bin": ("БИН/ИИН должен состоять из 12 цифр: «{value}»",
                       "a BIN/IIN has 12 digits: '{value}'"),
    "record.done": ("записано: лот {lot}, {status}, {date}", "recorded: lot {lot}, {status}, "
                    "{date}"),
    "record.lot_added": ("добавлен лот {lot}", "lot {lot} added"),
    "stage.none": ("нет событий", "no events"),
    "stage.planned": ("запланирован", "planned"),
    "stage.announced": ("объявлен", "announced"),
    "stage.evaluation": ("рассмотрение заявок", "evaluation"),
    "stage.unsuccessful": ("не состоялся", "unsuccessful"),
    "stage.cancelled": ("отменён", "cancelled"),
    "stage.awarded": ("определён победитель", "awarded"),
    "stage.contracted": ("договор заключён", "contracted"),
    "stage.amended": ("изменение договора", "amended"),
    "stage.delivered": ("поставлено", "delivered"),
    "stage.paid": ("оплачено", "paid"),
    "stage.closed": ("закрыт", "closed"),
    "stage.terminated": ("расторгнут", "terminated"),
})

LABELS.update({
    "help.procurement": ("реестр госзакупок", "the procurement register"),
    "help.procurement_status": ("реестр лотов на дату", "the register of lots as of a date"),
    "help.procurement_flags": ("красные флаги закупок", "procurement red flags"),
    "help.procurement_ocds": ("выгрузка OCDS 1.1", "OCDS 1.1 export"),
    "help.procurement_record": ("записать очередной этап лота", "record the next step of a lot"),
    "help.procurement_add_lot": ("добавить лот", "add a lot"),
    "procurement.title": ("Реестр госзакупок на {date}, тенге",
                          "Procurement register as of {date}, KZT"),
    "col.lot": ("Лот", "Lot"),
    "col.flag": ("Флаг", "Flag"),
    "col.detail": ("Подробности", "Detail"),
    "col.stage": ("Этап", "Stage"),
    "col.stage_since": ("С даты", "Since"),
    "col.days_in_stage": ("Дней на этапе", "Days in stage"),
    "col.estimate": ("Сметная сумма", "Estimate"),
    "col.contract_amount": ("Сумма договора", "Contract"),
    "col.savings": ("Экономия", "Savings"),
    "col.left_to_pay": ("К оплате", "Left to pay"),
    "col.delay_days": ("Задержка, дн.", "Delay, days"),
})

LABELS.update({
    "chart.kzt": ("тенге", "KZT"),
    "chart.plan_vs_paid": ("План, обязательства и оплата", "Plan, commitments and payments"),
    "chart.cumulative": ("Нарастающим итогом: оплата и помесячный план",
                         "Cumulative payments against the monthly plan"),
    "chart.plan_cumulative": ("План нарастающим итогом", "Cumulative plan"),
    "chart.paid_cumulative": ("Оплачено нарастающим итогом", "Cumulative payments"),
    "chart.projected": ("Прогноз на конец года", "Year-end projection"),
    "chart.lots": ("Лотов", "Lots"),
    "chart.lots_by_stage": ("Лоты по этапам", "Lots by stage"),
    "chart.gantt": ("План мероприятий", "Plan of activities"),
})

LABELS.update({
    "report.title": ("MICS: бюджет и госзакупки — отчёт за {month} {year}",
                     "MICS: budget and procurement — report for {month} {year}"),
    "report.as_of": ("Данные на", "Figures as of"),
    "report.headline": ("Главное: средства по источникам", "Headline figures by source"),
    "report.execution": ("Исполнение по мероприятиям и специфике",
                         "Execution by activity and economic classification"),
    "report.cumulative": ("Оплата нарастающим итогом и прогноз на конец года",
                          "Cumulative payments and the year-end projection"),
    "report.procurement": ("Госзакупки", "Procurement"),
    "report.schedule": ("Сроки плана", "Schedule"),
    "report.problems": ("Проблемы в данных", "Data problems"),
    "report.basis": ("Помесячный план: {basis}.", "Monthly plan: {basis}."),
    "report.projection_note": (
        "Прогноз: оплата на конец года при нынешнем темпе (оплачено × дней в году ÷ прошло "
        "дней).",
        "Projection: payments at year end at the current pace (paid × days in year ÷ days "
        "elapsed)."),
    "basis.financing_plan": ("по индивидуальному плану финансирования (ИПФ)",
                             "from the individual financing plan"),
    "basis.even_spread": ("ИПФ нет — годовой план распределён поровну по месяцам мероприятия",
                          "no financing plan: the annual plan spread evenly over the "
                          "activity's months"),
    "basis.mixed": ("частично по ИПФ, частично поровну по месяцам мероприятий",
                    "partly from the financing plan, partly spread evenly"),
    "table.empty": ("нет данных", "nothing to show"),
    "table.headline": ("Средства по источникам", "Money by source"),
    "table.by_activity": ("По мероприятиям", "By activity"),
    "table.by_specifics": ("По специфике экономической классификации",
                           "By economic classification"),
    "table.cumulative": ("Помесячно", "By month"),
    "table.projection": ("Прогноз на конец года", "Year-end projection"),
    "table.register": ("Реестр лотов", "Register of lots"),
    "table.flags": ("Красные флаги", "Red flags"),
    "table.done": ("Выполнено в этом месяце", "Done this month"),
    "table.due": ("Срок в следующем месяце", "Due next month"),
    "table.overdue": ("Просрочено", "Overdue"),
    "table.problems": ("Проблемы в данных", "Data problems"),
    "sheet.headline": ("Итоги", "Headline"),
    "sheet.by_activity": ("Мероприятия", "Activities"),
    "sheet.by_specifics": ("Специфика", "Specifics"),
    "sheet.cumulative": ("Помесячно", "Monthly"),
    "sheet.projection": ("Прогноз", "Projection"),
    "sheet.register": ("Реестр лотов", "Lots"),
    "sheet.flags": ("Красные флаги", "Red flags"),
    "sheet.done": ("Выполнено", "Done"),
    "sheet.due": ("Следующий месяц", "Due next month"),
    "sheet.overdue": ("Просрочено", "Overdue"),
    "sheet.problems": ("Проблемы данных", "Data problems"),
    "col.paid_change": ("Оплачено за месяц", "Paid this month"),
    "col.committed_change": ("Обязательства за месяц", "Committed this month"),
    "col.specifics_name": ("Наименование специфики", "Specifics name"),
    "col.plan_cumulative": ("План нарастающим", "Cumulative plan"),
    "col.paid_cumulative": ("Оплачено нарастающим", "Cumulative paid"),
    "col.projected": ("Прогноз оплаты", "Projected payments"),
    "col.projected_unspent": ("Прогноз неосвоения", "Projected unspent"),
    "col.method": ("Способ", "Method"),
    "col.supplier": ("Поставщик", "Supplier"),
    "col.savings_pct": ("Экономия, %", "Savings, %"),
})

LABELS.update({
    "report.step_run": ("[1/3] выполнение блокнота отчёта за {month}…",
                        "[1/3] running the report notebook for {month}…"),
    "report.step_html": ("[2/3] HTML без кода…", "[2/3] HTML without code…"),
    "report.step_manifest": ("[3/3] манифест и перенос в папку отчёта…",
                             "[3/3] manifest and moving into place…"),
    "report.done": ("готово: {path}", "done: {path}"),
    "report.failed": ("отчёт не построен: ошибка в ячейке {cell}: {error}",
                      "the report failed: error in cell {cell}: {error}"),
    "report.bad_month": ("неверный месяц «{value}»: нужен ГГГГ-ММ, last или latest",
                         "invalid month '{value}': expected YYYY-MM, last or latest"),
    "report.no_data": ("в папке данных нет ни одной датированной записи",
                       "the data folder has no dated record"),
    "report.range": ("отчёты за {count} мес.: {first} — {last}",
                     "reports for {count} months: {first} to {last}"),
    "help.report": ("ежемесячный отчёт (HTML + XLSX) через papermill",
                    "the monthly report (HTML + XLSX) via papermill"),
    "help.month": ("месяц: ГГГГ-ММ, last (прошлый месяц) или latest (последний с данными)",
                   "month: YYYY-MM, last (previous month) or latest (last month with data)"),
    "help.params": ("YAML-файл с параметрами по умолчанию (params/monthly.yaml)",
                    "YAML file of default parameters (params/monthly.yaml)"),
    "help.from": ("первый месяц диапазона", "first month of a range"),
    "help.to": ("последний месяц диапазона", "last month of a range"),
})

LABELS.update({
    "help.source": ("только один источник: RB (РБ) или UNICEF (ЮНИСЕФ)",
                    "one funding source only: RB or UNICEF"),
    "help.section": ("только разделы плана (через запятую)",
                     "only these sections (comma-separated)"),
    "help.unit": ("только мероприятия этих подразделений (ДСН, ДАР …)",
                  "only activities of these units (ДСН, ДАР …)"),
})

LABELS.update({
    "dash.title": ("MICS: бюджет и госзакупки", "MICS: budget and procurement"),
    "dash.as_of": ("На дату", "As of"),
    "dash.all": ("Все", "All"),
    "dash.all_sections": ("Все разделы", "All sections"),
    "dash.all_units": ("Все подразделения", "All units"),
    "dash.error": ("не удалось обновить: {detail}", "could not refresh: {detail}"),
})

LABELS.update({
    "register.title": ("Реестр госзакупок", "Procurement register"),
    "form.title": ("Записать этап лота", "Record a step of a lot"),
    "form.lot": ("Лот", "Lot"),
    "form.status": ("Этап", "Step"),
    "form.date": ("Дата", "Date"),
    "form.amount": ("Сумма", "Amount"),
    "form.bids": ("Заявок", "Bids"),
    "form.supplier": ("Поставщик", "Supplier"),
    "form.supplier_bin": ("БИН/ИИН", "BIN/IIN"),
    "form.document": ("Документ", "Document"),
    "form.note": ("Примечание", "Note"),
    "form.recorded_by": ("Кто записывает", "Recorded by"),
    "form.save": ("Записать", "Record"),
})

LABELS.update({
    "server.token_required": (
        "адрес {host} доступен из сети: задайте токен (--token или MICS_DASHBOARD_TOKEN), "
        "иначе страницу откроет кто угодно",
        "address {host} is reachable from the network: set a token (--token or "
        "MICS_DASHBOARD_TOKEN), or anyone could open the page",
    ),
    "server.starting": ("панель: http://{host}:{port}/{query}",
                        "dashboard: http://{host}:{port}/{query}"),
    "help.dashboard": ("запустить панель руководителя (Voila)",
                       "start the management dashboard (Voila)"),
    "help.register": ("приложение реестра госзакупок для ДАР вместо панели",
                      "the procurement register app for ДАР instead of the dashboard"),
    "help.host": ("адрес (по умолчанию 127.0.0.1)", "address to bind (default 127.0.0.1)"),
    "help.port": ("порт", "port"),
    "help.token": ("токен доступа (или MICS_DASHBOARD_TOKEN)",
                   "access token (or MICS_DASHBOARD_TOKEN)"),
})

LABELS.update({
    "col.lot_title": ("Наименование лота", "Lot title"),
})

LABELS.update({
    "problem.missing_value": ("пустая ячейка в обязательном столбце",
                              "empty cell in a required column"),
    "load.formula_no_value": (
        "формула «{value}» без вычисленного значения: откройте книгу в Excel и сохраните её",
        "formula '{value}' has no computed value: open the workbook in Excel and save it",
    ),
})

LABELS.update({
    # --- users and sign-in (mics_budget.users, .auth, .webauth) ------------------------------
    "users.no_file": (
        "не задан файл пользователей: укажите --users ФАЙЛ или переменную MICS_USERS",
        "no users file: give --users FILE or set MICS_USERS",
    ),
    "users.bad_file": ("файл пользователей {path} повреждён ({detail})",
                       "the users file {path} is broken ({detail})"),
    "users.cannot_read": ("не удаётся прочитать файл пользователей {path}: {detail}",
                          "cannot read the users file {path}: {detail}"),
    "users.cannot_write": ("не удаётся записать файл пользователей {path}: {detail}",
                           "cannot write the users file {path}: {detail}"),
    "users.locked": ("файл пользователей {path} занят другой командой; повторите позже",
                     "the users file {path} is busy with another command; try again later"),
    "users.bad_version": (
        "файл пользователей {path} другой версии ({version}): обновите программу",
        "the users file {path} has another version ({version}): update the program",
    ),
    "users.no_users": (
        "в файле пользователей {path} никого нет: добавьте пользователя командой "
        "«mics-budget users add ИМЯ --role admin --users {path}»",
        "the users file {path} has no users: add one with "
        "'mics-budget users add NAME --role admin --users {path}'",
    ),
    "users.name_empty": ("имя пользователя не может быть пустым", "the user name is empty"),
    "users.name_long": ("имя пользователя длиннее {max} символов ({count})",
                        "the user name is longer than {max} characters ({count})"),
    "users.name_control": (
        "имя пользователя содержит управляющий или невидимый символ {code}",
        "the user name contains a control or invisible character {code}",
    ),
    "users.name_spaces": (
        "имя пользователя не должно начинаться или кончаться пробелом (может быть, «{name}»?)",
        "the user name must not start or end with a space (perhaps '{name}'?)",
    ),
    "users.bad_role": ("неизвестная роль «{role}»: ожидается одна из {roles}",
                       "unknown role '{role}': expected one of {roles}"),
    "users.exists": ("пользователь «{name}» уже есть", "user '{name}' already exists"),
    "users.unknown": ("пользователя «{name}» нет в {path}", "no user '{name}' in {path}"),
    "users.no_password": ("пароль не задан", "no password given"),
    "users.password_short": ("пароль короче {min} символов",
                             "the password is shorter than {min} characters"),
    "users.password_long": ("пароль длиннее {max} символов",
                            "the password is longer than {max} characters"),
    "users.password_mismatch": ("пароли не совпадают", "the passwords do not match"),
    "users.password_prompt": ("Пароль: ", "Password: "),
    "users.password_again": ("Пароль ещё раз: ", "Password again: "),
    "users.added": ("добавлен пользователь «{name}» ({role}) в {path}",
                    "added user '{name}' ({role}) to {path}"),
    "users.changed": ("пароль пользователя «{name}» изменён; его сеансы завершены",
                      "the password of '{name}' is changed; their sessions are ended"),
    "users.removed": ("пользователь «{name}» удалён; его сеансы завершены",
                      "user '{name}' removed; their sessions are ended"),
    "users.empty": ("пользователей нет ({path})", "no users ({path})"),
    "col.user": ("Пользователь", "User"),
    "col.role": ("Роль", "Role"),
    "role.viewer": ("наблюдатель", "viewer"),
    "role.recorder": ("регистратор", "recorder"),
    "role.admin": ("администратор", "admin"),
    "help.users": ("пользователи панели и реестра (вход по паролю)",
                   "users of the dashboard and the register (password sign-in)"),
    "help.users_add": ("добавить пользователя (пароль из stdin)",
                       "add a user (password from stdin)"),
    "help.users_list": ("список пользователей и ролей", "list the users and their roles"),
    "help.users_passwd": ("сменить пароль (из stdin)", "change a password (from stdin)"),
    "help.users_remove": ("удалить пользователя", "remove a user"),
    "help.users_file": ("файл пользователей (или MICS_USERS)", "the users file (or MICS_USERS)"),
    "help.role": ("роль: viewer (просмотр), recorder (запись шагов), admin",
                  "role: viewer (read only), recorder (records steps), admin"),
    "help.users_name": ("имя пользователя", "user name"),
    "server.users_token_ignored": (
        "вход по именам пользователей: токен не используется",
        "signing in with user names: the token is not used",
    ),
    "server.starting_users": (
        "панель: http://{host}:{port}/ (вход по паролю, пользователи: {path})",
        "dashboard: http://{host}:{port}/ (password sign-in, users: {path})",
    ),
    "login.title": ("Вход — MICS: бюджет и закупки", "Sign in — MICS: budget and procurement"),
    "login.heading": ("MICS: бюджет и закупки", "MICS: budget and procurement"),
    "login.username": ("Имя пользователя", "User name"),
    "login.password": ("Пароль", "Password"),
    "login.submit": ("Войти", "Sign in"),
    "login.failed": ("Неверное имя пользователя или пароль.", "Wrong user name or password."),
    "login.throttled": (
        "Слишком много неудачных попыток входа. Повторите через {seconds} с.",
        "Too many failed sign-ins. Try again in {seconds} s.",
    ),
    "login.signed_out": ("Вы вышли.", "You have signed out."),
    "auth.no_identity": (
        "не удалось определить, кто вошёл: обновите страницу или войдите снова",
        "cannot tell who is signed in: reload the page or sign in again",
    ),
    "auth.recording_as": ("Записывает: {name}", "Recording as: {name}"),
    "auth.signed_in_as": ("Вы вошли как {name} ({role})", "Signed in as {name} ({role})"),
    "auth.sign_out": ("Выйти", "Sign out"),
    "auth.read_only": ("Ваша роль — «{role}»: только просмотр, без записи.",
                       "Your role is '{role}': read only, no recording."),
    "auth.not_allowed": ("записывать шаги может только регистратор или администратор",
                         "only a recorder or an admin may record steps"),
})
