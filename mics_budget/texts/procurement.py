"""The procurement register: stages, methods, steps, red flags, the form.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "flag.amendment_increase": (
        "Увеличение суммы договора",
        "Contract value increased",
        "Шарт сомасының ұлғаюы",
    ),
    "flag.amendment_increase.detail": (
        "сумма изменена с {old} на {new} (рост {rise} к первоначальной)",
        "amount changed from {old} to {new} ({rise} above the original)",
        "сома өзгертілді: бұрын {old}, енді {new} (бастапқы сомаға қарағанда өсім {rise})",
    ),
    "flag.amendment_increase.explain": (
        "Дополнительное соглашение увеличило сумму договора; рост свыше порога — серьёзный "
        "признак.",
        "An amendment raised the contract value; a rise above the threshold is a serious sign.",
        "Қосымша келісім шарт сомасын ұлғайтты; шекті мәннен асатын өсім — елеулі белгі.",
    ),
    "flag.delivery_after_need": (
        "Поставка позже начала мероприятия",
        "Delivery after the activity that needs it",
        "Жеткізу іс-шара басталғаннан кейін",
    ),
    "flag.delivery_after_need.detail": (
        "на {days} дн. позже начала {start} мероприятий {activities}",
        "{days} days after {start}, the start of activities {activities}",
        "{activities} іс-шараларының басталуынан ({start}) {days} күн кейін",
    ),
    "flag.delivery_after_need.explain": (
        "Товары или услуги поступили (или ещё не поступили) после начала мероприятий, для "
        "которых они нужны.",
        "The goods or services arrived (or have not yet arrived) after the activities that need "
        "them began.",
        "Тауарлар немесе көрсетілетін қызметтер өздері қажет іс-шаралар басталғаннан кейін "
        "түсті (немесе әлі түскен жоқ).",
    ),
    "flag.payment_above_contract": (
        "Оплата больше суммы договора",
        "Payment above the contract value",
        "Төлем шарт сомасынан көп",
    ),
    "flag.payment_above_contract.detail": (
        "оплачено {paid} при договоре {contract}",
        "paid {paid} against a contract of {contract}",
        "төленгені {paid}, шарт сомасы {contract}",
    ),
    "flag.payment_above_contract.explain": (
        "Оплачено больше, чем сумма действующего договора.",
        "More was paid than the contract in force.",
        "Қолданыстағы шарттың сомасынан көп төленді.",
    ),
    "flag.payment_before_delivery": (
        "Оплата до поставки",
        "Payment before delivery",
        "Жеткізуге дейінгі төлем",
    ),
    "flag.payment_before_delivery.detail": (
        "платёж {payment} от {date} до поставки",
        "payment {payment} of {date} before delivery",
        "{date} күнгі {payment} төлемі жеткізуге дейін жүргізілген",
    ),
    "flag.payment_before_delivery.explain": (
        "Платёж по договору прошёл раньше поставки (аванс или ошибка в датах).",
        "A payment on the contract came before delivery (an advance, or wrong dates).",
        "Шарт бойынша төлем жеткізуден бұрын жүргізілді (аванс немесе күндердегі қате).",
    ),
    "flag.payment_without_lot": (
        "Платёж по госзакупу без лота",
        "Procurement payment naming no lot",
        "Лотсыз мемлекеттік сатып алу төлемі",
    ),
    "flag.payment_without_lot.detail": (
        "платёж {payment} на {amount} по мероприятию {activity} без лота",
        "payment {payment} of {amount} on activity {activity} names no lot",
        "{activity} іс-шарасы бойынша {amount} сомасындағы {payment} төлемі лотсыз",
    ),
    "flag.payment_without_lot.explain": (
        "По мероприятию-госзакупу есть платёж, не привязанный к лоту.",
        "A payment on a procurement activity names no lot.",
        "Мемлекеттік сатып алу іс-шарасы бойынша лотқа байланыстырылмаған төлем бар.",
    ),
    "flag.price_near_estimate": (
        "Цена договора близка к сметной или выше",
        "Contract price at or above the estimate",
        "Шарт бағасы сметалық сомаға жақын немесе одан жоғары",
    ),
    "flag.price_near_estimate.detail": (
        "договор составляет {share} сметной суммы (порог {threshold})",
        "the contract is {share} of the estimate (threshold {threshold})",
        "шарттың сметалық сомадағы үлесі — {share} (шекті мән {threshold})",
    ),
    "flag.price_near_estimate.explain": (
        "Сумма договора почти равна выделенной сумме или превышает её: признак отсутствия "
        "ценовой конкуренции.",
        "The contract is almost equal to, or above, the estimate: a sign of no price "
        "competition.",
        "Шарт сомасы сатып алу үшін бөлінген сомаға шамалас немесе одан асады: бұл баға "
        "бәсекесі болмағанының белгісі.",
    ),
    "flag.short_submission": (
        "Короткий срок подачи заявок",
        "Short submission period",
        "Өтінімдер берудің қысқа мерзімі",
    ),
    "flag.short_submission.detail": (
        "срок подачи {days} дн. при минимуме {minimum} дн. (закон {law})",
        "submission period {days} days, minimum {minimum} (law {law})",
        "өтінімдер беру мерзімі {days} күн, ең аз мерзім {minimum} күн (заң: {law})",
    ),
    "flag.short_submission.explain": (
        "От объявления до рассмотрения заявок прошло меньше минимума по закону: поставщики "
        "могли не успеть подготовиться.",
        "Less than the legal minimum passed from the announcement to the evaluation: suppliers "
        "may not have had time to bid.",
        "Хабарландыру жарияланғаннан бастап өтінімдерді қарауға дейін заңда белгіленген ең аз "
        "мерзімнен аз уақыт өтті: әлеуетті өнім берушілер өтінім дайындап үлгермеуі мүмкін.",
    ),
    "flag.single_bid": (
        "Одна заявка в конкурентной процедуре",
        "Single bid in a competitive procedure",
        "Бәсекелестік тәсілде бір ғана өтінім",
    ),
    "flag.single_bid.detail": (
        "одна заявка ({method})",
        "one bid ({method})",
        "бір өтінім ({method})",
    ),
    "flag.single_bid.explain": (
        "При конкурентном способе пришла одна заявка: конкуренции не было, цена не проверена "
        "рынком. Проверьте, не были ли условия слишком узкими или срок слишком коротким.",
        "A competitive method drew one bid: there was no competition and the price was not "
        "tested. Check whether the terms were too narrow or the period too short.",
        "Бәсекелестік тәсілмен өткізілген сатып алуға бір ғана өтінім түсті: бәсеке болмады, "
        "баға нарықта тексерілмеді. Талаптар тым тар немесе мерзім тым қысқа болмағанын "
        "тексеріңіз.",
    ),
    "flag.single_source_without_note": (
        "Из одного источника без обоснования",
        "Single source without a rationale",
        "Негіздемесіз бір көзден алу",
    ),
    "flag.single_source_without_note.detail": (
        "нет обоснования закупки из одного источника",
        "no rationale for the single-source purchase",
        "бір көзден алу тәсілімен сатып алудың негіздемесі жоқ",
    ),
    "flag.single_source_without_note.explain": (
        "Закупка из одного источника не сопровождается обоснованием ни в одном событии.",
        "A single-source purchase has no rationale in any of its events.",
        "Бір көзден алу тәсілімен жасалған сатып алудың ешбір оқиғасында негіздеме "
        "көрсетілмеген.",
    ),
    "flag.supplier_several_lots": (
        "Один поставщик выиграл несколько лотов",
        "One supplier won several lots",
        "Бір өнім беруші бірнеше лотта жеңді",
    ),
    "flag.supplier_several_lots.detail": (
        "{supplier} выиграл лотов: {count}",
        "{supplier} won {count} lots",
        "{supplier}: жеңген лоттар саны — {count}",
    ),
    "flag.supplier_several_lots.explain": (
        "Один и тот же поставщик выиграл несколько лотов: проверьте, нет ли дробления или "
        "сговора.",
        "The same supplier won several lots: check for splitting or collusion.",
        "Бір өнім беруші бірнеше лотта жеңімпаз болды: сатып алудың бөлшектелуін немесе сөз "
        "байласуды тексеріңіз.",
    ),
    "flag.unreliable_supplier": (
        "Поставщик в реестре недобросовестных участников",
        "Supplier in the register of unreliable participants",
        "Өнім беруші жосықсыз қатысушылар тізілімінде",
    ),
    "flag.unreliable_supplier.detail": (
        "{supplier} (БИН {bin}) в реестре недобросовестных участников: {start} – {end}",
        "{supplier} (BIN {bin}) is in the register of unreliable participants: {start} – {end}",
        "{supplier} (БСН {bin}) жосықсыз қатысушылар тізілімінде: {start} – {end}",
    ),
    "flag.unreliable_supplier.explain": (
        "Победитель лота внесён в реестр недобросовестных участников государственных закупок "
        "(goszakup.gov.kz, /v3/rnu) на срок, который пересекается с его договором.",
        "The lot's winner is in the register of unreliable participants in public procurement "
        "(goszakup.gov.kz, /v3/rnu) for a period that overlaps its contract.",
        "Лот жеңімпазы мемлекеттік сатып алудың жосықсыз қатысушылар тізіліміне "
        "(goszakup.gov.kz, /v3/rnu) шартымен қатар келетін мерзімге енгізілген.",
    ),
    "flag.act_penalty": (
        "Неустойка или просрочка по акту приёмки",
        "Penalty or delay in an acceptance act",
        "Қабылдау-беру актісі бойынша тұрақсыздық айыбы немесе мерзімнің өтуі",
    ),
    "flag.act_penalty.detail": (
        "акт {act} от {date}: неустойка {fine}, просрочка {days} дн.",
        "act {act} of {date}: penalty {fine}, {days} days overdue",
        "{act} актісі ({date}): тұрақсыздық айыбы {fine}, мерзімі өткені {days} күн",
    ),
    "flag.act_penalty.explain": (
        "По акту приёма-передачи на портале начислена неустойка или поставка просрочена "
        "(goszakup.gov.kz: sum_fine, day_overdue).",
        "The portal's acceptance act charges a penalty or records a late delivery "
        "(goszakup.gov.kz: sum_fine, day_overdue).",
        "Порталдағы қабылдау-беру актісі бойынша тұрақсыздық айыбы есептелген немесе жеткізу "
        "мерзімі өткен (goszakup.gov.kz: sum_fine, day_overdue).",
    ),
    "kpi.lots": ("Лотов в реестре", "Lots in the register", "Тізілімдегі лоттар"),
    "kpi.average_bids": (
        "Среднее число заявок (конкурентные способы)",
        "Average bids (competitive methods)",
        "Өтінімдердің орташа саны (бәсекелестік тәсілдер)",
    ),
    "kpi.single_bid_share": (
        "Доля лотов с одной заявкой",
        "Share of lots with a single bid",
        "Бір өтінім берілген лоттардың үлесі",
    ),
    "kpi.single_source_share": (
        "Доля закупок из одного источника (по сумме договоров)",
        "Single-source share (by contract amount)",
        "Бір көзден алу үлесі (шарт сомасы бойынша)",
    ),
    "kpi.failed_lots": (
        "Лотов с несостоявшейся закупкой",
        "Lots with a failed procedure",
        "Сатып алу өткізілмеген лоттар",
    ),
    "kpi.cancelled_lots": ("Отменённых лотов", "Cancelled lots", "Жойылған лоттар"),
    "kpi.savings": (
        "Экономия от сметной суммы, тенге",
        "Savings against the estimate, KZT",
        "Сметалық сомадан үнемдеу, теңге",
    ),
    "kpi.savings_share": (
        "Экономия, доля сметной суммы",
        "Savings, share of the estimate",
        "Үнемдеу, сметалық сомадағы үлесі",
    ),
    "kpi.days_to_results": (
        "Дней от объявления до итогов (медиана)",
        "Days from publication to results (median)",
        "Хабарландырудан қорытындыға дейінгі күндер (медиана)",
    ),
    "kpi.days_to_signature": (
        "Дней от итогов до подписания договора (медиана)",
        "Days from results to signature (median)",
        "Қорытындыдан шартқа қол қойылғанға дейінгі күндер (медиана)",
    ),
    "kpi.days_to_delivery": (
        "Дней от подписания до поставки (медиана)",
        "Days from signature to delivery (median)",
        "Шартқа қол қойылғаннан жеткізуге дейінгі күндер (медиана)",
    ),
    "kpi.days_to_payment": (
        "Дней от регистрации договора в казначействе до первого платежа (медиана)",
        "Days from the contract's Treasury registration to the first payment (median)",
        "Шарт қазынашылықта тіркелгеннен бірінші төлемге дейінгі күндер (медиана)",
    ),
    "kpi.note": (
        "«Лотов» — сколько лотов вошло в расчёт. Длительности — медиана календарных дней по "
        "лотам, где известны обе даты. Экономия считается от сметной суммы, которую "
        "определяет сам заказчик: большая экономия может означать завышенную смету, а не "
        "выгодную цену. Регистрация договора в казначействе известна только для лотов, "
        "загруженных с портала goszakup.gov.kz; без них показатель пуст.",
        "'Lots': how many lots the figure is computed over. Durations are the median of "
        "calendar days over the lots where both dates are known. Savings are measured "
        "against the estimate, which the buyer sets itself: a large saving can mean a "
        "generous estimate rather than a good price. The contract's Treasury registration "
        "is known only for lots imported from goszakup.gov.kz; without them the figure is "
        "empty.",
        "«Лоттар» — есептеуге кірген лоттар саны. Ұзақтықтар — екі күні де белгілі лоттар "
        "бойынша күнтізбелік күндердің медианасы. Үнемдеу тапсырыс берушінің өзі белгілейтін "
        "сметалық сомадан есептеледі: үлкен үнемдеу тиімді бағаны емес, асыра бағаланған "
        "сметаны білдіруі мүмкін. Шарттың қазынашылықта тіркелуі тек goszakup.gov.kz "
        "порталынан жүктелген лоттар үшін белгілі; оларсыз көрсеткіш бос.",
    ),
    "col.kpi": ("Показатель", "Indicator", "Көрсеткіш"),
    "col.kpi_value": ("Значение", "Value", "Мәні"),
    "col.kpi_lots": ("Лотов", "Lots", "Лоттар"),
    "table.kpis": (
        "Показатели закупок",
        "Procurement indicators",
        "Сатып алу көрсеткіштері",
    ),
    "sheet.kpis": ("Показатели закупок", "Procurement KPIs", "Сатып алу көрсеткіштері"),
    "form.amount": ("Сумма", "Amount", "Сома"),
    "form.bids": ("Заявок", "Bids", "Өтінімдер саны"),
    "form.date": ("Дата", "Date", "Күні"),
    "form.document": ("Документ", "Document", "Құжат"),
    "form.lot": ("Лот", "Lot", "Лот"),
    "form.note": ("Примечание", "Note", "Ескертпе"),
    "form.recorded_by": ("Кто записывает", "Recorded by", "Кім енгізеді"),
    "form.save": ("Записать", "Record", "Жазу"),
    "form.status": ("Этап", "Step", "Кезең"),
    "form.supplier": ("Поставщик", "Supplier", "Өнім беруші"),
    "form.supplier_bin": ("БИН/ИИН", "BIN/IIN", "БСН/ЖСН"),
    "form.title": ("Записать этап лота", "Record a step of a lot", "Лот кезеңін жазу"),
    "lifecycle.bad_step": (
        "недопустимый переход: из этапа «{stage}» в «{value}» (возможно: {allowed}); лот "
        "остаётся на прежнем этапе",
        "step not allowed: from stage '{stage}' to '{value}' (allowed: {allowed}); the lot "
        "stays where it was",
        "рұқсат етілмеген өту: «{stage}» кезеңінен «{value}» кезеңіне (мүмкіндері: {allowed}); "
        "лот бұрынғы кезеңінде қалады",
    ),
    "lifecycle.out_of_order": (
        "событие «{value}» датировано раньше предыдущего события лота ({last}); не учтено",
        "event '{value}' is dated before the lot's previous event ({last}); ignored",
        "«{value}» оқиғасының күні лоттың алдыңғы оқиғасынан ({last}) ерте; есепке алынбады",
    ),
    "method.auction": ("аукцион", "auction", "аукцион"),
    "method.commodity_exchange": ("товарная биржа", "commodity exchange", "тауар биржасы"),
    "method.e_shop": ("электронный магазин", "electronic shop", "электрондық дүкен"),
    "method.open_tender": ("открытый конкурс", "open tender", "ашық конкурс"),
    "method.price_quotations": (
        "запрос ценовых предложений",
        "request for price quotations",
        "баға ұсыныстарын сұрату",
    ),
    "method.single_source": ("из одного источника", "single source", "бір көзден алу"),
    "ocds.placeholder_prefix": (
        "префикс ocid «{prefix}» — заглушка из поставки: зарегистрируйте префикс в Open "
        "Contracting Partnership и укажите его в params/procurement.yaml (ocid_prefix); для "
        "черновика не для публикации — --draft",
        "the ocid prefix '{prefix}' is the shipped placeholder: register a prefix with the "
        "Open Contracting Partnership and set it in params/procurement.yaml (ocid_prefix); "
        "for a draft not to be published, --draft",
        "«{prefix}» ocid префиксі — жеткізілімдегі толтырғыш: Open Contracting "
        "Partnership-те префикс тіркеп, оны params/procurement.yaml ішінде (ocid_prefix) "
        "көрсетіңіз; жарияланбайтын жоба үшін — --draft",
    ),
    "help.ocds_draft": (
        "черновик не для публикации: разрешить префикс-заглушку ocid",
        "a draft not to be published: allow the placeholder ocid prefix",
        "жарияланбайтын жоба: ocid толтырғыш префиксіне рұқсат ету",
    ),
    "ocds.invalid": (
        "выгрузка OCDS не прошла проверку по схеме OCDS {version} (нарушений: {count}; "
        "первое: {first}); ничего не записано. Это ошибка программы, а не ваших данных: "
        "сообщите о ней разработчикам. Выгрузить без проверки: --no-validate",
        "the OCDS export failed the check against the OCDS {version} schema (violations: "
        "{count}; first: {first}); nothing was written. This is a bug of the tool, not of your "
        "data: please report it. To export without the check: --no-validate",
        "OCDS экспорты OCDS {version} схемасы бойынша тексеруден өтпеді (бұзушылықтар саны: "
        "{count}; біріншісі: {first}); ештеңе жазылмады. Бұл сіздің деректеріңіздің емес, "
        "бағдарламаның қатесі: ол туралы әзірлеушілерге хабарлаңыз. Тексерусіз экспорттау: "
        "--no-validate",
    ),
    "procurement.title": (
        "Реестр госзакупок на {date}, тенге",
        "Procurement register as of {date}, KZT",
        "{date} жағдай бойынша мемлекеттік сатып алу тізілімі, теңге",
    ),
    "record.amount_required": (
        "для этапа «{stage}» нужна сумма договора",
        "the step '{stage}' needs the contract amount",
        "«{stage}» кезеңі үшін шарт сомасы қажет",
    ),
    "record.bad_amount": (
        "неверная сумма «{value}»",
        "invalid amount '{value}'",
        "қате сома «{value}»",
    ),
    "record.bad_bids": (
        "число заявок должно быть целым неотрицательным: «{value}»",
        "the number of bids must be a whole number: '{value}'",
        "өтінімдер саны теріс емес бүтін сан болуы тиіс: «{value}»",
    ),
    "record.bad_bin": (
        "БИН/ИИН должен состоять из 12 цифр: «{value}»",
        "a BIN/IIN has 12 digits: '{value}'",
        "БСН/ЖСН 12 цифрдан тұруы тиіс: «{value}»",
    ),
    "record.bad_step": (
        "лот на этапе «{stage}»: перейти в «{value}» нельзя; возможно: {allowed}",
        "the lot is at stage '{stage}': it cannot go to '{value}'; possible: {allowed}",
        "лот «{stage}» кезеңінде: «{value}» кезеңіне өту мүмкін емес; мүмкіндері: {allowed}",
    ),
    "record.busy": (
        "реестр {path} занят другой записью дольше {seconds} с; повторите через минуту",
        "the register {path} has been busy with another entry for over {seconds} s; try again "
        "in a minute",
        "{path} тізілімі {seconds} секундтан астам уақыт басқа жазбамен бос емес; бір минуттан "
        "кейін қайталаңыз",
    ),
    "record.control_char": (
        "недопустимый управляющий символ {code} в поле: «{value}»",
        "a control character {code} is not allowed in the field: '{value}'",
        "өрісте жарамсыз {code} басқару таңбасы бар: «{value}»",
    ),
    "record.date_before_last": (
        "дата {value} раньше последнего события лота ({last})",
        "date {value} is before the lot's last event ({last})",
        "{value} күні лоттың соңғы оқиғасынан ({last}) ерте",
    ),
    "record.done": (
        "записано: лот {lot}, «{stage}», {date} ({event_id})",
        "recorded: lot {lot}, '{stage}', {date} ({event_id})",
        "жазылды: {lot} лоты, «{stage}», {date} ({event_id})",
    ),
    "record.future_date": (
        "дата {value} ещё не наступила (сегодня {today})",
        "date {value} is in the future (today is {today})",
        "{value} күні әлі келген жоқ (бүгін {today})",
    ),
    "record.long_lot_id": (
        "номер лота длиннее {limit} символов: «{value}»",
        "the lot id is longer than {limit} characters: '{value}'",
        "лот нөмірі {limit} таңбадан ұзын: «{value}»",
    ),
    "record.lot_added": ("добавлен лот {lot}", "lot {lot} added", "{lot} лоты қосылды"),
    "record.not_procurement": (
        "мероприятие {value} не требует госзакупки (форма завершения: «{form}»): лот не добавлен",
        "activity {value} needs no procurement (completion form: '{form}'): lot not added",
        "{value} іс-шарасы мемлекеттік сатып алуды талап етпейді (аяқтау нысаны: «{form}»): лот "
        "қосылмады",
    ),
    "record.unencodable": (
        "символ «{char}» ({code}) нельзя записать в {path}: файл в кодировке {encoding}. "
        "Переведите реестр в UTF-8 командой «mics-budget to-utf8» и повторите",
        "the character '{char}' ({code}) cannot be written to {path}: the file is in "
        "{encoding}. Convert the register to UTF-8 with 'mics-budget to-utf8' and try again",
        "«{char}» ({code}) таңбасын {path} файлына жазу мүмкін емес: файл {encoding} "
        "кодтауында. Тізілімді «mics-budget to-utf8» командасымен UTF-8 кодтауына ауыстырып, "
        "қайталаңыз",
    ),
    "record.unknown_law": (
        "неизвестная редакция закона «{value}» (известны: {choices})",
        "unknown law version '{value}' (known: {choices})",
        "заңның белгісіз редакциясы «{value}» (белгілілері: {choices})",
    ),
    "record.unknown_lot": (
        "лот «{value}» не найден в реестре лотов",
        "lot '{value}' is not in the lots register",
        "«{value}» лоты лоттар тізілімінде табылмады",
    ),
    "record.unknown_status": (
        "неизвестный статус «{value}»; возможные: {choices}",
        "unknown status '{value}'; possible: {choices}",
        "белгісіз мәртебе «{value}»; мүмкін мәндер: {choices}",
    ),
    "record.write_failed": (
        "запись в {path} не удалась ({detail}); файл оставлен как был, ничего не записано",
        "writing to {path} failed ({detail}); the file is left as it was, nothing recorded",
        "{path} файлына жазу сәтсіз аяқталды ({detail}); файл бұрынғы күйінде қалдырылды, "
        "ештеңе жазылмады",
    ),
    "record.xlsx_readonly": (
        "реестр {path} в формате XLSX доступен только для чтения: сохраните его как CSV ({csv}) "
        "и записывайте туда",
        "the XLSX register {path} is read-only here: save it as CSV ({csv}) and record there",
        "XLSX форматындағы {path} тізілімін мұнда тек оқуға болады: оны CSV ретінде сақтаңыз "
        "({csv}) және жазбаларды соған енгізіңіз",
    ),
    "register.title": (
        "Реестр госзакупок",
        "Procurement register",
        "Мемлекеттік сатып алу тізілімі",
    ),
    "stage.amended": ("изменение договора", "amended", "шартқа өзгеріс енгізілді"),
    "stage.announced": ("объявлен", "announced", "жарияланды"),
    "stage.awarded": ("определён победитель", "awarded", "жеңімпаз анықталды"),
    "stage.cancelled": ("отменён", "cancelled", "жойылды"),
    "stage.closed": ("закрыт", "closed", "жабылды"),
    "stage.contracted": ("договор заключён", "contracted", "шарт жасалды"),
    "stage.delivered": ("поставлено", "delivered", "жеткізілді"),
    "stage.evaluation": ("рассмотрение заявок", "evaluation", "өтінімдерді қарау"),
    "stage.none": ("нет событий", "no events", "оқиғалар жоқ"),
    "stage.paid": ("оплачено", "paid", "төленді"),
    "stage.planned": ("запланирован", "planned", "жоспарланған"),
    "stage.terminated": ("расторгнут", "terminated", "шарт бұзылды"),
    "stage.unsuccessful": ("не состоялся", "unsuccessful", "өткізілмеді"),
    # --- carry-over: lots and unpaid contracts into the next plan's folder ------------------
    "carry.bad_map": (
        "--map «{value}»: нужен вид СТАРОЕ=НОВОЕ (код мероприятия старого плана = код нового)",
        "--map '{value}': expected OLD=NEW (an activity code of the old plan = one of the new)",
        "--map «{value}»: ЕСКІ=ЖАҢА түрі керек (ескі жоспардағы іс-шара коды = жаңасының коды)",
    ),
    "carry.unknown_target": (
        "--map {activity}={target}: в новом плане нет мероприятия {target}",
        "--map {activity}={target}: the new plan has no activity {target}",
        "--map {activity}={target}: жаңа жоспарда {target} іс-шарасы жоқ",
    ),
    "carry.unknown_lot": (
        "лота {lot} нет в реестре старой папки",
        "the old folder's register has no lot {lot}",
        "ескі қалтаның тізілімінде {lot} лоты жоқ",
    ),
    "carry.not_open": (
        "лот {lot} переносить не нужно: он завершён (этап «{stage}») и по договору ничего не "
        "осталось оплатить",
        "lot {lot} needs no carrying over: it is done (stage '{stage}') and nothing is left "
        "to pay on its contract",
        "{lot} лотын көшірудің қажеті жоқ: ол аяқталған (кезең: «{stage}»), шарт бойынша "
        "төленетін ештеңе қалмаған",
    ),
    "carry.unmapped": (
        "лот {lot}: в новом плане нет мероприятия {activity} — укажите, куда его перенести: "
        "--map {activity}=КОД_НОВОГО_ПЛАНА",
        "lot {lot}: the new plan has no activity {activity}; say where it goes: "
        "--map {activity}=NEW_CODE",
        "{lot} лоты: жаңа жоспарда {activity} іс-шарасы жоқ — қайда көшіру керегін "
        "көрсетіңіз: --map {activity}=ЖАҢА_КОД",
    ),
    "carry.funding_differs": (
        "лот {lot}: мероприятие {activity} финансировал источник «{old}», а мероприятие "
        "{target} нового плана — «{new}»; выберите мероприятие с тем же источником (--map)",
        "lot {lot}: activity {activity} was funded by '{old}', activity {target} of the new "
        "plan by '{new}'; choose an activity with the same source (--map)",
        "{lot} лоты: {activity} іс-шарасының қаржыландыру көзі — «{old}», ал жаңа "
        "жоспардағы {target} іс-шарасының көзі — «{new}»; көзі бірдей іс-шараны таңдаңыз (--map)",
    ),
    "carry.lot_taken": (
        "в папке {folder} уже есть другой лот с номером {lot} (другие способ, валюта или "
        "сметная сумма): перенос не перезаписывает",
        "the folder {folder} already has another lot numbered {lot} (another method, currency "
        "or estimate): carrying over overwrites nothing",
        "{folder} қалтасында нөмірі {lot} басқа лот бар (тәсілі, валютасы немесе сметалық "
        "сомасы басқа): көшіру ештеңені қайта жазбайды",
    ),
    "carry.payment_taken": (
        "платёж {payment} лота {lot}: в новой папке уже есть другой платёж с этим номером",
        "payment {payment} of lot {lot}: the new folder already has another payment with "
        "this number",
        "{lot} лотының {payment} төлемі: жаңа қалтада осы нөмірлі басқа төлем бар",
    ),
    "carry.same_folder": (
        "папки --from и --to совпадают ({path}): перенос идёт из папки прошлого плана в папку "
        "нового",
        "--from and --to are the same folder ({path}): carrying over goes from the previous "
        "plan's folder into the new one",
        "--from және --to қалталары бірдей ({path}): көшіру өткен жоспар қалтасынан жаңасына "
        "жүреді",
    ),
    "carry.title": (
        "Перенос из {source} в {target}: лоты, открытые на {date}, и неоплаченные договоры",
        "Carry-over from {source} to {target}: lots open on {date} and unpaid contracts",
        "{source} қалтасынан {target} қалтасына көшіру: {date} күнгі ашық лоттар мен "
        "төленбеген шарттар",
    ),
    "carry.nothing": (
        "Переносить нечего: на {date} нет открытых лотов и неоплаченных договоров",
        "Nothing to carry over: no lot open and no contract unpaid on {date}",
        "Көшіретін ештеңе жоқ: {date} күні ашық лот та, төленбеген шарт та жоқ",
    ),
    "carry.dry_run": (
        "Пробный запуск: ничего не записано. Перенести: повторите с --yes",
        "Dry run: nothing written. To carry over, run again with --yes",
        "Сынақ іске қосу: ештеңе жазылмады. Көшіру үшін --yes қосып қайталаңыз",
    ),
    "carry.totals": (
        "Лотов к переносу: {count}, уже перенесены: {already}, с проблемами: {problems}",
        "Lots to carry over: {count}; already there: {already}; with problems: {problems}",
        "Көшірілетін лоттар: {count}, бұрын көшірілгені: {already}, мәселесі барлары: "
        "{problems}",
    ),
    "carry.done": (
        "Перенесено в {target}: лотов {lots}, строк лотов {rows}, событий {events}, "
        "платежей {payments}",
        "Carried over into {target}: {lots} lots, {rows} lot rows, {events} events, "
        "{payments} payments",
        "{target} қалтасына көшірілді: лоттар — {lots}, лот жолдары — {rows}, оқиғалар — "
        "{events}, төлемдер — {payments}",
    ),
    "carry.example_marked": (
        "Старая папка — пример (суммы выдуманы), поэтому папка {target} теперь тоже помечена "
        "как пример (файл EXAMPLE)",
        "The old folder holds example data (invented amounts), so the folder {target} is now "
        "marked as example data too (the EXAMPLE file)",
        "Ескі қалта — мысал (сомалар ойдан алынған), сондықтан {target} қалтасы да енді мысал "
        "ретінде белгіленді (EXAMPLE файлы)",
    ),
    "carry.refused": (
        "Перенос невозможен, ничего не записано (проблем: {count}):",
        "Nothing carried over, nothing written ({count} problems):",
        "Көшіру мүмкін емес, ештеңе жазылмады (мәселелер саны: {count}):",
    ),
    "carry.confirm": (
        "Перенести лоты ({count}) в {target}? [д/н] ",
        "Carry the lots ({count}) over into {target}? [y/n] ",
        "Лоттарды ({count}) {target} қалтасына көшіру керек пе? [и/ж] ",
    ),
    "carry.not_confirmed": (
        "Не подтверждено: ничего не записано",
        "Not confirmed: nothing written",
        "Расталмады: ештеңе жазылмады",
    ),
    "carry.state.new": ("перенести", "to carry", "көшіру"),
    "carry.state.already": ("уже перенесён", "already there", "бұрын көшірілген"),
    "carry.state.problem": ("проблема", "problem", "мәселе"),
    "col.new_activity": ("Мероприятие нового плана", "New plan's activity",
                         "Жаңа жоспардағы іс-шара"),
    "col.unpaid": ("Не оплачено", "Unpaid", "Төленбегені"),
    "col.events": ("Событий", "Events", "Оқиғалар"),
    "col.payments": ("Платежей", "Payments", "Төлемдер"),
    "col.carry_state": ("Перенос", "Carry-over", "Көшіру"),
}
