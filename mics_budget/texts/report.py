"""The monthly report and the summary: titles, tables, sheets, charts.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "basis.even_spread": (
        "ИПФ нет — годовой план распределён поровну по месяцам мероприятия",
        "no financing plan: the annual plan spread evenly over the activity's months",
        "ЖҚЖ жоқ — жылдық жоспар іс-шара айларына тең бөлінді",
    ),
    "basis.financing_plan": (
        "по индивидуальному плану финансирования (ИПФ)",
        "from the individual financing plan",
        "жеке қаржыландыру жоспары (ЖҚЖ) бойынша",
    ),
    "basis.none": (
        "плана на год нет — есть только оплата",
        "no plan for the year: payments only",
        "жылға жоспар жоқ — тек төлемдер бар",
    ),
    "basis.mixed": (
        "частично по ИПФ, частично поровну по месяцам мероприятий",
        "partly from the financing plan, partly spread evenly",
        "ішінара ЖҚЖ бойынша, ішінара іс-шаралар айларына тең бөлінген",
    ),
    "chart.cumulative": (
        "Нарастающим итогом: оплата и помесячный план",
        "Cumulative payments against the monthly plan",
        "Өспелі қорытындымен: төлемдер және айлық жоспар",
    ),
    "chart.gantt": ("План мероприятий", "Plan of activities", "Іс-шаралар жоспары"),
    "chart.kzt": ("тенге", "KZT", "теңге"),
    "chart.lots": ("Лотов", "Lots", "Лоттар саны"),
    "chart.lots_by_stage": ("Лоты по этапам", "Lots by stage", "Кезеңдер бойынша лоттар"),
    "chart.paid_cumulative": (
        "Оплачено нарастающим итогом",
        "Cumulative payments",
        "Өспелі қорытындымен төленгені",
    ),
    "chart.plan_cumulative": (
        "План нарастающим итогом",
        "Cumulative plan",
        "Өспелі қорытындымен жоспар",
    ),
    "chart.plan_vs_paid_by_section": (
        "План, обязательства и оплата по разделам",
        "Plan, commitments and payments by section",
        "Бөлімдер бойынша жоспар, міндеттемелер және төлемдер",
    ),
    "chart.plan_vs_paid": (
        "План, обязательства и оплата",
        "Plan, commitments and payments",
        "Жоспар, міндеттемелер және төлемдер",
    ),
    "chart.projected": ("Прогноз на конец года", "Year-end projection", "Жыл соңына болжам"),
    "explore.example_data": ("пример данных", "example data", "мысал деректер"),
    "explore.loaded": (
        "{data} | мероприятий: {activities} | проблем в файлах: {problems}",
        "{data} | {activities} activities | {problems} problems in the files",
        "{data} | іс-шаралар: {activities} | файлдардағы мәселелер: {problems}",
    ),
    "explore.real_data": ("реальные данные", "real data", "нақты деректер"),
    "explore.saved": ("Выгрузки сохранены в {folder}", "Exports saved in {folder}",
                      "Жүктемелер {folder} қалтасына сақталды"),
    "report.after_plan": (
        "месяц {month} позже окончания плана ({last}): отчёт был бы пустым; укажите другой "
        "месяц или --force",
        "month {month} is after the end of the plan ({last}): the report would be empty; give "
        "another month or --force",
        "{month} айы жоспардың аяқталуынан ({last}) кейін: есеп бос болар еді; басқа айды "
        "көрсетіңіз немесе --force",
    ),
    "report.as_of": ("Данные на", "Figures as of", "Деректер күні"),
    "period.years": ("{first}–{last} гг.", "{first}–{last}", "{first}–{last} жж."),
    "period.year": ("{year} г.", "{year}", "{year} ж."),
    "period.to_date": ("{span}, на {date}", "{span}, as of {date}", "{span}, {date} күнгі"),
    "period.on": ("на {date}", "as of {date}", "{date} күнгі"),
    "period.month": ("за {month} {year} г.", "{month} {year}", "{year} ж. {month}"),
    "report.bad_month": (
        "неверный месяц «{value}»: нужен ГГГГ-ММ, last или latest",
        "invalid month '{value}': expected YYYY-MM, last or latest",
        "қате ай «{value}»: ЖЖЖЖ-АА, last немесе latest қажет",
    ),
    "report.bad_range": (
        "начало диапазона {first} позже его конца {last}",
        "the range starts ({first}) after it ends ({last})",
        "кезеңнің басы ({first}) оның соңынан ({last}) кейін",
    ),
    "report.basis": (
        "Помесячный план: {basis}.",
        "Monthly plan: {basis}.",
        "Айлық жоспар: {basis}.",
    ),
    "report.before_data": (
        "месяц {month} раньше первых данных ({first}): отчёт был бы пустым; укажите другой "
        "месяц или --force",
        "month {month} is before the first data ({first}): the report would be empty; give "
        "another month or --force",
        "{month} айы алғашқы деректерден ({first}) бұрын: есеп бос болар еді; басқа айды "
        "көрсетіңіз немесе --force",
    ),
    "report.cumulative": (
        "Оплата нарастающим итогом и прогноз на конец года",
        "Cumulative payments and the year-end projection",
        "Өспелі қорытындымен төлемдер және жыл соңына болжам",
    ),
    "report.done": ("готово: {path}", "done: {path}", "дайын: {path}"),
    "report.execution": (
        "Исполнение по мероприятиям и специфике",
        "Execution by activity and economic classification",
        "Іс-шаралар және ерекшеліктер бойынша атқарылуы",
    ),
    "report.failed": (
        "отчёт не построен: ошибка в ячейке {cell}: {error}",
        "the report failed: error in cell {cell}: {error}",
        "есеп құрылмады: {cell} ұяшығында қате: {error}",
    ),
    "report.headline": (
        "Главное: средства по источникам",
        "Headline figures by source",
        "Негізгі көрсеткіштер: қаржыландыру көздері бойынша қаражат",
    ),
    "report.no_data": (
        "в папке данных нет ни одной датированной записи",
        "the data folder has no dated record",
        "деректер қалтасында күні көрсетілген бірде-бір жазба жоқ",
    ),
    "report.problems": ("Проблемы в данных", "Data problems", "Деректердегі мәселелер"),
    "report.procurement": ("Госзакупки", "Procurement", "Мемлекеттік сатып алу"),
    "report.projection_note": (
        "Прогноз: оплата на конец года при нынешнем темпе (оплачено × дней в году ÷ прошло "
        "дней).",
        "Projection: payments at year end at the current pace (paid × days in year ÷ days "
        "elapsed).",
        "Болжам: қазіргі қарқынмен жыл соңына дейінгі төлемдер (төленгені × жылдағы күн саны ÷ "
        "өткен күн саны).",
    ),
    "report.range": (
        "отчёты за {count} мес.: {first} — {last}",
        "reports for {count} months: {first} to {last}",
        "{count} айдың есептері: {first} — {last}",
    ),
    "report.schedule": ("Сроки плана", "Schedule", "Жоспар мерзімдері"),
    "report.step_html": ("[2/3] HTML без кода…", "[2/3] HTML without code…", "[2/3] кодсыз HTML…"),
    "report.step_manifest": (
        "[3/3] манифест и перенос в папку отчёта…",
        "[3/3] manifest and moving into place…",
        "[3/3] манифест және есеп қалтасына көшіру…",
    ),
    "report.step_run": (
        "[1/3] выполнение блокнота отчёта за {month}…",
        "[1/3] running the report notebook for {month}…",
        "[1/3] есеп блокнотын орындау ({month})…",
    ),
    "report.title": (
        "MICS: бюджет и госзакупки — отчёт за {month} {year}",
        "MICS: budget and procurement — report for {month} {year}",
        "MICS: бюджет және мемлекеттік сатып алу — {year} жылғы {month} айы бойынша есеп",
    ),
    "sheet.by_activity": ("Мероприятия", "Activities", "Іс-шаралар"),
    "sheet.by_specifics": ("Специфика", "Specifics", "Ерекшелік"),
    "sheet.cumulative": ("Помесячно", "Monthly", "Айлар бойынша"),
    "sheet.done": ("Выполнено", "Done", "Орындалды"),
    "sheet.due": ("Следующий месяц", "Due next month", "Келесі ай"),
    "sheet.flags": ("Красные флаги", "Red flags", "Тәуекел белгілері"),
    "sheet.headline": ("Итоги", "Headline", "Қорытындылар"),
    "sheet.overdue": ("Просрочено", "Overdue", "Мерзімі өткен"),
    "sheet.problems": ("Проблемы данных", "Data problems", "Деректер мәселелері"),
    "sheet.projection": ("Прогноз", "Projection", "Болжам"),
    "sheet.register": ("Реестр лотов", "Lots", "Лоттар тізілімі"),
    "summary.problems": (
        "Найдено проблем в данных: ошибок {errors}, предупреждений {warnings} (подробно: "
        "mics-budget validate)",
        "Data problems found: {errors} errors, {warnings} warnings (details: mics-budget "
        "validate)",
        "Деректерде анықталған мәселелер: қателер — {errors}, ескертулер — {warnings} "
        "(толығырақ: mics-budget validate)",
    ),
    "summary.title": (
        "Исполнение бюджета за {period}, тенге",
        "Budget execution, {period}, KZT",
        "Бюджеттің атқарылуы, {period}, теңге",
    ),
    "summary.total": ("Итого", "Total", "Барлығы"),
    "table.by_activity": ("По мероприятиям", "By activity", "Іс-шаралар бойынша"),
    "table.by_specifics": (
        "По специфике экономической классификации",
        "By economic classification",
        "Экономикалық сыныптама ерекшелігі бойынша",
    ),
    "table.cumulative": ("Помесячно", "By month", "Айлар бойынша"),
    "table.done": ("Выполнено в этом месяце", "Done this month", "Осы айда орындалғандар"),
    "table.due": ("Срок в следующем месяце", "Due next month", "Мерзімі келесі айда"),
    "table.empty": ("нет данных", "nothing to show", "деректер жоқ"),
    "table.flags": ("Красные флаги", "Red flags", "Тәуекел белгілері"),
    "table.headline": (
        "Средства по источникам",
        "Money by source",
        "Қаржыландыру көздері бойынша қаражат",
    ),
    "table.overdue": ("Просрочено", "Overdue", "Мерзімі өткендер"),
    "table.problems": ("Проблемы в данных", "Data problems", "Деректердегі мәселелер"),
    "table.projection": ("Прогноз на конец года", "Year-end projection", "Жыл соңына болжам"),
    "table.register": ("Реестр лотов", "Register of lots", "Лоттар тізілімі"),
}
