"""Export of the procurement register as an OCDS 1.1 release package.

One immutable release per valid lot event and per payment on a lot, dated and tagged by stage;
each release holds the lot's whole state at its date, so merging the releases of an ``ocid``
(ocdsmerge) gives the compiled state that the register shows. :func:`validate` checks a
package against the OCDS 1.1.5 schemas shipped in ``schema/ocds-1.1.5/`` (offline).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..core.params import ProcurementSettings, procurement_settings
from ..core.values import is_digits
from .corrections import portal_page
from .lifecycle import IN_FORCE, OCDS

if TYPE_CHECKING:
    from ..project import Project

METHOD_CODES = {"open_tender": "open", "auction": "open", "price_quotations": "open",
                "commodity_exchange": "open", "e_shop": "limited", "single_source": "direct"}
METHOD_NAMES = {"open_tender": "Открытый конкурс", "auction": "Аукцион",
                "price_quotations": "Запрос ценовых предложений",
                "single_source": "Из одного источника", "e_shop": "Электронный магазин",
                "commodity_exchange": "Товарная биржа"}
TIMEZONE = "+05:00"
#: the prefix of the settings as shipped: no real publication may carry it
PLACEHOLDER_PREFIX = "ocds-000000-"
#: the org-id.guide scheme of a Kazakh business identification number
BIN_SCHEME = "KZ-BIN"
#: the 5th digit of a BIN (the kind of entity: resident, non-resident, joint venture); an
#: IIN has the first digit of a day of birth there
_BIN_KINDS = frozenset("456")


def is_placeholder(prefix: str) -> bool:
    """The shipped placeholder ``ocds-000000-`` (never a registered prefix)."""
    return prefix.startswith(PLACEHOLDER_PREFIX)


def is_company_bin(number: str) -> bool:
    """A BIN of a legal entity (published as a ``KZ-BIN`` identifier), not the IIN of a
    person (an individual entrepreneur's IIN encodes the birth date and sex: never
    published)."""
    return len(number) == 12 and is_digits(number) and number[4] in _BIN_KINDS
SCHEMA_DIR = Path(__file__).with_name("schema") / "ocds-1.1.5"
SCHEMA_VERSION = "1.1.5"


def _when(value: pd.Timestamp | date) -> str:
    return f"{pd.Timestamp(value).date().isoformat()}T00:00:00{TIMEZONE}"


def _money(minor: int, currency: str) -> dict:
    return {"amount": int(minor) / 100, "currency": currency}


def release_package(project: Project, as_of: date, params: ProcurementSettings | None = None,
                    published: datetime | None = None) -> dict:
    """The OCDS 1.1 release package of every lot as of a date."""
    params = params if params is not None else procurement_settings()
    as_of_ts = pd.Timestamp(as_of)
    lots = project.valid_lots.reset_index()
    known = project.on(as_of)
    events, payments = known.events, known.lot_payments
    releases = []
    for lot in lots.itertuples(index=False):
        timeline = [(e.date, e.row, "event", e) for e in _records(events, lot.lot, "lot")]
        timeline += [(p.date, p.row, "payment", p) for p in _records(payments, lot.lot,
                                                                      "contract")]
        timeline.sort(key=lambda item: (item[0], item[2] == "payment", item[1]))
        releases += _lot_releases(project, lot, timeline, params)
    return {
        "uri": f"urn:mics-budget:ocds:{as_of_ts.date().isoformat()}",
        "version": "1.1",
        "publishedDate": (published or datetime.now(UTC)).isoformat(timespec="seconds"),
        "publisher": {"name": params.publisher},
        "releases": releases,
    }


def _records(frame: pd.DataFrame, lot: str, column: str):
    rows = frame.loc[frame[column] == lot].rename(columns={"_row": "row", "_file": "file"})
    return rows.itertuples(index=False)


def _lot_releases(project: Project, lot, timeline: list, params: ProcurementSettings
                  ) -> list[dict]:
    customer = params.customer_bin.strip()
    buyer = {"id": f"{BIN_SCHEME}-{customer}" if customer else params.buyer.id,
             "name": params.buyer.name}
    funding = project.plan[lot.activity].funding
    parties: dict[str, dict] = {
        buyer["id"]: {**buyer, "roles": ["buyer", "procuringEntity", "payer"]}}
    if customer:
        parties[buyer["id"]]["identifier"] = {"scheme": BIN_SCHEME, "id": customer,
                                              "legalName": params.buyer.name}
    if funding == "UNICEF" and params.funder is not None:
        funder = params.funder
        parties[funder.id] = {"id": funder.id, "name": funder.name, "roles": ["funder"]}
    announcement = str(getattr(lot, "portal_number", "") or "")
    tender = {
        "id": announcement or lot.lot, "title": lot.title or project.plan[lot.activity].title,
        "status": "planning", "procurementMethod": METHOD_CODES[lot.method],
        "procurementMethodDetails": METHOD_NAMES[lot.method],
        "value": _money(lot.estimate_minor, lot.currency),
    }
    award: dict | None = None
    contract: dict | None = None
    releases = []
    for number, (when, _, kind, item) in enumerate(timeline, start=1):
        if kind == "event":
            tag = _apply(item, lot, tender, parties, buyer)
            award, contract = _award_contract(item, lot, award, contract, parties, tender)
        else:
            tag = "implementation"
            if contract is not None:
                contract["implementation"]["transactions"].append({
                    "id": item.id, "date": _when(item.date),
                    "value": _money(item.amount_minor, item.currency),
                    "payer": buyer, "payee": _supplier_ref(contract, parties),
                })
        release = {
            "ocid": f"{params.ocid_prefix}{lot.lot}",
            "id": f"{lot.lot}-{number:03d}-{item.status if kind == 'event' else 'payment'}",
            "date": _when(when), "tag": [tag], "initiationType": "tender", "language": "ru",
            "parties": [dict(p) for p in parties.values()], "buyer": buyer,
            "planning": {"budget": {"description": project.plan[lot.activity].title,
                                    "amount": _money(lot.estimate_minor, lot.currency)}},
            "tender": dict(tender),
        }
        if award is not None:
            release["awards"] = [_copy(award)]
        if contract is not None:
            release["contracts"] = [_copy(contract)]
        releases.append(release)
    return releases


def _apply(event, lot, tender: dict, parties: dict, buyer: dict) -> str:
    tender_status, _, _, tag = OCDS[event.status]
    if tender_status:
        tender["status"] = tender_status
    if event.status == "announced":
        tender["tenderPeriod"] = {"startDate": _when(event.date)}
        page = portal_page(getattr(event, "portal_id", "") or "")
        if page:  # the announcement's page on goszakup.gov.kz
            tender["documents"] = [{"id": f"{tender['id']}-notice",
                                    "documentType": "tenderNotice", "url": page,
                                    "datePublished": _when(event.date), "language": "ru"}]
    if event.status == "evaluation" and "tenderPeriod" in tender:
        tender["tenderPeriod"]["endDate"] = _when(event.date)
    if pd.notna(event.bids):
        tender["numberOfTenderers"] = int(event.bids)
    if event.supplier:
        number = event.supplier_bin or ""
        if is_company_bin(number):
            party_id = f"{BIN_SCHEME}-{number}"
            party = {"id": party_id, "name": event.supplier,
                     "identifier": {"scheme": BIN_SCHEME, "id": number,
                                    "legalName": event.supplier}}
        else:  # a person's IIN is never published, not even inside an id
            key = number or event.supplier
            party_id = f"supplier-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
            party = {"id": party_id, "name": event.supplier}
        parties.setdefault(party_id, {**party, "roles": ["supplier", "tenderer", "payee"]})
    return tag


def _award_contract(event, lot, award, contract, parties, tender):
    _, award_status, contract_status, _ = OCDS[event.status]
    suppliers = [{"id": p["id"], "name": p["name"]} for p in parties.values()
                 if "supplier" in p["roles"]]
    if award_status and award is None:
        award = {"id": f"{lot.lot}-award", "status": award_status, "date": _when(event.date),
                 "suppliers": suppliers[-1:]}
    if event.status == "cancelled" and award is not None:
        award["status"] = "cancelled"
    if event.status in IN_FORCE:
        value = _money(event.amount_minor, lot.currency)
        if contract is None:
            contract = {"id": f"{lot.lot}-contract", "awardID": award["id"] if award else
                        f"{lot.lot}-award", "status": "active", "dateSigned": _when(event.date),
                        "value": value, "implementation": {"transactions": []},
                        "milestones": [{"id": "delivery", "type": "delivery",
                                        "status": "scheduled"}]}
            if pd.notna(lot.needed_by):
                contract["milestones"][0]["dueDate"] = _when(lot.needed_by)
            if award is None:
                award = {"id": f"{lot.lot}-award", "status": "active",
                         "date": _when(event.date), "suppliers": suppliers[-1:]}
            award["value"] = value
        else:
            contract.setdefault("amendments", []).append({
                "id": f"{lot.lot}-amendment-{len(contract.get('amendments', [])) + 1}",
                "date": _when(event.date), "rationale": event.note or "",
                "description": f"{contract['value']['amount']} -> {value['amount']}"})
            contract["value"] = value
    if contract is not None:
        if contract_status:
            contract["status"] = contract_status
        if event.status == "delivered":
            contract["milestones"][0].update(status="met", dateMet=_when(event.date))
    if award is not None and not award.get("suppliers"):
        award["suppliers"] = suppliers[-1:]
    return award, contract


def _supplier_ref(contract: dict, parties: dict) -> dict:
    suppliers = [p for p in parties.values() if "supplier" in p["roles"]]
    return {"id": suppliers[-1]["id"], "name": suppliers[-1]["name"]} if suppliers else {}


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def validate(package: dict) -> list[str]:
    """Every way ``package`` breaks the OCDS 1.1.5 release package schema (each as
    ``path: message``, in document order); ``[]`` when it is valid. No format checker: the
    formats the schema names (``date-time``, ``uri``) are ours to get right, and checking
    them needs optional packages."""
    errors = sorted(_validator().iter_errors(package),
                    key=lambda e: [(isinstance(p, str), p) for p in e.absolute_path])
    return [f"{'/'.join(str(p) for p in error.absolute_path) or '/'}: {error.message}"
            for error in errors]


@cache
def _validator():
    from ..core._imports import without_rfc3987

    jsonschema = without_rfc3987("jsonschema")
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    release, package = (json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
                        for name in ("release-schema.json", "release-package-schema.json"))
    # the package schema names the release schema by its URL: resolved here, never fetched
    registry = Registry().with_resources([(release["id"], DRAFT4.create_resource(release)),
                                          (package["id"], DRAFT4.create_resource(package))])
    return jsonschema.Draft4Validator(package, registry=registry)
