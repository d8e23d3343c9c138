"""The dashboard and the Voila server.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "dash.all": ("Все", "All", "Барлығы"),
    "dash.back": ("Назад", "Back", "Артқа"),
    "dash.change_since": ("Изменение с {date}", "Change since {date}",
                          "{date} бастап өзгерісі"),
    "dash.data_errors": (
        "В данных ошибок: {count}. Цифры могут быть неполными (подробно: mics-budget "
        "validate)",
        "The data has {count} errors. The figures may be incomplete (details: mics-budget "
        "validate)",
        "Деректердегі қателер: {count}. Сандар толық болмауы мүмкін (толығырақ: mics-budget "
        "validate)",
    ),
    "dash.fix_and_reload": (
        "Исправьте файлы и обновите страницу.",
        "Fix the files and reload the page.",
        "Файлдарды түзетіп, бетті жаңартыңыз.",
    ),
    "dash.folder": ("Папка данных: {folder}", "Data folder: {folder}",
                    "Деректер қалтасы: {folder}"),
    "dash.forecast": ("{period} и прогноз на конец {year} года",
                      "{period} and the forecast for the end of {year}",
                      "{period} және {year} жылдың соңына болжам"),
    "dash.year_plan": ("План на {year} год", "Plan for {year}", "{year} жылға жоспар"),
    "dash.year_paid": ("Оплачено в {year} году", "Paid in {year}", "{year} жылы төленді"),
    "dash.heading_drill": ("По разделам и мероприятиям", "By section and activity",
                           "Бөлімдер мен іс-шаралар бойынша"),
    "dash.heading_lots": ("Реестр лотов", "Lots", "Лоттар тізілімі"),
    "dash.heading_plan": ("План мероприятий", "Plan of activities", "Іс-шаралар жоспары"),
    "dash.no_change": ("без изменений за месяц", "no change this month",
                       "ай ішінде өзгеріс жоқ"),
    "dash.no_data": (
        "Нет мероприятий плана, отвечающих сразу всем фильтрам ({filters}): цифры равны нулю.",
        "No activity of the plan matches all these filters at once ({filters}): the figures "
        "are zero.",
        "Жоспарда барлық сүзгіге бірдей сай келетін іс-шара жоқ ({filters}): сандар нөлге тең.",
    ),
    "dash.filter_section": ("раздел {section} «{title}»", "section {section} “{title}”",
                            "{section} бөлім «{title}»"),
    "dash.filter_unit": ("подразделение {unit}", "unit {unit}", "{unit} бөлімшесі"),
    "dash.filter_source": ("финансирование: {source}", "funding: {source}",
                           "қаржыландыру: {source}"),
    "dash.no_lots": ("Для выбранных фильтров лотов нет.", "No lots for these filters.",
                     "Таңдалған сүзгілер бойынша лоттар жоқ."),
    "dash.no_money": ("На {date} в данных нет ни плана, ни платежей.",
                      "On {date} the data has no plan and no payments yet.",
                      "{date} күні деректерде жоспар да, төлем де жоқ."),
    "dash.no_plan_year": ("На {year} год плана нет.", "No plan for {year}.",
                          "{year} жылға жоспар жоқ."),
    "dash.no_year": ("В {year} году нет ни плана, ни оплат для выбранных фильтров.",
                     "No plan and no payments in {year} for these filters.",
                     "{year} жылы таңдалған сүзгілер бойынша жоспар да, төлем де жоқ."),
    "dash.ask_admin": (
        "Цифры сейчас недоступны: данные не удалось загрузить. Обратитесь к администратору.",
        "The figures are not available now: the data could not be loaded. Please contact the "
        "administrator.",
        "Сандар қазір қолжетімсіз: деректер жүктелмеді. Әкімшіге хабарласыңыз.",
    ),
    "dash.not_loaded": ("Данные не загружены", "The data could not be loaded",
                        "Деректер жүктелмеді"),
    "dash.open_activity": ("Открыть мероприятие…", "Open an activity…", "Іс-шараны ашу…"),
    "dash.open_section": ("Открыть раздел…", "Open a section…", "Бөлімді ашу…"),
    "date.placeholder": ("ДД.ММ.ГГГГ", "DD.MM.YYYY or YYYY-MM-DD", "КК.АА.ЖЖЖЖ"),
    "date.required": ("Укажите дату", "Enter a date", "Күнді көрсетіңіз"),
    "dash.all_sections": ("Все разделы", "All sections", "Барлық бөлімдер"),
    "dash.all_units": ("Все подразделения", "All units", "Барлық бөлімшелер"),
    "dash.as_of": ("На дату", "As of", "Есепті күн"),
    "dash.error": (
        "не удалось обновить: {detail}",
        "could not refresh: {detail}",
        "жаңарту мүмкін болмады: {detail}",
    ),
    "dash.title": (
        "MICS: бюджет и госзакупки",
        "MICS: budget and procurement",
        "MICS: бюджет және мемлекеттік сатып алу",
    ),
    "table.drill_activities": ("Мероприятия раздела", "The section's activities",
                               "Бөлімнің іс-шаралары"),
    "table.drill_activity": ("Средства мероприятия", "The activity's money",
                             "Іс-шараның қаражаты"),
    "table.drill_lots": ("Лоты мероприятия", "The activity's lots", "Іс-шараның лоттары"),
    "table.drill_payments": ("Платежи мероприятия", "The activity's payments",
                             "Іс-шараның төлемдері"),
    "table.drill_sections": ("Разделы плана", "Sections of the plan", "Жоспардың бөлімдері"),
    "col.kzt": ("Сумма, тенге", "Amount, KZT", "Сомасы, теңге"),
    "col.payee": ("Получатель", "Payee", "Алушы"),
    "server.port_busy": (
        "порт {port} на {host} уже занят другой программой: укажите другой (--port)",
        "port {port} on {host} is already taken by another program: give another (--port)",
        "{host} мекенжайындағы {port} порты басқа бағдарламада бос емес: басқасын көрсетіңіз "
        "(--port)",
    ),
    "server.cannot_listen": (
        "на {host}:{port} слушать нельзя ({detail}): проверьте --host и --port",
        "cannot listen on {host}:{port} ({detail}): check --host and --port",
        "{host}:{port} мекенжайын тыңдау мүмкін емес ({detail}): --host пен --port тексеріңіз",
    ),
    "server.bad_host": (
        "адрес «{host}» не найден: укажите адрес этой машины (--host)",
        "the address '{host}' cannot be found: give this machine's address (--host)",
        "«{host}» мекенжайы табылмады: осы машинаның мекенжайын көрсетіңіз (--host)",
    ),
    "server.starting": (
        "панель: http://{host}:{port}/{query}",
        "dashboard: http://{host}:{port}/{query}",
        "панель: http://{host}:{port}/{query}",
    ),
    "server.token_required": (
        "адрес {host} доступен из сети: задайте токен (--token или MICS_DASHBOARD_TOKEN), иначе "
        "страницу откроет кто угодно",
        "address {host} is reachable from the network: set a token (--token or "
        "MICS_DASHBOARD_TOKEN), or anyone could open the page",
        "{host} мекенжайы желіден қолжетімді: токен орнатыңыз (--token немесе "
        "MICS_DASHBOARD_TOKEN), әйтпесе бетті кез келген адам аша алады",
    ),
}
