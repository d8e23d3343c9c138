"""The command line: help texts and argparse's own messages.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "argparse.argument": (
        "аргумент %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
        "%(argument_name)s аргументі: %(message)s",
    ),
    "argparse.expected_one": (
        "ожидается одно значение",
        "expected one argument",
        "бір мән күтіледі",
    ),
    "argparse.help": (
        "показать эту справку и выйти",
        "show this help message and exit",
        "осы анықтаманы көрсету және шығу",
    ),
    "argparse.invalid_choice": (
        "недопустимое значение: %(value)r (возможные: %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
        "жарамсыз мән: %(value)r (мүмкін мәндер: %(choices)s)",
    ),
    "argparse.options": ("параметры", "options", "параметрлер"),
    "argparse.positional": (
        "позиционные аргументы",
        "positional arguments",
        "позициялық аргументтер",
    ),
    "argparse.required": (
        "обязательные аргументы не заданы: %s",
        "the following arguments are required: %s",
        "міндетті аргументтер берілмеген: %s",
    ),
    "argparse.unrecognized": (
        "непонятные аргументы: %s",
        "unrecognized arguments: %s",
        "танылмаған аргументтер: %s",
    ),
    "argparse.usage": ("использование: ", "usage: ", "қолданылуы: "),
    "help.as_of": (
        "дата отчёта (по умолчанию сегодня)",
        "as-of date (default: today)",
        "есепті күн (әдепкі бойынша — бүгін)",
    ),
    "help.by": (
        "группировка: activity,section,unit,program,subprogram,specifics,year,month",
        "grouping: activity,section,unit,program,subprogram,specifics,year,month",
        "топтастыру: activity,section,unit,program,subprogram,specifics,year,month",
    ),
    "help.dashboard": (
        "запустить панель руководителя (Voila)",
        "start the management dashboard (Voila)",
        "басшыға арналған панельді іске қосу (Voila)",
    ),
    "help.data": (
        "папка данных (plan/, budget/, procurement/); по умолчанию data/ проекта",
        "data folder (plan/, budget/, procurement/); default: the project's data/",
        "деректер қалтасы (plan/, budget/, procurement/); әдепкі бойынша жобаның data/ қалтасы",
    ),
    "help.force": (
        "строить отчёт и за месяц вне периода данных и плана",
        "build the report even for a month outside the data and the plan",
        "деректер мен жоспар кезеңінен тыс ай үшін де есеп құру",
    ),
    "help.init": (
        "создать пустую папку данных с планом (для работы с настоящими данными)",
        "create an empty data folder with the plan (to work with real data)",
        "жоспары бар бос деректер қалтасын құру (нақты деректермен жұмыс үшін)",
    ),
    "help.init_folder": (
        "новая папка данных (не должна существовать или должна быть пустой)",
        "the new data folder (must not exist, or be empty)",
        "жаңа деректер қалтасы (болмауы немесе бос болуы керек)",
    ),
    "help.init_plan": (
        "документ плана (DOCX или текст); по умолчанию официальный план 2023–2025 из data/",
        "the plan document (DOCX or text); default: the official 2023–2025 plan of data/",
        "жоспар құжаты (DOCX немесе мәтін); әдепкі бойынша data/ ішіндегі 2023–2025 ресми жоспары",
    ),
    "init.done": (
        "создана папка данных {path}: мероприятий в плане {count}, сумм пока нет (это не "
        "пример). Образцы файлов с заголовками — в templates/: скопируйте нужный в budget/ или "
        "procurement/ и заполните; закупки записываются в приложении реестра. Во всех командах "
        "указывайте --data {path}",
        "created the data folder {path}: {count} activities in the plan, no amounts yet (not "
        "example data). Files with their headers are in templates/: copy one into budget/ or "
        "procurement/ and fill it in; procurements are recorded in the register app. Pass "
        "--data {path} to every command",
        "{path} деректер қалтасы құрылды: жоспарда {count} іс-шара, әзірге сомалар жоқ (бұл "
        "мысал емес). Тақырыптары бар файл үлгілері templates/ ішінде: қажеттісін budget/ "
        "немесе procurement/ қалтасына көшіріп, толтырыңыз; сатып алулар тізілім қосымшасында "
        "жазылады. Барлық командада --data {path} көрсетіңіз",
    ),
    "init.not_empty": (
        "папка {path} уже существует и не пуста: init ничего не перезаписывает, укажите новую "
        "папку",
        "the folder {path} exists and is not empty: init overwrites nothing; name a new folder",
        "{path} қалтасы бар және бос емес: init ештеңені қайта жазбайды, жаңа қалта көрсетіңіз",
    ),
    "help.carry_over": (
        "перенести из папки прошлого плана открытые лоты и неоплаченные договоры в папку "
        "нового",
        "carry open lots and unpaid contracts from the previous plan's folder into the new one",
        "өткен жоспар қалтасынан ашық лоттар мен төленбеген шарттарды жаңасына көшіру",
    ),
    "help.carry_from": (
        "папка данных прошлого плана", "the previous plan's data folder",
        "өткен жоспардың деректер қалтасы",
    ),
    "help.carry_to": (
        "папка данных нового плана (mics-budget init)",
        "the new plan's data folder (mics-budget init)",
        "жаңа жоспардың деректер қалтасы (mics-budget init)",
    ),
    "help.carry_lot": (
        "перенести только этот лот (можно несколько раз)",
        "carry only this lot (may be given several times)",
        "тек осы лотты көшіру (бірнеше рет беруге болады)",
    ),
    "help.carry_map": (
        "мероприятие старого плана = мероприятие нового (например 7.1=8.1); можно несколько раз",
        "an activity of the old plan = one of the new (e.g. 7.1=8.1); may be given several times",
        "ескі жоспардағы іс-шара = жаңасындағы іс-шара (мысалы 7.1=8.1); бірнеше рет беруге "
        "болады",
    ),
    "help.carry_as_of": (
        "на какую дату лот считается открытым (по умолчанию последний день прошлого плана)",
        "the day a lot must be open on (default: the previous plan's last day)",
        "лот ашық болуы тиіс күн (әдепкі бойынша өткен жоспардың соңғы күні)",
    ),
    "help.carry_yes": (
        "записать без вопроса (иначе только список или вопрос в терминале)",
        "write without asking (otherwise only the list, or a question in a terminal)",
        "сұрамай жазу (әйтпесе тек тізім немесе терминалда сұрақ)",
    ),
    "help.format": ("формат вывода", "output format", "шығару форматы"),
    "help.from": ("первый месяц диапазона", "first month of a range", "кезеңнің бірінші айы"),
    "help.host": (
        "адрес (по умолчанию 127.0.0.1)",
        "address to bind (default 127.0.0.1)",
        "мекенжай (әдепкі бойынша 127.0.0.1)",
    ),
    "help.lang": (
        "язык сообщений: ru, en или kk",
        "language of messages: ru, en or kk",
        "хабарламалар тілі: ru, en немесе kk",
    ),
    "help.month": (
        "месяц: ГГГГ-ММ, last (прошлый месяц) или latest (последний с данными)",
        "month: YYYY-MM, last (previous month) or latest (last month with data)",
        "ай: ЖЖЖЖ-АА, last (өткен ай) немесе latest (деректері бар соңғы ай)",
    ),
    "help.no_validate": (
        "не проверять выгрузку по схеме OCDS (быстрее)",
        "do not check the export against the OCDS schema (faster)",
        "экспортты OCDS схемасы бойынша тексермеу (жылдамырақ)",
    ),
    "help.out": ("куда записать файл", "where to write the file", "файлды қайда жазу керек"),
    "help.params": (
        "YAML-файл с параметрами по умолчанию (params/monthly.yaml)",
        "YAML file of default parameters (params/monthly.yaml)",
        "әдепкі параметрлері бар YAML файлы (params/monthly.yaml)",
    ),
    "help.plan": ("план мероприятий", "the plan of activities", "іс-шаралар жоспары"),
    "help.plan_import": (
        "импорт плана из текстовой копии таблицы Word или из .docx",
        "import the plan from the flattened Word table or a .docx",
        "жоспарды Word кестесінің мәтіндік көшірмесінен немесе .docx файлынан импорттау",
    ),
    "help.plan_path": (
        "файл плана (.txt или .docx)",
        "plan file (.txt or .docx)",
        "жоспар файлы (.txt немесе .docx)",
    ),
    "help.plan_show": (
        "показать мероприятия плана",
        "show the plan's activities",
        "жоспар іс-шараларын көрсету",
    ),
    "help.plan_status": (
        "статус мероприятий на дату",
        "status of the activities as of a date",
        "іс-шаралардың көрсетілген күнгі мәртебесі",
    ),
    "help.port": ("порт", "port", "порт"),
    "help.procurement": (
        "реестр госзакупок",
        "the procurement register",
        "мемлекеттік сатып алу тізілімі",
    ),
    "help.procurement_add_lot": ("добавить лот", "add a lot", "лот қосу"),
    "help.procurement_kpis": (
        "показатели закупок (как в отчёте)",
        "procurement KPIs (as in the report)",
        "сатып алу көрсеткіштері (есептегідей)",
    ),
    "help.unicef": (
        "средства ЮНИСЕФ в долларах США и курсовая разница (как в отчёте)",
        "UNICEF's money in US dollars and the currency effect (as in the report)",
        "ЮНИСЕФ қаражаты АҚШ долларымен және бағам айырмасы (есептегідей)",
    ),
    "kpis.title": ("Показатели закупок за {period}", "Procurement KPIs, {period}",
                   "Сатып алу көрсеткіштері, {period}"),
    "unicef.title": ("ЮНИСЕФ в долларах США за {period}", "UNICEF in US dollars, {period}",
                     "ЮНИСЕФ АҚШ долларымен, {period}"),
    "help.procurement_flags": (
        "красные флаги закупок",
        "procurement red flags",
        "сатып алудағы тәуекел белгілері («қызыл жалаулар»)",
    ),
    "help.procurement_ocds": (
        "выгрузка OCDS 1.1",
        "OCDS 1.1 export",
        "OCDS 1.1 форматында экспорттау",
    ),
    "help.procurement_record": (
        "записать очередной этап лота",
        "record the next step of a lot",
        "лоттың кезекті кезеңін жазу",
    ),
    "help.procurement_status": (
        "реестр лотов на дату",
        "the register of lots as of a date",
        "көрсетілген күнгі лоттар тізілімі",
    ),
    "help.prog": (
        "Учёт бюджета и госзакупок плана мероприятий MICS",
        "Budget and procurement tracker for the MICS plan of activities",
        "MICS іс-шаралар жоспарының бюджеті мен мемлекеттік сатып алуын есепке алу",
    ),
    "help.register": (
        "приложение реестра госзакупок для ДАР вместо панели",
        "the procurement register app for ДАР instead of the dashboard",
        "панельдің орнына ДАР үшін мемлекеттік сатып алу тізілімінің қосымшасы",
    ),
    "help.report": (
        "ежемесячный отчёт (HTML + XLSX) через papermill",
        "the monthly report (HTML + XLSX) via papermill",
        "ай сайынғы есеп (HTML + XLSX), papermill арқылы",
    ),
    "help.section": (
        "только разделы плана (через запятую)",
        "only these sections (comma-separated)",
        "тек жоспардың осы бөлімдері (үтір арқылы)",
    ),
    "help.source": (
        "только один источник: RB (РБ) или UNICEF (ЮНИСЕФ)",
        "one funding source only: RB or UNICEF",
        "тек бір қаржыландыру көзі: RB (РБ) немесе UNICEF (ЮНИСЕФ)",
    ),
    "help.summary": (
        "исполнение бюджета по источникам на дату",
        "budget execution by source as of a date",
        "көрсетілген күнгі бюджеттің қаржыландыру көздері бойынша атқарылуы",
    ),
    "help.to": ("последний месяц диапазона", "last month of a range", "кезеңнің соңғы айы"),
    "help.to_utf8": (
        "перевести CSV-файлы папки данных в UTF-8 (для казахских букв)",
        "convert the data folder's CSV files to UTF-8 (for Kazakh letters)",
        "деректер қалтасының CSV файлдарын UTF-8 кодтауына ауыстыру (қазақ әріптері үшін)",
    ),
    "help.token": (
        "токен доступа (или MICS_DASHBOARD_TOKEN)",
        "access token (or MICS_DASHBOARD_TOKEN)",
        "қолжеткізу токені (немесе MICS_DASHBOARD_TOKEN)",
    ),
    "help.unit": (
        "только мероприятия этих подразделений (ДСН, ДАР …)",
        "only activities of these units (ДСН, ДАР …)",
        "тек осы бөлімшелердің іс-шаралары (ДСН, ДАР …)",
    ),
    "help.validate": (
        "проверить файлы папки данных",
        "check the files of the data folder",
        "деректер қалтасының файлдарын тексеру",
    ),
    "help.year": ("только один бюджетный год", "one budget year only", "тек бір қаржы жылы"),
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
