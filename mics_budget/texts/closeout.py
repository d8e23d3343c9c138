"""The close-out report of a whole plan: titles, tables, sheets, outcomes, the summary.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "closeout.title": (
        "Итоговый отчёт о выполнении плана MICS за {period}",
        "MICS plan close-out report, {period}",
        "MICS жоспарының орындалуы туралы қорытынды есеп: {period}",
    ),
    "closeout.section.summary": (
        "Кратко для Руководящего комитета",
        "Summary for the steering committee",
        "Басшылық комитетке қысқаша",
    ),
    "closeout.section.execution": (
        "Исполнение бюджета за весь план и по годам",
        "Budget execution over the plan and by year",
        "Бүкіл жоспар және жылдар бойынша бюджеттің атқарылуы",
    ),
    "closeout.section.currency": ("ЮНИСЕФ в долларах США", "UNICEF in US dollars",
                                  "ЮНИСЕФ АҚШ долларымен"),
    "closeout.section.activities": (
        "Выполнение мероприятий: что сделано и когда",
        "Activities: what was done and when",
        "Іс-шаралардың орындалуы: не және қашан жасалды",
    ),
    "closeout.section.procurement": (
        "Итоги госзакупок",
        "Procurement outcomes",
        "Мемлекеттік сатып алу қорытындылары",
    ),
    "closeout.section.carry_over": (
        "Переходит в следующий план",
        "Carried over to the next plan",
        "Келесі жоспарға ауысатындар",
    ),
    "closeout.plan_note": (
        "«Утверждено» — план по закону о бюджете до уточнений; «План» — с уточнениями; "
        "остаток — неосвоенная часть плана (план − оплачено).",
        "'Approved' is the plan of the budget law before any adjustment; 'Plan' includes "
        "the adjustments; remaining is the unspent part of the plan (plan − paid).",
        "«Бекітілді» — нақтылауларға дейінгі бюджет туралы заң бойынша жоспар; «Жоспар» — "
        "нақтылаулармен; қалдық — жоспардың игерілмеген бөлігі (жоспар − төленді).",
    ),
    "closeout.currency_note": (
        "Суммы ЮНИСЕФ в долларах США по курсу дня каждой записи; в тенге — как в итогах.",
        "UNICEF's amounts in US dollars at each record's rate of the day; in tenge as in "
        "the totals.",
        "ЮНИСЕФ сомалары әр жазбаның күнгі бағамы бойынша АҚШ долларымен; теңгемен — "
        "қорытындылардағыдай.",
    ),
    "closeout.carry_over_note": (
        "Что переходит в следующий план (как в mics-budget carry-over): лоты, не "
        "завершённые к концу периода, и договоры, оплаченные не полностью. «Ещё нужно» — "
        "неоплаченная часть договора, а без договора — сметная сумма лота.",
        "What carries over to the next plan (as `mics-budget carry-over` carries it): lots "
        "not finished when the period ends and contracts not fully paid. 'Still needed' is "
        "the unpaid part of the contract or, without a contract, the lot's estimate.",
        "Келесі жоспарға не ауысады (mics-budget carry-over сияқты): кезең соңына дейін "
        "аяқталмаған лоттар және толық төленбеген шарттар. «Әлі қажет» — шарттың "
        "төленбеген бөлігі, шарт болмаса — лоттың сметалық сомасы.",
    ),
    "closeout.outcome.on_time": ("выполнено в срок", "done on time", "мерзімінде орындалды"),
    "closeout.outcome.late": ("выполнено с опозданием", "done late",
                              "кешігіп орындалды"),
    "closeout.outcome.not_done": ("не выполнено", "not done", "орындалмады"),
    "closeout.outcome.open": ("срок ещё не истёк", "not due yet", "мерзімі әлі өтпеген"),
    "closeout.lot.completed": ("поставлено", "delivered", "жеткізілді"),
    "closeout.lot.contracted": ("договор исполняется", "contract in progress",
                                "шарт орындалуда"),
    "closeout.lot.in_procedure": ("процедура идёт", "procedure under way",
                                  "рәсім жүріп жатыр"),
    "closeout.lot.not_started": ("не начат", "not started", "басталмаған"),
    "closeout.lot.terminated": ("договор расторгнут", "contract terminated",
                                "шарт бұзылды"),
    "closeout.lot.cancelled": ("отменён", "cancelled", "күшін жойды"),
    "closeout.summary_money": (
        "{source}, {period}: оплачено {paid} из плана {plan} ({execution}); первоначально "
        "утверждено {approved}; не освоено {unspent}.",
        "{source}, {period}: paid {paid} of a plan of {plan} ({execution}); first approved "
        "{approved}; unspent {unspent}.",
        "{source}, {period}: жоспар {plan}, төленгені {paid} ({execution}); бастапқыда "
        "бекітілгені {approved}; игерілмегені {unspent}.",
    ),
    "closeout.summary_usd": (
        "ЮНИСЕФ в долларах США: план {plan} USD, оплачено {paid} USD.",
        "UNICEF in US dollars: plan {plan} USD, paid {paid} USD.",
        "ЮНИСЕФ АҚШ долларымен: жоспар {plan} USD, төленгені {paid} USD.",
    ),
    "closeout.summary_activities": (
        "Мероприятий в плане: {count}; выполнено в срок: {on_time}, с опозданием: {late}, "
        "не выполнено: {not_done}.",
        "Activities in the plan: {count}; done on time: {on_time}, late: {late}, not done: "
        "{not_done}.",
        "Жоспардағы іс-шаралар саны: {count}; мерзімінде орындалғаны: {on_time}, кешігіп: "
        "{late}, орындалмағаны: {not_done}.",
    ),
    "closeout.summary_late": (
        "Наибольшее опоздание — {activity} «{title}»: дней: {days}.",
        "The latest: {activity} '{title}', by {days} days.",
        "Ең көп кешіккені — {activity} «{title}»: күн саны: {days}.",
    ),
    "closeout.summary_not_done": (
        "Не выполнены: {items}.",
        "Not done: {items}.",
        "Орындалмағандар: {items}.",
    ),
    "closeout.summary_lots": (
        "Лотов: {count}; завершено: {completed}, расторгнуто или отменено: {ended}, "
        "не состоялось: {failed}, переходит в следующий план: {open}; экономия {savings}; "
        "доля договоров из одного источника {single} (лотов без конкурса — из одного "
        "источника или через электронный магазин: {direct}); красных флагов: {flags}.",
        "Lots: {count}; finished: {completed}, terminated or cancelled: {ended}, failed: "
        "{failed}, carried over to the next plan: {open}; savings {savings}; single-source "
        "share of contracts {single} (lots without competition — single source or the "
        "e-shop: {direct}); red flags: {flags}.",
        "Лоттар саны: {count}; аяқталғаны: {completed}, бұзылғаны немесе күші "
        "жойылғаны: {ended}, өтпей қалғаны: {failed}, келесі жоспарға ауысатыны: {open}; "
        "үнемдеу {savings}; бір көзден шарттардың үлесі {single} (конкурссыз лоттар — бір "
        "көзден немесе электрондық дүкен арқылы: {direct}); тәуекел белгілері: {flags}.",
    ),
    "closeout.summary_carry_over": (
        "Переходит на {date}: неоплаченные обязательства {unpaid} (договоров: {contracts}) "
        "и незавершённые процедуры (лотов: {lots}) на сметную сумму {estimate}.",
        "Carried over as of {date}: unpaid commitments of {unpaid} (contracts: {contracts}) "
        "and unfinished procedures (lots: {lots}) estimated at {estimate}.",
        "{date} күнгі ауысатындар: төленбеген міндеттемелер {unpaid} (шарттар саны: "
        "{contracts}) және аяқталмаған рәсімдер (лоттар саны: {lots}), сметалық сомасы "
        "{estimate}.",
    ),
    "closeout.summary_nothing_open": (
        "Незавершённых лотов и неоплаченных обязательств нет.",
        "No unfinished lot and no unpaid commitment.",
        "Аяқталмаған лоттар мен төленбеген міндеттемелер жоқ.",
    ),
    "closeout.step_run": ("Итоговый отчёт за {first} — {last}: запуск блокнота…",
                          "Close-out report {first} to {last}: running the notebook…",
                          "Қорытынды есеп, {first} — {last}: блокнот іске қосылды…"),
    "closeout.bad_period": (
        "неверный период «{value}»: ожидается ГГГГ-ММ..ГГГГ-ММ, например 2023-01..2025-12",
        "bad period '{value}': expected YYYY-MM..YYYY-MM, e.g. 2023-01..2025-12",
        "кезең қате: «{value}»; күтілгені ЖЖЖЖ-АА..ЖЖЖЖ-АА, мысалы 2023-01..2025-12",
    ),
    "closeout.plan_and_month": (
        "укажите что-то одно: --plan/--period или --month/--from/--to",
        "give one of --plan/--period and --month/--from/--to, not both",
        "біреуін ғана көрсетіңіз: --plan/--period немесе --month/--from/--to",
    ),
    "table.closeout_totals": ("Итоги по источникам", "Totals by source",
                              "Көздер бойынша қорытындылар"),
    "table.closeout_by_year": ("По годам", "By year", "Жылдар бойынша"),
    "table.closeout_by_section": ("По разделам плана", "By section of the plan",
                                  "Жоспар бөлімдері бойынша"),
    "table.closeout_by_activity": ("По мероприятиям", "By activity", "Іс-шаралар бойынша"),
    "table.closeout_by_unit": ("По подразделениям (первый ответственный)",
                               "By unit (the first one responsible)",
                               "Бөлімшелер бойынша (бірінші жауапты)"),
    "table.closeout_by_specifics": ("По специфике экономической классификации",
                                    "By specifics of the economic classification",
                                    "Экономикалық сыныптаманың ерекшелігі бойынша"),
    "table.closeout_activities": ("Мероприятия: план и факт", "Activities: planned and actual",
                                  "Іс-шаралар: жоспар және нақты"),
    "table.closeout_outcomes": ("Итоги выполнения мероприятий", "Outcomes of the activities",
                                "Іс-шаралардың орындалу қорытындысы"),
    "table.closeout_methods": ("Лоты по способам и итогам", "Lots by method and outcome",
                               "Тәсілдер мен нәтижелер бойынша лоттар"),
    "table.closeout_lots": ("Сроки и задержки лотов", "Lots' dates and delays",
                            "Лоттардың мерзімдері мен кешігулері"),
    "table.closeout_carry_over": ("Незавершённые лоты и неоплаченные обязательства",
                                  "Unfinished lots and unpaid commitments",
                                  "Аяқталмаған лоттар мен төленбеген міндеттемелер"),
    "sheet.closeout_totals": ("Итоги", "Totals", "Қорытындылар"),
    "sheet.closeout_by_year": ("По годам", "By year", "Жылдар бойынша"),
    "sheet.closeout_by_section": ("Разделы", "Sections", "Бөлімдер"),
    "sheet.closeout_by_activity": ("Мероприятия", "Activities", "Іс-шаралар"),
    "sheet.closeout_by_unit": ("Подразделения", "Units", "Бөлімшелер"),
    "sheet.closeout_by_specifics": ("Специфика", "Specifics", "Ерекшелік"),
    "sheet.closeout_activities": ("План и факт", "Planned and actual", "Жоспар және нақты"),
    "sheet.closeout_outcomes": ("Итоги мероприятий", "Outcomes", "Іс-шаралар қорытындысы"),
    "sheet.closeout_methods": ("Способы закупок", "Methods", "Сатып алу тәсілдері"),
    "sheet.closeout_lots": ("Лоты", "Lots", "Лоттар"),
    "sheet.closeout_carry_over": ("Переходит", "Carry-over", "Ауысатындар"),
    "col.approved": ("Утверждено", "Approved", "Бекітілді"),
    "col.planned_end": ("Срок по плану", "Planned end", "Жоспар бойынша мерзімі"),
    "col.outcome": ("Итог", "Outcome", "Нәтиже"),
    "col.days_late": ("Опоздание, дн.", "Days late", "Кешігу, күн"),
    "col.still_needed": ("Ещё нужно", "Still needed", "Әлі қажет"),
    "col.next_step": ("Следующий шаг", "Next step", "Келесі қадам"),
    "col.announced": ("Объявлен", "Announced", "Жарияланды"),
    "col.delivered": ("Поставлен", "Delivered", "Жеткізілді"),
    "col.planned_announce": ("Объявление по плану", "Planned announcement",
                             "Жоспар бойынша жариялау"),
    "col.needed_by": ("Нужен к", "Needed by", "Қажет мерзімі"),
    "help.closeout_plan": (
        "итоговый отчёт за весь план (все его годы, на последний день плана)",
        "the close-out report of the whole plan (every year, as of the plan's last day)",
        "бүкіл жоспар бойынша қорытынды есеп (барлық жылдары, жоспардың соңғы күнгі)",
    ),
    "help.closeout_period": (
        "итоговый отчёт за месяцы ГГГГ-ММ..ГГГГ-ММ (их бюджетные годы, на последний день)",
        "the close-out report of months YYYY-MM..YYYY-MM (their budget years, as of the "
        "last day)",
        "ЖЖЖЖ-АА..ЖЖЖЖ-АА айлары бойынша қорытынды есеп (бюджеттік жылдары, соңғы күнгі)",
    ),
}
