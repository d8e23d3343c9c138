"""The monthly report's summary, contents, new sections and columns.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "col.activity_title": ("Наименование мероприятия", "Activity title", "Іс-шараның атауы"),
    "col.measure": ("Показатель", "Figure", "Көрсеткіш"),
    "col.change": ("За месяц", "This month", "Ай ішінде"),
    "col.total": ("Итого", "Total", "Барлығы"),
    "col.plan_usd": ("План, долл. США", "Plan, USD", "Жоспар, АҚШ долл."),
    "col.paid_usd": ("Оплачено, долл. США", "Paid, USD", "Төленді, АҚШ долл."),
    "col.remaining_usd": ("Остаток, долл. США", "Remaining, USD", "Қалдық, АҚШ долл."),
    "col.currency_effect": ("В т. ч. курсовая разница", "Of which currency effect",
                            "Оның ішінде бағам айырмасы"),
    "col.remaining_nbk": ("Остаток по курсу НБРК", "Remaining at the NBK rate",
                          "ҚР ҰБ бағамы бойынша қалдық"),
    "col.remaining_unore": ("Остаток по курсу ООН (UNORE)", "Remaining at the UN rate (UNORE)",
                            "БҰҰ бағамы (UNORE) бойынша қалдық"),
    "report.contents": ("Содержание", "Contents", "Мазмұны"),
    "report.currency": ("ЮНИСЕФ в долларах США и курсовая разница",
                        "UNICEF in US dollars and the currency effect",
                        "ЮНИСЕФ АҚШ долларымен және бағам айырмасы"),
    "report.currency_note": (
        "Курсовая разница — часть остатка в тенге, возникшая из-за изменения курса НБРК между "
        "решением о бюджете и платежами; остаток в долларах — реальное неосвоение. Курс НБРК на "
        "{nbk_date}: {nbk}; курс ООН (UNORE) за месяц: {unore}.",
        "The currency effect is the part of the tenge balance due to the NBK rate moving "
        "between the budget decision and the payments; the dollar balance is the real "
        "under-spending. NBK rate on {nbk_date}: {nbk}; UN operational rate of the month: "
        "{unore}.",
        "Бағам айырмасы — бюджет туралы шешім мен төлемдер арасында ҚР ҰБ бағамының "
        "өзгеруінен туындаған теңгедегі қалдықтың бөлігі; доллардағы қалдық — нақты "
        "игерілмеу. {nbk_date} күнгі ҚР ҰБ бағамы: {nbk}; айдың БҰҰ бағамы (UNORE): {unore}.",
    ),
    "report.rate_stale": (
        "Внимание: курс НБРК старше 10 дней ({days} дн.) — загрузите свежие курсы "
        "(mics-budget import nbk).",
        "Warning: the NBK rate is more than 10 days old ({days} days): import fresh rates "
        "(mics-budget import nbk).",
        "Назар аударыңыз: ҚР ҰБ бағамы 10 күннен ескі ({days} күн) — жаңа бағамдарды жүктеңіз "
        "(mics-budget import nbk).",
    ),
    "report.forecast": ("Прогноз на конец года", "Year-end forecast", "Жыл соңына болжам"),
    "report.summary": ("Кратко", "Summary", "Қысқаша"),
    "summary.source": (
        "{source}, план {period}: оплачено {paid} из плана {plan} ({execution}), за месяц — "
        "{paid_change}; обязательства {committed} (за месяц {committed_change}).",
        "{source}, plan {period}: paid {paid} of the plan {plan} ({execution}), {paid_change} "
        "this month; commitments {committed} ({committed_change} this month).",
        "{source}, жоспар {period}: {plan} жоспардан {paid} төленді ({execution}), ай ішінде — "
        "{paid_change}; міндеттемелер {committed} (ай ішінде {committed_change}).",
    ),
    "summary.unspent": (
        "Ожидаемое неосвоение {source} на конец {year} года — {unspent} (план года {plan}, "
        "оплачено {paid}).",
        "Expected unspent {source} at the end of {year}: {unspent} (plan of the year {plan}, "
        "paid {paid}).",
        "{year} жылдың соңына {source} бойынша күтілетін игерілмеу — {unspent} (жылдық "
        "жоспар {plan}, төленді {paid}).",
    ),
    "col.change_of": ("{name}: за месяц", "{name}: this month", "{name}: ай ішінде"),
    "summary.no_money": ("Денежных данных на эту дату нет.", "No money figures for this date.",
                         "Осы күнге ақша деректері жоқ."),
    "summary.behind": (
        "Больше всего отстают от помесячного плана: {items}.",
        "Furthest behind their monthly plan: {items}.",
        "Айлық жоспардан ең көп артта қалғандар: {items}.",
    ),
    "summary.behind_item": (
        "{activity} (оплачено {paid} при плане на дату {due})",
        "{activity} (paid {paid} against {due} due)",
        "{activity} (күнге дейінгі жоспар {due} болғанда {paid} төленді)",
    ),
    "summary.none_behind": ("Отставаний от помесячного плана нет.",
                            "Nothing is behind its monthly plan.",
                            "Айлық жоспардан артта қалу жоқ."),
    "summary.overdue": ("Стали просроченными в этом месяце: {items}.",
                        "Became overdue this month: {items}.",
                        "Осы айда мерзімі өткендер: {items}."),
    "summary.none_overdue": ("Новых просроченных мероприятий нет.",
                             "No activity became overdue.",
                             "Мерзімі жаңадан өткен іс-шаралар жоқ."),
    "summary.flags": ("Новые красные флаги: {count} ({items}).",
                      "New red flags: {count} ({items}).",
                      "Жаңа тәуекел белгілері: {count} ({items})."),
    "summary.none_flags": ("Новых красных флагов нет.", "No new red flags.",
                           "Жаңа тәуекел белгілері жоқ."),
    "summary.data_problems": ("В данных найдено ошибок: {errors}, предупреждений: {warnings} "
                         "(см. «Проблемы в данных»).",
                         "The data has {errors} errors and {warnings} warnings (see Data "
                         "problems).",
                         "Деректерде қателер: {errors}, ескертулер: {warnings} («Деректердегі "
                         "мәселелер» қараңыз)."),
    "summary.no_problems": ("Проблем в данных не найдено.", "No problem found in the data.",
                            "Деректерде мәселе табылмады."),
    "table.currency": ("ЮНИСЕФ по мероприятиям", "UNICEF by activity",
                       "ЮНИСЕФ іс-шаралар бойынша"),
    "table.forecast": ("Прогноз на конец года", "Year-end forecast", "Жыл соңына болжам"),
    "table.at_risk": ("Риск неосвоения по мероприятиям", "Under-execution risk by activity",
                      "Іс-шаралар бойынша игерілмеу тәуекелі"),
    "sheet.currency": ("ЮНИСЕФ в USD", "UNICEF in USD", "ЮНИСЕФ USD"),
    "sheet.forecast": ("Прогноз", "Forecast", "Болжам"),
    "sheet.at_risk": ("Риск неосвоения", "Under-execution risk", "Игерілмеу тәуекелі"),
    "help.pdf": ("также PDF (нужен Chromium; без него PDF пропускается)",
                 "also a PDF (needs a Chromium; skipped without one)",
                 "PDF те (Chromium қажет; онсыз PDF өткізіледі)"),
    "report.pdf_failed": ("PDF не получился ({browser}); отчёт не записан",
                          "the PDF failed ({browser}); the report was not written",
                          "PDF жасалмады ({browser}); есеп жазылмады"),
    "report.pdf_skipped": ("PDF пропущен: Chromium не найден (apt-get install chromium)",
                           "PDF skipped: no Chromium found (apt-get install chromium)",
                           "PDF өткізілді: Chromium табылмады (apt-get install chromium)"),
    "report.step_pdf": ("[+] PDF…", "[+] PDF…", "[+] PDF…"),
}
