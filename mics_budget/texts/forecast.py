"""The year-end forecast: its command, columns and notes.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "chart.as_of": ("на {date}", "as of {date}", "{date} жағдай бойынша"),
    "chart.forecast": ("Прогноз оплаты на конец года", "Forecast of payments at year end",
                       "Жыл соңына төлем болжамы"),
    "col.plan_to_date": ("План на дату", "Plan to date", "Күнге дейінгі жоспар"),
    "col.expected_paid": ("Ожидаемая оплата за год", "Expected paid by year end",
                          "Жыл соңына дейін күтілетін төлем"),
    "col.expected_unspent": ("Ожидаемое неосвоение", "Expected unspent",
                             "Күтілетін игерілмеу"),
    "col.basis": ("Основа помесячного плана", "Basis of the monthly plan",
                  "Айлық жоспардың негізі"),
    "forecast.title": (
        "Прогноз исполнения на конец {year} года (на {date}), тенге",
        "Year-end forecast for {year} (as of {date}), KZT",
        "{year} жылдың соңына орындалу болжамы ({date} жағдай бойынша), теңге",
    ),
    "forecast.note": (
        "Ожидаемая оплата = оплачено + невыплаченная часть плана в темпе, достигнутом к "
        "помесячному плану (не быстрее плана); не больше плана, если план ещё не превышен.",
        "Expected paid = paid + what is left of the plan at the pace kept against the monthly "
        "plan so far (never faster than planned); no more than the plan unless already "
        "exceeded.",
        "Күтілетін төлем = төленгені + жоспардың қалған бөлігі айлық жоспарға қатысты осы "
        "уақытқа дейінгі қарқынмен (жоспардан жылдам емес); жоспар әлі асып кетпесе, "
        "жоспардан артық емес.",
    ),
    "forecast.at_risk": ("Риск неосвоения по мероприятиям", "Under-execution risk by activity",
                         "Іс-шаралар бойынша игерілмеу тәуекелі"),
    "help.forecast": (
        "прогноз оплаты и неосвоения на конец бюджетного года",
        "forecast of payments and unspent plan at the end of the budget year",
        "бюджет жылының соңына төлем мен игерілмеу болжамы",
    ),
    "help.forecast_year": ("бюджетный год (по умолчанию год даты отчёта)",
                           "budget year (default: the as-of date's year)",
                           "бюджет жылы (әдепкі бойынша есепті күннің жылы)"),
    "help.forecast_by": ("также по мероприятиям", "also by activity", "іс-шаралар бойынша да"),
}
