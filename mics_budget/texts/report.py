"""The monthly report and the summary: titles, tables, sheets, charts.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "basis.even_spread": (
        "ИПФ нет — годовой план распределён поровну по месяцам мероприятия",
        "no financing plan: the annual plan spread evenly over the activity's months",
    ),
    "basis.financing_plan": (
        "по индивидуальному плану финансирования (ИПФ)",
        "from the individual financing plan",
    ),
    "basis.mixed": (
        "частично по ИПФ, частично поровну по месяцам мероприятий",
        "partly from the financing plan, partly spread evenly",
    ),
    "chart.cumulative": (
        "Нарастающим итогом: оплата и помесячный план",
        "Cumulative payments against the monthly plan",
    ),
    "chart.gantt": ("План мероприятий", "Plan of activities"),
    "chart.kzt": ("тенге", "KZT"),
    "chart.lots": ("Лотов", "Lots"),
    "chart.lots_by_stage": ("Лоты по этапам", "Lots by stage"),
    "chart.paid_cumulative": ("Оплачено нарастающим итогом", "Cumulative payments"),
    "chart.plan_cumulative": ("План нарастающим итогом", "Cumulative plan"),
    "chart.plan_vs_paid": ("План, обязательства и оплата", "Plan, commitments and payments"),
    "chart.projected": ("Прогноз на конец года", "Year-end projection"),
    "report.after_plan": (
        "месяц {month} позже окончания плана ({last}): отчёт был бы пустым; укажите другой "
        "месяц или --force",
        "month {month} is after the end of the plan ({last}): the report would be empty; give "
        "another month or --force",
    ),
    "report.as_of": ("Данные на", "Figures as of"),
    "report.bad_month": (
        "неверный месяц «{value}»: нужен ГГГГ-ММ, last или latest",
        "invalid month '{value}': expected YYYY-MM, last or latest",
    ),
    "report.bad_range": (
        "начало диапазона {first} позже его конца {last}",
        "the range starts ({first}) after it ends ({last})",
    ),
    "report.basis": ("Помесячный план: {basis}.", "Monthly plan: {basis}."),
    "report.before_data": (
        "месяц {month} раньше первых данных ({first}): отчёт был бы пустым; укажите другой "
        "месяц или --force",
        "month {month} is before the first data ({first}): the report would be empty; give "
        "another month or --force",
    ),
    "report.cumulative": (
        "Оплата нарастающим итогом и прогноз на конец года",
        "Cumulative payments and the year-end projection",
    ),
    "report.done": ("готово: {path}", "done: {path}"),
    "report.execution": (
        "Исполнение по мероприятиям и специфике",
        "Execution by activity and economic classification",
    ),
    "report.failed": (
        "отчёт не построен: ошибка в ячейке {cell}: {error}",
        "the report failed: error in cell {cell}: {error}",
    ),
    "report.headline": ("Главное: средства по источникам", "Headline figures by source"),
    "report.no_data": (
        "в папке данных нет ни одной датированной записи",
        "the data folder has no dated record",
    ),
    "report.problems": ("Проблемы в данных", "Data problems"),
    "report.procurement": ("Госзакупки", "Procurement"),
    "report.projection_note": (
        "Прогноз: оплата на конец года при нынешнем темпе (оплачено × дней в году ÷ прошло "
        "дней).",
        "Projection: payments at year end at the current pace (paid × days in year ÷ days "
        "elapsed).",
    ),
    "report.range": (
        "отчёты за {count} мес.: {first} — {last}",
        "reports for {count} months: {first} to {last}",
    ),
    "report.schedule": ("Сроки плана", "Schedule"),
    "report.step_html": ("[2/3] HTML без кода…", "[2/3] HTML without code…"),
    "report.step_manifest": (
        "[3/3] манифест и перенос в папку отчёта…",
        "[3/3] manifest and moving into place…",
    ),
    "report.step_run": (
        "[1/3] выполнение блокнота отчёта за {month}…",
        "[1/3] running the report notebook for {month}…",
    ),
    "report.title": (
        "MICS: бюджет и госзакупки — отчёт за {month} {year}",
        "MICS: budget and procurement — report for {month} {year}",
    ),
    "sheet.by_activity": ("Мероприятия", "Activities"),
    "sheet.by_specifics": ("Специфика", "Specifics"),
    "sheet.cumulative": ("Помесячно", "Monthly"),
    "sheet.done": ("Выполнено", "Done"),
    "sheet.due": ("Следующий месяц", "Due next month"),
    "sheet.flags": ("Красные флаги", "Red flags"),
    "sheet.headline": ("Итоги", "Headline"),
    "sheet.overdue": ("Просрочено", "Overdue"),
    "sheet.problems": ("Проблемы данных", "Data problems"),
    "sheet.projection": ("Прогноз", "Projection"),
    "sheet.register": ("Реестр лотов", "Lots"),
    "summary.problems": (
        "Найдено проблем в данных: ошибок {errors}, предупреждений {warnings} (подробно: "
        "mics-budget validate)",
        "Data problems found: {errors} errors, {warnings} warnings (details: mics-budget "
        "validate)",
    ),
    "summary.title": ("Исполнение бюджета на {date}, тенге", "Budget execution as of {date}, KZT"),
    "summary.total": ("Итого", "Total"),
    "table.by_activity": ("По мероприятиям", "By activity"),
    "table.by_specifics": (
        "По специфике экономической классификации",
        "By economic classification",
    ),
    "table.cumulative": ("Помесячно", "By month"),
    "table.done": ("Выполнено в этом месяце", "Done this month"),
    "table.due": ("Срок в следующем месяце", "Due next month"),
    "table.empty": ("нет данных", "nothing to show"),
    "table.flags": ("Красные флаги", "Red flags"),
    "table.headline": ("Средства по источникам", "Money by source"),
    "table.overdue": ("Просрочено", "Overdue"),
    "table.problems": ("Проблемы в данных", "Data problems"),
    "table.projection": ("Прогноз на конец года", "Year-end projection"),
    "table.register": ("Реестр лотов", "Register of lots"),
}
