"""The procurement register: stages, methods, steps, red flags, the form.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "flag.amendment_increase": ("Увеличение суммы договора", "Contract value increased"),
    "flag.amendment_increase.detail": (
        "сумма изменена с {old} на {new} (рост {rise} к первоначальной)",
        "amount changed from {old} to {new} ({rise} above the original)",
    ),
    "flag.amendment_increase.explain": (
        "Дополнительное соглашение увеличило сумму договора; рост свыше порога — серьёзный "
        "признак.",
        "An amendment raised the contract value; a rise above the threshold is a serious sign.",
    ),
    "flag.delivery_after_need": (
        "Поставка позже начала мероприятия",
        "Delivery after the activity that needs it",
    ),
    "flag.delivery_after_need.detail": (
        "на {days} дн. позже начала {start} мероприятий {activities}",
        "{days} days after {start}, the start of activities {activities}",
    ),
    "flag.delivery_after_need.explain": (
        "Товары или услуги поступили (или ещё не поступили) после начала мероприятий, для "
        "которых они нужны.",
        "The goods or services arrived (or have not yet arrived) after the activities that need "
        "them began.",
    ),
    "flag.payment_above_contract": (
        "Оплата больше суммы договора",
        "Payment above the contract value",
    ),
    "flag.payment_above_contract.detail": (
        "оплачено {paid} при договоре {contract}",
        "paid {paid} against a contract of {contract}",
    ),
    "flag.payment_above_contract.explain": (
        "Оплачено больше, чем сумма действующего договора.",
        "More was paid than the contract in force.",
    ),
    "flag.payment_before_delivery": ("Оплата до поставки", "Payment before delivery"),
    "flag.payment_before_delivery.detail": (
        "платёж {payment} от {date} до поставки",
        "payment {payment} of {date} before delivery",
    ),
    "flag.payment_before_delivery.explain": (
        "Платёж по договору прошёл раньше поставки (аванс или ошибка в датах).",
        "A payment on the contract came before delivery (an advance, or wrong dates).",
    ),
    "flag.payment_without_lot": (
        "Платёж по госзакупу без договора",
        "Procurement payment naming no lot",
    ),
    "flag.payment_without_lot.detail": (
        "платёж {payment} на {amount} по мероприятию {activity} без лота",
        "payment {payment} of {amount} on activity {activity} names no lot",
    ),
    "flag.payment_without_lot.explain": (
        "По мероприятию-госзакупу есть платёж, не привязанный к лоту.",
        "A payment on a procurement activity names no lot.",
    ),
    "flag.price_near_estimate": (
        "Цена договора близка к сметной или выше",
        "Contract price at or above the estimate",
    ),
    "flag.price_near_estimate.detail": (
        "договор составляет {share} сметной суммы (порог {threshold})",
        "the contract is {share} of the estimate (threshold {threshold})",
    ),
    "flag.price_near_estimate.explain": (
        "Сумма договора почти равна выделенной сумме или превышает её: признак отсутствия "
        "ценовой конкуренции.",
        "The contract is almost equal to, or above, the estimate: a sign of no price "
        "competition.",
    ),
    "flag.short_submission": ("Короткий срок подачи заявок", "Short submission period"),
    "flag.short_submission.detail": (
        "срок подачи {days} дн. при минимуме {minimum} дн. (закон {law})",
        "submission period {days} days, minimum {minimum} (law {law})",
    ),
    "flag.short_submission.explain": (
        "От объявления до рассмотрения заявок прошло меньше минимума по закону: поставщики "
        "могли не успеть подготовиться.",
        "Less than the legal minimum passed from the announcement to the evaluation: suppliers "
        "may not have had time to bid.",
    ),
    "flag.single_bid": (
        "Одна заявка в конкурентной процедуре",
        "Single bid in a competitive procedure",
    ),
    "flag.single_bid.detail": ("одна заявка ({method})", "one bid ({method})"),
    "flag.single_bid.explain": (
        "При конкурентном способе пришла одна заявка: конкуренции не было, цена не проверена "
        "рынком. Проверьте, не были ли условия слишком узкими или срок слишком коротким.",
        "A competitive method drew one bid: there was no competition and the price was not "
        "tested. Check whether the terms were too narrow or the period too short.",
    ),
    "flag.single_source_without_note": (
        "Из одного источника без обоснования",
        "Single source without a rationale",
    ),
    "flag.single_source_without_note.detail": (
        "нет обоснования закупки из одного источника",
        "no rationale for the single-source purchase",
    ),
    "flag.single_source_without_note.explain": (
        "Закупка из одного источника не сопровождается обоснованием ни в одном событии.",
        "A single-source purchase has no rationale in any of its events.",
    ),
    "flag.supplier_several_lots": (
        "Один поставщик выиграл несколько лотов",
        "One supplier won several lots",
    ),
    "flag.supplier_several_lots.detail": (
        "{supplier} выиграл лотов: {count}",
        "{supplier} won {count} lots",
    ),
    "flag.supplier_several_lots.explain": (
        "Один и тот же поставщик выиграл несколько лотов: проверьте, нет ли дробления или "
        "сговора.",
        "The same supplier won several lots: check for splitting or collusion.",
    ),
    "form.amount": ("Сумма", "Amount"),
    "form.bids": ("Заявок", "Bids"),
    "form.date": ("Дата", "Date"),
    "form.document": ("Документ", "Document"),
    "form.lot": ("Лот", "Lot"),
    "form.note": ("Примечание", "Note"),
    "form.recorded_by": ("Кто записывает", "Recorded by"),
    "form.save": ("Записать", "Record"),
    "form.status": ("Этап", "Step"),
    "form.supplier": ("Поставщик", "Supplier"),
    "form.supplier_bin": ("БИН/ИИН", "BIN/IIN"),
    "form.title": ("Записать этап лота", "Record a step of a lot"),
    "lifecycle.bad_step": (
        "недопустимый переход: из этапа «{stage}» в «{value}» (возможно: {allowed}); лот "
        "остаётся на прежнем этапе",
        "step not allowed: from stage '{stage}' to '{value}' (allowed: {allowed}); the lot "
        "stays where it was",
    ),
    "lifecycle.out_of_order": (
        "событие «{value}» датировано раньше предыдущего события лота ({last}); не учтено",
        "event '{value}' is dated before the lot's previous event ({last}); ignored",
    ),
    "method.auction": ("аукцион", "auction"),
    "method.commodity_exchange": ("товарная биржа", "commodity exchange"),
    "method.e_shop": ("электронный магазин", "electronic shop"),
    "method.open_tender": ("открытый конкурс", "open tender"),
    "method.price_quotations": ("запрос ценовых предложений", "request for price quotations"),
    "method.single_source": ("из одного источника", "single source"),
    "ocds.invalid": (
        "выгрузка OCDS не прошла проверку по схеме OCDS {version} (нарушений: {count}; "
        "первое: {first}); ничего не записано. Это ошибка программы, а не ваших данных: "
        "сообщите о ней разработчикам. Выгрузить без проверки: --no-validate",
        "the OCDS export failed the check against the OCDS {version} schema (violations: "
        "{count}; first: {first}); nothing was written. This is a bug of the tool, not of your "
        "data: please report it. To export without the check: --no-validate",
    ),
    "procurement.title": (
        "Реестр госзакупок на {date}, тенге",
        "Procurement register as of {date}, KZT",
    ),
    "record.amount_required": (
        "для статуса «{value}» нужна сумма договора (--amount)",
        "status '{value}' needs the contract amount (--amount)",
    ),
    "record.bad_amount": ("неверная сумма «{value}»", "invalid amount '{value}'"),
    "record.bad_bids": (
        "число заявок должно быть целым неотрицательным: «{value}»",
        "the number of bids must be a whole number: '{value}'",
    ),
    "record.bad_bin": (
        "БИН/ИИН должен состоять из 12 цифр: «{value}»",
        "a BIN/IIN has 12 digits: '{value}'",
    ),
    "record.bad_step": (
        "лот на этапе «{stage}»: перейти в «{value}» нельзя; возможно: {allowed}",
        "the lot is at stage '{stage}': it cannot go to '{value}'; possible: {allowed}",
    ),
    "record.busy": (
        "реестр {path} занят другой записью дольше {seconds} с; повторите через минуту",
        "the register {path} has been busy with another entry for over {seconds} s; try again "
        "in a minute",
    ),
    "record.control_char": (
        "недопустимый управляющий символ {code} в поле: «{value}»",
        "a control character {code} is not allowed in the field: '{value}'",
    ),
    "record.date_before_last": (
        "дата {value} раньше последнего события лота ({last})",
        "date {value} is before the lot's last event ({last})",
    ),
    "record.done": (
        "записано: лот {lot}, {status}, {date}",
        "recorded: lot {lot}, {status}, {date}",
    ),
    "record.future_date": (
        "дата {value} ещё не наступила (сегодня {today})",
        "date {value} is in the future (today is {today})",
    ),
    "record.long_lot_id": (
        "номер лота длиннее {limit} символов: «{value}»",
        "the lot id is longer than {limit} characters: '{value}'",
    ),
    "record.lot_added": ("добавлен лот {lot}", "lot {lot} added"),
    "record.not_procurement": (
        "мероприятие {value} не требует госзакупки (форма завершения: «{form}»): лот не добавлен",
        "activity {value} needs no procurement (completion form: '{form}'): lot not added",
    ),
    "record.unencodable": (
        "символ «{char}» ({code}) нельзя записать в {path}: файл в кодировке {encoding}. "
        "Переведите реестр в UTF-8 командой «mics-budget to-utf8» и повторите",
        "the character '{char}' ({code}) cannot be written to {path}: the file is in "
        "{encoding}. Convert the register to UTF-8 with 'mics-budget to-utf8' and try again",
    ),
    "record.unknown_law": (
        "неизвестная редакция закона «{value}» (известны: {choices})",
        "unknown law version '{value}' (known: {choices})",
    ),
    "record.unknown_lot": (
        "лот «{value}» не найден в реестре лотов",
        "lot '{value}' is not in the lots register",
    ),
    "record.unknown_status": (
        "неизвестный статус «{value}»; возможные: {choices}",
        "unknown status '{value}'; possible: {choices}",
    ),
    "record.write_failed": (
        "запись в {path} не удалась ({detail}); файл оставлен как был, ничего не записано",
        "writing to {path} failed ({detail}); the file is left as it was, nothing recorded",
    ),
    "record.xlsx_readonly": (
        "реестр {path} в формате XLSX доступен только для чтения: сохраните его как CSV ({csv}) "
        "и записывайте туда",
        "the XLSX register {path} is read-only here: save it as CSV ({csv}) and record there",
    ),
    "register.title": ("Реестр госзакупок", "Procurement register"),
    "stage.amended": ("изменение договора", "amended"),
    "stage.announced": ("объявлен", "announced"),
    "stage.awarded": ("определён победитель", "awarded"),
    "stage.cancelled": ("отменён", "cancelled"),
    "stage.closed": ("закрыт", "closed"),
    "stage.contracted": ("договор заключён", "contracted"),
    "stage.delivered": ("поставлено", "delivered"),
    "stage.evaluation": ("рассмотрение заявок", "evaluation"),
    "stage.none": ("нет событий", "no events"),
    "stage.paid": ("оплачено", "paid"),
    "stage.planned": ("запланирован", "planned"),
    "stage.terminated": ("расторгнут", "terminated"),
    "stage.unsuccessful": ("не состоялся", "unsuccessful"),
}
