"""The plan of activities: import, periods, schedule statuses.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "period.bad": (
        "нераспознанный срок «{text}»: {reason}",
        "unrecognised period '{text}': {reason}",
        "«{text}» мерзімі танылмады: {reason}",
    ),
    "period.bad_note": (
        "непонятное примечание «{note}»",
        "unknown note '{note}'",
        "түсініксіз ескертпе «{note}»",
    ),
    "period.bad_part": (
        "непонятная часть «{part}»",
        "cannot read '{part}'",
        "түсініксіз бөлік «{part}»",
    ),
    "period.duration": (
        "длительность {days} дн. не помещается в срок",
        "duration of {days} days does not fit the period",
        "ұзақтығы {days} күн — мерзімге сыймайды",
    ),
    "period.no_month": ("нет ни одного месяца", "no month given", "бірде-бір ай көрсетілмеген"),
    "period.no_year": ("не указан год", "no year given", "жыл көрсетілмеген"),
    "period.not_text": ("ожидался текст", "text expected", "мәтін күтілген"),
    "period.reversed": (
        "конец интервала раньше начала",
        "interval ends before it starts",
        "аралықтың соңы басынан ерте",
    ),
    "period.unknown_month": (
        "неизвестный месяц «{name}»",
        "unknown month '{name}'",
        "белгісіз ай «{name}»",
    ),
    "period.unordered": (
        "интервалы идут не по порядку или пересекаются",
        "intervals are out of order or overlap",
        "аралықтар ретімен берілмеген немесе бір-бірімен қабаттасады",
    ),
    "plan.bad_csv": (
        "{file}, строка {row}, столбец {column}: {reason}",
        "{file}, row {row}, column {column}: {reason}",
        "{file}, {row}-жол, {column} бағаны: {reason}",
    ),
    "plan.bad_funding": (
        "мероприятие {code}: неизвестное финансирование «{value}» (ожидается РБ, ЮНИСЕФ или Не "
        "требуется)",
        "activity {code}: unknown funding '{value}' (expected РБ, ЮНИСЕФ or Не требуется)",
        "{code} іс-шарасы: белгісіз қаржыландыру «{value}» (күтілетіні: РБ, ЮНИСЕФ немесе Не "
        "требуется)",
    ),
    "plan.cell_count": (
        "мероприятие {code}: ожидалось 6 ячеек (№, мероприятие, исполнитель, срок, форма, "
        "финансирование), найдено {count}",
        "activity {code}: expected 6 cells (code, title, responsible, period, form, funding), "
        "found {count}",
        "{code} іс-шарасы: 6 ұяшық күтілген (№, іс-шара, орындаушы, мерзім, нысан, "
        "қаржыландыру), табылғаны: {count}",
    ),
    "plan.duplicate_code": (
        "код мероприятия {code} повторяется (впервые: {first})",
        "activity code {code} is duplicated (first seen: {first})",
        "{code} іс-шара коды қайталанады (алғаш кездескен жері: {first})",
    ),
    "plan.duplicate_section": (
        "раздел {code} повторяется",
        "section {code} is duplicated",
        "{code} бөлімі қайталанады",
    ),
    "plan.empty_cell": (
        "мероприятие {code}: пустая ячейка «{column}»",
        "activity {code}: empty cell '{column}'",
        "{code} іс-шарасы: «{column}» ұяшығы бос",
    ),
    "plan.imported": (
        "импортировано мероприятий: {count} (разделов: {sections}); записано: {files}",
        "imported {count} activities ({sections} sections); written: {files}",
        "импортталған іс-шаралар: {count} (бөлімдер: {sections}); жазылды: {files}",
    ),
    "plan.no_activities": (
        "в плане нет ни одного мероприятия",
        "the plan has no activities",
        "жоспарда бірде-бір іс-шара жоқ",
    ),
    "plan.no_glossary": (
        "не найден список сокращений («Примечание*: расшифровка аббревиатур»)",
        "the glossary of abbreviations ('Примечание*: расшифровка аббревиатур') was not found",
        "қысқартулар тізімі табылмады («Примечание*: расшифровка аббревиатур»)",
    ),
    "plan.no_table": (
        "не найдена шапка таблицы плана («№ п/п … Финансирование»)",
        "the plan's table header ('№ п/п … Финансирование') was not found",
        "жоспар кестесінің тақырып жолы табылмады («№ п/п … Финансирование»)",
    ),
    "plan.not_imported": (
        "план не загружен: нет файла {path}; выполните «mics-budget plan import ФАЙЛ»",
        "no plan loaded: {path} is missing; run 'mics-budget plan import FILE'",
        "жоспар жүктелмеген: {path} файлы жоқ; «mics-budget plan import ФАЙЛ» командасын "
        "орындаңыз",
    ),
    "plan.outside_section": (
        "мероприятие {code} вне раздела (текущий раздел: {section})",
        "activity {code} is outside any section (current section: {section})",
        "{code} іс-шарасы бөлімнен тыс (ағымдағы бөлім: {section})",
    ),
    "plan.unchanged": (
        "файлы плана не изменились",
        "plan files unchanged",
        "жоспар файлдары өзгерген жоқ",
    ),
    "plan.unexpected": (
        "непонятная строка таблицы: «{value}»",
        "unexpected table row: '{value}'",
        "кестенің түсініксіз жолы: «{value}»",
    ),
    "plan.where_line": ("{file}, строка {row}", "{file}, line {row}", "{file}, {row}-жол"),
    "plan.where_table_row": (
        "{file}, строка таблицы {row}",
        "{file}, table row {row}",
        "{file}, кестенің {row}-жолы",
    ),
    "status.done": ("выполнено", "done", "орындалды"),
    "status.in_progress": ("выполняется", "in progress", "орындалуда"),
    "status.overdue": ("просрочено", "overdue", "мерзімі өткен"),
    "status.paused": ("перерыв", "paused", "үзіліс"),
    "status.planned": ("запланировано", "planned", "жоспарланған"),
    "status.title": (
        "Статус мероприятий плана на {date}",
        "Plan status as of {date}",
        "{date} жағдай бойынша жоспар іс-шараларының мәртебесі",
    ),
    "status.totals": ("Итого: {counts}", "Total: {counts}", "Барлығы: {counts}"),
}
