"""The command line: help texts and argparse's own messages.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "argparse.argument": (
        "аргумент %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "argparse.expected_one": ("ожидается одно значение", "expected one argument"),
    "argparse.help": ("показать эту справку и выйти", "show this help message and exit"),
    "argparse.invalid_choice": (
        "недопустимое значение: %(value)r (возможные: %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "argparse.options": ("параметры", "options"),
    "argparse.positional": ("позиционные аргументы", "positional arguments"),
    "argparse.required": (
        "обязательные аргументы не заданы: %s",
        "the following arguments are required: %s",
    ),
    "argparse.unrecognized": ("непонятные аргументы: %s", "unrecognized arguments: %s"),
    "argparse.usage": ("использование: ", "usage: "),
    "help.as_of": ("дата отчёта (по умолчанию сегодня)", "as-of date (default: today)"),
    "help.by": (
        "группировка: activity,section,unit,specifics,year,month",
        "grouping: activity,section,unit,specifics,year,month",
    ),
    "help.dashboard": (
        "запустить панель руководителя (Voila)",
        "start the management dashboard (Voila)",
    ),
    "help.data": (
        "папка данных (plan/, budget/, procurement/); по умолчанию data/ проекта",
        "data folder (plan/, budget/, procurement/); default: the project's data/",
    ),
    "help.force": (
        "строить отчёт и за месяц вне периода данных и плана",
        "build the report even for a month outside the data and the plan",
    ),
    "help.format": ("формат вывода", "output format"),
    "help.from": ("первый месяц диапазона", "first month of a range"),
    "help.host": ("адрес (по умолчанию 127.0.0.1)", "address to bind (default 127.0.0.1)"),
    "help.lang": ("язык сообщений: ru или en", "language of messages: ru or en"),
    "help.month": (
        "месяц: ГГГГ-ММ, last (прошлый месяц) или latest (последний с данными)",
        "month: YYYY-MM, last (previous month) or latest (last month with data)",
    ),
    "help.no_validate": (
        "не проверять выгрузку по схеме OCDS (быстрее)",
        "do not check the export against the OCDS schema (faster)",
    ),
    "help.out": ("куда записать файл", "where to write the file"),
    "help.params": (
        "YAML-файл с параметрами по умолчанию (params/monthly.yaml)",
        "YAML file of default parameters (params/monthly.yaml)",
    ),
    "help.plan": ("план мероприятий", "the plan of activities"),
    "help.plan_import": (
        "импорт плана из текстовой копии таблицы Word или из .docx",
        "import the plan from the flattened Word table or a .docx",
    ),
    "help.plan_path": ("файл плана (.txt или .docx)", "plan file (.txt or .docx)"),
    "help.plan_show": ("показать мероприятия плана", "show the plan's activities"),
    "help.plan_status": ("статус мероприятий на дату", "status of the activities as of a date"),
    "help.port": ("порт", "port"),
    "help.procurement": ("реестр госзакупок", "the procurement register"),
    "help.procurement_add_lot": ("добавить лот", "add a lot"),
    "help.procurement_flags": ("красные флаги закупок", "procurement red flags"),
    "help.procurement_ocds": ("выгрузка OCDS 1.1", "OCDS 1.1 export"),
    "help.procurement_record": ("записать очередной этап лота", "record the next step of a lot"),
    "help.procurement_status": ("реестр лотов на дату", "the register of lots as of a date"),
    "help.prog": (
        "Учёт бюджета и госзакупок плана мероприятий MICS",
        "Budget and procurement tracker for the MICS plan of activities",
    ),
    "help.register": (
        "приложение реестра госзакупок для ДАР вместо панели",
        "the procurement register app for ДАР instead of the dashboard",
    ),
    "help.report": (
        "ежемесячный отчёт (HTML + XLSX) через papermill",
        "the monthly report (HTML + XLSX) via papermill",
    ),
    "help.section": (
        "только разделы плана (через запятую)",
        "only these sections (comma-separated)",
    ),
    "help.source": (
        "только один источник: RB (РБ) или UNICEF (ЮНИСЕФ)",
        "one funding source only: RB or UNICEF",
    ),
    "help.summary": (
        "исполнение бюджета по источникам на дату",
        "budget execution by source as of a date",
    ),
    "help.to": ("последний месяц диапазона", "last month of a range"),
    "help.to_utf8": (
        "перевести CSV-файлы папки данных в UTF-8 (для казахских букв)",
        "convert the data folder's CSV files to UTF-8 (for Kazakh letters)",
    ),
    "help.token": (
        "токен доступа (или MICS_DASHBOARD_TOKEN)",
        "access token (or MICS_DASHBOARD_TOKEN)",
    ),
    "help.unit": (
        "только мероприятия этих подразделений (ДСН, ДАР …)",
        "only activities of these units (ДСН, ДАР …)",
    ),
    "help.validate": ("проверить файлы папки данных", "check the files of the data folder"),
    "help.year": ("только один бюджетный год", "one budget year only"),
}


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
