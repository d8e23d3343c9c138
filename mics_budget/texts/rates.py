"""Texts of the National Bank's rates import (``mics-budget import nbk``)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str, str]] = {
    "help.import_nbk": (
        "курсы Национального банка РК: его XML за день (или rates_all.xml) в файл курсов",
        "the National Bank of Kazakhstan's rates: its daily XML (or rates_all.xml) into the "
        "rates file",
        "Қазақстан Ұлттық Банкінің бағамдары: оның күндік XML (немесе rates_all.xml) файлы "
        "бағамдар файлына",
    ),
    "help.import_unore": (
        "операционные курсы ООН (UNORE, помесячно) из опубликованной таблицы: курс доллара "
        "в тенге",
        "the UN operational rates of exchange (UNORE, monthly) from the published table: the "
        "dollar in tenge",
        "БҰҰ операциялық бағамдары (UNORE, ай сайын) жарияланған кестеден: доллардың теңгедегі "
        "бағамы",
    ),
    "unore.no_header": (
        "не найдена строка заголовка с кодом ISO, курсом и датой вступления в силу",
        "no header row with the ISO code, the rate and the effective date",
        "ISO коды, бағамы және күшіне ену күні бар тақырып жолы табылмады",
    ),
    "unore.bad_row": ("строка KZT: «{value}» — не курс или не дата",
                      "the KZT row: '{value}' is not a rate or a date",
                      "KZT жолы: «{value}» бағам немесе күн емес"),
    "help.nbk_paths": ("файлы XML или папки с ними", "XML files or folders of them",
                       "XML файлдары немесе олар бар қалталар"),
    "help.nbk_all": ("все валюты, а не только те, что есть в данных",
                     "every currency, not only those the data use",
                     "деректерде бар валюталар ғана емес, барлық валюта"),
    "help.nbk_fetch": (
        "сначала скачать недостающие дни с сайта Нацбанка (--from, --to) в budget/nbk/",
        "first download the missing days from the National Bank's site (--from, --to) into "
        "budget/nbk/",
        "алдымен Ұлттық Банк сайтынан жетіспейтін күндерді (--from, --to) budget/nbk/ "
        "қалтасына жүктеу",
    ),
    "help.nbk_from": ("первый день (по умолчанию --to)", "first day (default: --to)",
                      "бірінші күн (әдепкі бойынша --to)"),
    "help.nbk_to": ("последний день (по умолчанию сегодня)", "last day (default: today)",
                    "соңғы күн (әдепкі бойынша бүгін)"),
    "help.nbk_url": ("адрес сайта Нацбанка (для проверки)",
                     "the National Bank's site address (for testing)",
                     "Ұлттық Банк сайтының мекенжайы (тексеру үшін)"),
    "help.import_treasury": (
        "платежи Казначейства из реестра (CSV или XLSX с русскими заголовками) в файл платежей",
        "Treasury payments from a register (CSV or XLSX with Russian headers) into the "
        "payments file",
        "Қазынашылық төлемдері тізілімнен (орысша тақырыптары бар CSV немесе XLSX) төлемдер "
        "файлына",
    ),
    "help.treasury_paths": ("файлы реестра платежей", "payment register files",
                            "төлемдер тізілімінің файлдары"),
    "treasury.totals": (
        "Добавлено платежей: {added} на {amount} тенге; уже в файле: {already}; уже получены "
        "с портала: {portal}; строк не принято: {problems}",
        "Payments added: {added}, {amount} tenge; already in the file: {already}; already "
        "imported from the portal: {portal}; rows not taken: {problems}",
        "Қосылған төлемдер: {added}, {amount} теңге; файлда бұрыннан бар: {already}; "
        "порталдан бұрын алынған: {portal}; қабылданбаған жолдар: {problems}",
    ),
    "treasury.totals_dry": (
        "Было бы добавлено платежей: {added} на {amount} тенге; уже в файле: {already}; уже "
        "получены с портала: {portal}; строк не принято: {problems}",
        "Payments that would be added: {added}, {amount} tenge; already in the file: "
        "{already}; already imported from the portal: {portal}; rows not taken: {problems}",
        "Қосылар еді: {added} төлем, {amount} теңге; файлда бұрыннан бар: {already}; "
        "порталдан бұрын алынған: {portal}; қабылданбаған жолдар: {problems}",
    ),
    "treasury.missing": ("файл {path} не найден", "file {path} not found",
                         "{path} файлы табылмады"),
    "treasury.unmapped": (
        "платёж не отнесён ни к одному мероприятию: договор {contract} не связан с лотом "
        "реестра, а программа/подпрограмма «{value}» и специфика {specifics} не сопоставлены "
        "(budget/activity_map)",
        "the payment belongs to no activity: contract {contract} is linked to no register lot, "
        "and programme/subprogramme '{value}' with specifics {specifics} map to none "
        "(budget/activity_map)",
        "төлем ешбір іс-шараға жатқызылмады: {contract} шарты тізілім лотымен байланыспаған, "
        "ал «{value}» бағдарламасы/кіші бағдарламасы мен {specifics} ерекшелігі "
        "сәйкестендірілмеген (budget/activity_map)",
    ),
    "treasury.bad_func": (
        "функциональная классификация «{value}» — не 9 цифр (АБП, программа, подпрограмма)",
        "the functional classification '{value}' is not 9 digits (ABP, programme, "
        "subprogramme)",
        "«{value}» функционалдық сыныптамасы 9 цифр емес (БӘМ, бағдарлама, кіші бағдарлама)",
    ),
    "treasury.bad_specifics": ("специфика «{value}» — не число", "the specifics '{value}' "
                               "is not a number", "«{value}» ерекшелігі сан емес"),
    "treasury.bad_number": (
        "номер платежа «{value}» пуст или с пробелами",
        "the payment number '{value}' is empty or has spaces",
        "«{value}» төлем нөмірі бос немесе бос орыны бар",
    ),
    "ipf.no_unit": (
        "ИПФ: не сказано, в чём суммы — в тенге или в тысячах тенге; укажите «тыс. тенге» или "
        "«тенге» в заголовке листа (файл не прочитан: множитель 1000 не угадывается)",
        "ИПФ: the sheet does not say whether amounts are in tenge or thousands of tenge; write "
        "«тыс. тенге» or «тенге» in its title (file not read: a factor of 1000 is never "
        "guessed)",
        "ЖҚЖ: сомалар теңгемен бе, мың теңгемен бе — айтылмаған; парақтың тақырыбында «тыс. "
        "тенге» немесе «тенге» деп көрсетіңіз (файл оқылмады: 1000 еселік болжанбайды)",
    ),
    "ipf.no_year": (
        "ИПФ: не указан год («на 2025 год» в заголовке или столбец «год»)",
        "ИПФ: no year given («на 2025 год» in the title, or a column «год»)",
        "ЖҚЖ: жыл көрсетілмеген (тақырыпта «на 2025 год» немесе «год» бағаны)",
    ),
    "ipf.no_kind": (
        "ИПФ: строка не относится ни к «по обязательствам», ни к «по платежам»",
        "ИПФ: the row is under neither «по обязательствам» nor «по платежам»",
        "ЖҚЖ: жол «міндеттемелер бойынша» да, «төлемдер бойынша» да емес",
    ),
    "ipf.unmapped": (
        "ИПФ: программа {program}, подпрограмма {subprogram}, специфика {value} не "
        "сопоставлены ни с одним мероприятием (budget/activity_map)",
        "ИПФ: programme {program}, subprogramme {subprogram}, specifics {value} map to no "
        "activity (budget/activity_map)",
        "ЖҚЖ: {program} бағдарламасы, {subprogram} кіші бағдарламасы, {value} ерекшелігі ешбір "
        "іс-шарамен сәйкестендірілмеген (budget/activity_map)",
    ),
    "ipf.shares_not_one": (
        "доли для {key} в сумме дают {value}, а не 1; эти строки не применяются",
        "the shares of {key} add up to {value}, not 1; these rows are not used",
        "{key} үлестерінің қосындысы 1 емес, {value}; бұл жолдар қолданылмайды",
    ),
    "ipf.thousand_off": (
        "план финансирования {year} года в {ratio} раз отличается от бюджета того же года: "
        "проверьте, в тенге ли он или в тысячах тенге",
        "the {year} financing plan is {ratio} times the budget of that year: check whether it "
        "is in tenge or in thousands of tenge",
        "{year} жылғы қаржыландыру жоспары сол жылғы бюджеттен {ratio} есе өзгеше: теңгемен бе, "
        "мың теңгемен бе — тексеріңіз",
    ),
    "nbk.title": ("Курсы Нацбанка РК (файлов прочитано: {files})",
                  "National Bank of Kazakhstan rates (files read: {files})",
                  "ҚР Ұлттық Банкінің бағамдары (оқылған файлдар: {files})"),
    "nbk.totals": (
        "Добавлено курсов: {added} ({currencies}); уже в файле: {already}; дней без курсов: "
        "{empty}; расхождений: {conflicts}",
        "Rates added: {added} ({currencies}); already in the file: {already}; days without "
        "rates: {empty}; disagreements: {conflicts}",
        "Қосылған бағамдар: {added} ({currencies}); файлда бұрыннан бар: {already}; бағамсыз "
        "күндер: {empty}; сәйкессіздіктер: {conflicts}",
    ),
    "nbk.totals_dry": (
        "Было бы добавлено курсов: {added} ({currencies}); уже в файле: {already}; дней без "
        "курсов: {empty}; расхождений: {conflicts}",
        "Rates that would be added: {added} ({currencies}); already in the file: {already}; "
        "days without rates: {empty}; disagreements: {conflicts}",
        "Қосылар еді: {added} бағам ({currencies}); файлда бұрыннан бар: {already}; бағамсыз "
        "күндер: {empty}; сәйкессіздіктер: {conflicts}",
    ),
    "nbk.skipped": (
        "валюты, которых нет в данных, пропущены ({currencies}); все валюты — с --all",
        "currencies the data do not use were skipped ({currencies}); every one with --all",
        "деректерде жоқ валюталар өткізіп жіберілді ({currencies}); барлығы — --all арқылы",
    ),
    "nbk.fetched": (
        "скачано дней: {fetched}, уже было: {skipped} ({path})",
        "days downloaded: {fetched}, already there: {skipped} ({path})",
        "жүктелген күндер: {fetched}, бұрыннан бар: {skipped} ({path})",
    ),
    "nbk.conflict": (
        "курс {currency} на {date}: в файле Нацбанка {value} за {quant}, а в {where} — "
        "{theirs} за {their_quant}; оставлен курс файла курсов, проверьте",
        "the {currency} rate of {date}: the National Bank's file has {value} per {quant}, "
        "{where} has {theirs} per {their_quant}; the rates file keeps its own: check it",
        "{date} күнгі {currency} бағамы: Ұлттық Банк файлында {quant} үшін {value}, ал {where} "
        "ішінде {their_quant} үшін {theirs}; бағамдар файлындағысы қалды, тексеріңіз",
    ),
    "nbk.missing": ("файл или папка {value} не найдены", "file or folder {value} not found",
                    "{value} файлы немесе қалтасы табылмады"),
    "nbk.unreadable": ("файл не читается: {value}", "the file cannot be read: {value}",
                       "файл оқылмайды: {value}"),
    "nbk.too_large": ("файл слишком велик для курсов Нацбанка ({value} байт)",
                      "the file is too large for National Bank rates ({value} bytes)",
                      "файл Ұлттық Банк бағамдары үшін тым үлкен ({value} байт)"),
    "nbk.doctype": (
        "в файле есть объявление типа документа (<!DOCTYPE>): такие файлы не читаются",
        "the file has a document type declaration (<!DOCTYPE>): such files are not read",
        "файлда құжат түрінің жариялануы бар (<!DOCTYPE>): мұндай файлдар оқылмайды",
    ),
    "nbk.not_xml": ("файл не XML: {value}", "the file is not XML: {value}",
                    "файл XML емес: {value}"),
    "nbk.unknown_shape": (
        "это не курсы Нацбанка (корневой элемент <{value}>; ожидается <rates> или <rss>)",
        "these are not National Bank rates (root element <{value}>; <rates> or <rss> expected)",
        "бұл Ұлттық Банк бағамдары емес (түбір элемент <{value}>; <rates> немесе <rss> күтіледі)",
    ),
    "nbk.bad_date": ("элемент {item}: дата «{value}» не в виде ДД.ММ.ГГГГ",
                     "item {item}: the date '{value}' is not DD.MM.YYYY",
                     "{item} элементі: «{value}» күні КК.АА.ЖЖЖЖ түрінде емес"),
    "nbk.bad_code": ("элемент {item}: код валюты «{value}» не из трёх латинских букв",
                     "item {item}: the currency code '{value}' is not three Latin letters",
                     "{item} элементі: «{value}» валюта коды үш латын әрпі емес"),
    "nbk.bad_rate": ("элемент {item}: курс «{value}» не положительное число",
                     "item {item}: the rate '{value}' is not a positive number",
                     "{item} элементі: «{value}» бағамы оң сан емес"),
    "nbk.bad_quant": ("элемент {item}: кратность «{value}» не целое положительное число",
                      "item {item}: the quantity '{value}' is not a positive whole number",
                      "{item} элементі: «{value}» еселігі оң бүтін сан емес"),
    "nbk.no_files": ("не указаны файлы курсов Нацбанка (или --fetch)",
                     "no National Bank rate files given (or --fetch)",
                     "Ұлттық Банк бағамдарының файлдары көрсетілмеген (немесе --fetch)"),
    "nbk.paths_with_fetch": ("с --fetch файлы не указываются", "--fetch takes no files",
                             "--fetch кезінде файлдар көрсетілмейді"),
    "nbk.bad_range": ("период {start}–{end}: начало позже конца",
                      "the range {start}–{end} starts after it ends",
                      "{start}–{end} кезеңі: басы соңынан кейін"),
    "nbk.range_too_long": ("слишком длинный период: не больше {days} дней за раз",
                           "the range is too long: at most {days} days at a time",
                           "кезең тым ұзақ: бір жолы {days} күннен аспауы керек"),
    "nbk.bad_url": ("адрес «{url}» не http(s)", "the address '{url}' is not http(s)",
                    "«{url}» мекенжайы http(s) емес"),
    "nbk.too_large_answer": ("ответ {url} слишком велик", "the answer of {url} is too large",
                             "{url} жауабы тым үлкен"),
    "nbk.http_error": (
        "сайт Нацбанка ответил {status} на {url}; уже скачанные дни сохранены, повторите "
        "команду позже",
        "the National Bank's site answered {status} to {url}; the days downloaded are saved, "
        "run the command again later",
        "Ұлттық Банк сайты {url} сұрауына {status} деп жауап берді; жүктелген күндер сақталды, "
        "команданы кейінірек қайталаңыз",
    ),
    "nbk.timeout": (
        "сайт Нацбанка не ответил за {seconds} с ({url}); уже скачанные дни сохранены, "
        "повторите команду позже",
        "the National Bank's site did not answer within {seconds} s ({url}); the days "
        "downloaded are saved, run the command again later",
        "Ұлттық Банк сайты {seconds} с ішінде жауап бермеді ({url}); жүктелген күндер "
        "сақталды, команданы кейінірек қайталаңыз",
    ),
    "nbk.no_network": (
        "нет связи с сайтом Нацбанка ({reason}); сохраните файлы курсов вручную и "
        "импортируйте их",
        "no connection to the National Bank's site ({reason}); save the rate files by hand "
        "and import them",
        "Ұлттық Банк сайтымен байланыс жоқ ({reason}); бағам файлдарын қолмен сақтап, "
        "импорттаңыз",
    ),
}
