"""Labels of the goszakup.gov.kz import (reading, deriving, fetching), Russian and English.

Registered into :data:`mics_budget.labels.LABELS` by :mod:`mics_budget.portal`. Every message
of a portal record names the file (the problem's ``file``), the record (``{record}``: its
position in the file, e.g. ``items[3]`` or ``data.TrdBuy[0].Lots[1]``) and, where it matters,
the register lot (``{lot}``).
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # --- reading saved responses ------------------------------------------------------------
    "portal.path_missing": ("путь не найден: {value}", "path not found: {value}"),
    "portal.no_files": ("в папке нет файлов .json: {value}",
                        "no .json files in the folder: {value}"),
    "portal.unreadable": ("файл не читается: {value}", "cannot read the file: {value}"),
    "portal.not_json": (
        "файл не является JSON ({value}); сохраните ответ портала как есть",
        "the file is not JSON ({value}); save the portal's answer as it is",
    ),
    "portal.unknown_shape": (
        "непонятная структура: ожидается страница REST ({{\"items\": […]}}), ответ GraphQL "
        "({{\"data\": {{…}}}}), список записей или одна запись",
        "unknown structure: expected a REST page ({{\"items\": […]}}), a GraphQL answer "
        "({{\"data\": {{…}}}}), a list of records or one record",
    ),
    "portal.unknown_root": (
        "раздел ответа GraphQL «{value}» не используется; пропущен",
        "GraphQL section '{value}' is not used; skipped",
    ),
    "portal.graphql_errors": (
        "ответ GraphQL содержит ошибку: {value}",
        "the GraphQL answer holds an error: {value}",
    ),
    "portal.error_response": (
        "в файле сохранён ответ портала об ошибке: {value}",
        "the file holds an error answer of the portal: {value}",
    ),
    "portal.unknown_record": (
        "запись {record}: по полям не понять, что это (объявление, лот, договор, акт, "
        "платёж, заявка, пункт плана, РНУ); пропущена",
        "record {record}: its fields do not tell what it is (announcement, lot, contract, "
        "act, payment, bid, plan point, unreliable supplier); skipped",
    ),
    "portal.missing_id": (
        "запись {record} ({kind}): нет идентификатора; пропущена",
        "record {record} ({kind}): no identifier; skipped",
    ),
    "portal.bad_date": (
        "запись {record}: поле {field}: неверная дата «{value}»",
        "record {record}: field {field}: invalid date '{value}'",
    ),
    "portal.bad_amount": (
        "запись {record}: поле {field}: неверная сумма «{value}» (нужно не более двух знаков "
        "после точки)",
        "record {record}: field {field}: invalid amount '{value}' (at most two decimals)",
    ),
    # --- deriving register events ----------------------------------------------------------
    "portal.link_not_found": (
        "лот {lot}: объявление {value} не найдено в файлах портала",
        "lot {lot}: announcement {value} is not in the portal files",
    ),
    "portal.lot_not_found": (
        "лот {lot}: лот портала {value} не найден (объявление {number})",
        "lot {lot}: portal lot {value} not found (announcement {number})",
    ),
    "portal.lot_ambiguous": (
        "лот {lot}: в объявлении {value} несколько лотов ({count}); укажите portal_lot",
        "lot {lot}: announcement {value} has several lots ({count}); give portal_lot",
    ),
    "portal.repeat_ambiguous": (
        "лот {lot}: в повторном объявлении {value} не понять, какой лот продолжает лот "
        "{portal_lot}; объявление пропущено",
        "lot {lot}: in the repeated announcement {value} no lot clearly continues lot "
        "{portal_lot}; announcement skipped",
    ),
    "portal.claimed_twice": (
        "лот портала {value} уже связан с лотом реестра {other}; для лота {lot} не учтён",
        "portal lot {value} is already linked to register lot {other}; not used for lot {lot}",
    ),
    "portal.unknown_status": (
        "запись {record}: неизвестный код статуса {value}; этапы по нему не выведены",
        "record {record}: unknown status code {value}; no step derived from it",
    ),
    "portal.unknown_method": (
        "запись {record}: способ закупки с кодом {value} не сопоставлен со способами реестра",
        "record {record}: procurement method code {value} has no register equivalent",
    ),
    "portal.method_differs": (
        "лот {lot}: способ закупки на портале ({value}) не совпадает со способом в реестре "
        "({method})",
        "lot {lot}: the portal's procurement method ({value}) differs from the register's "
        "({method})",
    ),
    "portal.missing_date": (
        "лот {lot}: для этапа «{status}» нет даты (поле {field}) в записи {record}",
        "lot {lot}: no date for step '{status}' (field {field}) in record {record}",
    ),
    "portal.missing_amount": (
        "лот {lot}: у договора {value} нет суммы (запись {record}); этап не выведен",
        "lot {lot}: contract {value} has no amount (record {record}); step not derived",
    ),
    "portal.lifecycle_refused": (
        "лот {lot}: этап «{value}» ({portal_id}, {date}) недопустим после этапа «{stage}» "
        "(возможно: {allowed}); не выведен",
        "lot {lot}: step '{value}' ({portal_id}, {date}) is not allowed after stage "
        "'{stage}' (allowed: {allowed}); not derived",
    ),
    "portal.contract_not_concluded": (
        "лот {lot}: договор {value} не заключён (статус {status}); этапы не выведены",
        "lot {lot}: contract {value} was not concluded (status {status}); no steps derived",
    ),
    "portal.contract_shared": (
        "договор {value} относится к нескольким лотам реестра ({lots}); его этапы и платежи "
        "не выведены",
        "contract {value} belongs to several register lots ({lots}); its steps and payments "
        "are not derived",
    ),
    "portal.contract_ambiguous": (
        "лот {lot}: договор {value} заключён по объявлению с несколькими лотами, а предметов "
        "договора (лотов) в файлах нет; не привязан",
        "lot {lot}: contract {value} comes from an announcement with several lots and the "
        "files hold no contract units (lots); not linked",
    ),
    "portal.currency_mismatch": (
        "лот {lot}: валюта договора {value} отличается от валюты лота ({currency}); этапы "
        "договора не выведены",
        "lot {lot}: the contract's currency {value} differs from the lot's ({currency}); "
        "contract steps not derived",
    ),
    "portal.negative_payment": (
        "лот {lot}: отрицательный платёж {value} (запись {record}) пропущен",
        "lot {lot}: negative payment {value} (record {record}) skipped",
    ),
    "portal.unicef_treasury": (
        "лот {lot}: казначейский платёж по мероприятию, финансируемому ЮНИСЕФ",
        "lot {lot}: a Treasury payment on an activity funded by UNICEF",
    ),
    # --- fetching from the API -------------------------------------------------------------
    "portal.bad_token": (
        "портал ответил 404 «Invalid Route» на {url}: токен неверен или истёк (новый токен "
        "выпускает администратор организации в профиле участника на портале)",
        "the portal answered 404 'Invalid Route' to {url}: the token is wrong or expired (an "
        "organisation administrator issues a new one in the portal profile)",
    ),
    "portal.http_error": ("портал ответил HTTP {status} на {url}",
                          "the portal answered HTTP {status} to {url}"),
    "portal.timeout": (
        "портал не ответил за {seconds} с: {url}",
        "the portal did not answer within {seconds} s: {url}",
    ),
    "portal.no_network": (
        "нет сети ({reason}): сохраните ответы портала вручную и импортируйте файлы",
        "no network ({reason}): save the portal's responses by hand and import the files",
    ),
    "portal.bad_page": (
        "ответ портала на {url} не является ожидаемым JSON: {detail}",
        "the portal's answer to {url} is not the expected JSON: {detail}",
    ),
    "portal.graphql_error": (
        "портал вернул ошибку GraphQL на {url}: {detail}",
        "the portal returned a GraphQL error to {url}: {detail}",
    ),
    "portal.state_mismatch": (
        "папка {path} уже содержит выгрузку с другими параметрами ({detail}); выберите "
        "другую папку",
        "folder {path} already holds a download with other parameters ({detail}); choose "
        "another folder",
    ),
    "portal.bad_bin": ("БИН должен состоять из 12 цифр: «{value}»",
                       "a BIN has 12 digits: '{value}'"),
    "portal.unknown_kind": (
        "неизвестный вид данных «{value}»; возможные: {choices}",
        "unknown kind of data '{value}'; possible: {choices}",
    ),
}
