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
        "число полей в строке не совпадает с заголовком ({count}); строка пропущена",
        "the row does not have the header's {count} fields; row skipped",
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
