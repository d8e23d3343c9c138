"""The plan of activities: import, periods, schedule statuses.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "period.bad": (
        "нераспознанный срок «{text}»: {reason}",
        "unrecognised period '{text}': {reason}",
    ),
    "period.bad_note": ("непонятное примечание «{note}»", "unknown note '{note}'"),
    "period.bad_part": ("непонятная часть «{part}»", "cannot read '{part}'"),
    "period.duration": (
        "длительность {days} дн. не помещается в срок",
        "duration of {days} days does not fit the period",
    ),
    "period.no_month": ("нет ни одного месяца", "no month given"),
    "period.no_year": ("не указан год", "no year given"),
    "period.not_text": ("ожидался текст", "text expected"),
    "period.reversed": ("конец интервала раньше начала", "interval ends before it starts"),
    "period.unknown_month": ("неизвестный месяц «{name}»", "unknown month '{name}'"),
    "period.unordered": (
        "интервалы идут не по порядку или пересекаются",
        "intervals are out of order or overlap",
    ),
    "plan.bad_csv": (
        "{file}, строка {row}, столбец {column}: {reason}",
        "{file}, row {row}, column {column}: {reason}",
    ),
    "plan.bad_funding": (
        "мероприятие {code}: неизвестное финансирование «{value}» (ожидается РБ, ЮНИСЕФ или Не "
        "требуется)",
        "activity {code}: unknown funding '{value}' (expected РБ, ЮНИСЕФ or Не требуется)",
    ),
    "plan.cell_count": (
        "мероприятие {code}: ожидалось 6 ячеек (№, мероприятие, исполнитель, срок, форма, "
        "финансирование), найдено {count}",
        "activity {code}: expected 6 cells (code, title, responsible, period, form, funding), "
        "found {count}",
    ),
    "plan.duplicate_code": (
        "код мероприятия {code} повторяется (впервые: {first})",
        "activity code {code} is duplicated (first seen: {first})",
    ),
    "plan.duplicate_section": ("раздел {code} повторяется", "section {code} is duplicated"),
    "plan.empty_cell": (
        "мероприятие {code}: пустая ячейка «{column}»",
        "activity {code}: empty cell '{column}'",
    ),
    "plan.imported": (
        "импортировано мероприятий: {count} (разделов: {sections}); записано: {files}",
        "imported {count} activities ({sections} sections); written: {files}",
    ),
    "plan.no_activities": ("в плане нет ни одного мероприятия", "the plan has no activities"),
    "plan.no_glossary": (
        "не найден список сокращений («Примечание*: расшифровка аббревиатур»)",
        "the glossary of abbreviations ('Примечание*: расшифровка аббревиатур') was not found",
    ),
    "plan.no_table": (
        "не найдена шапка таблицы плана («№ п/п … Финансирование»)",
        "the plan's table header ('№ п/п … Финансирование') was not found",
    ),
    "plan.not_imported": (
        "план не загружен: нет файла {path}; выполните «mics-budget plan import ФАЙЛ»",
        "no plan loaded: {path} is missing; run 'mics-budget plan import FILE'",
    ),
    "plan.outside_section": (
        "мероприятие {code} вне раздела (текущий раздел: {section})",
        "activity {code} is outside any section (current section: {section})",
    ),
    "plan.unchanged": ("файлы плана не изменились", "plan files unchanged"),
    "plan.unexpected": ("непонятная строка таблицы: «{value}»", "unexpected table cell: '{value}'"),
    "plan.where_line": ("{file}, строка {row}", "{file}, line {row}"),
    "plan.where_table_row": ("{file}, строка таблицы {row}", "{file}, table row {row}"),
    "status.done": ("выполнено", "done"),
    "status.in_progress": ("выполняется", "in progress"),
    "status.overdue": ("просрочено", "overdue"),
    "status.paused": ("перерыв", "paused"),
    "status.planned": ("запланировано", "planned"),
    "status.title": ("Статус мероприятий плана на {date}", "Plan status as of {date}"),
    "status.totals": ("Итого: {counts}", "Total: {counts}"),
}
