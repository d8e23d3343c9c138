"""The input tables, declared once: their columns, which are required, the headers people also
use for them, and the type each column has once loaded.

The loaders read files against these declarations (:func:`.tables.read_table`), parse the
values into the declared types and end with :func:`conform`; the writers append rows in the
declared order (:func:`.store.append_row`); the table of input files in
``docs/definitions.md`` is checked against them (``tests/test_schemas.py``). A loaded table
also carries its provenance (``_file``, ``_sheet``, ``_row``) and ``valid`` (the row has no
error and counts).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TEXT, DATE, WHOLE, FLAG, COUNT = "str", "datetime64[us]", "Int64", "bool", "int64"
PROVENANCE = {"_file": TEXT, "_sheet": TEXT, "_row": COUNT, "valid": FLAG}


@dataclass(frozen=True)
class Column:
    """A column: ``dtype`` once loaded, ``required`` in the file, ``aliases`` the other
    headers accepted (Russian ones), ``derived`` when the loader adds it (not in a file)."""

    name: str
    dtype: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    derived: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Schema:
    """One input table: ``DIR/<folder>/<name>.csv`` (or ``.xlsx``)."""

    name: str
    folder: str
    fields: tuple[Column, ...]
    doc: str = ""

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.fields if c.required and not c.derived)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.fields if not c.required and not c.derived)

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns a file has (required first), in the order a new file is written."""
        return self.required + self.optional

    @property
    def file_order(self) -> tuple[str, ...]:
        """The columns of a file in declaration order (the order of a new register file)."""
        return tuple(c.name for c in self.fields if not c.derived)

    def canonical(self, header: str) -> str | None:
        """The column a header means (any case and spacing, English or an alias), or None."""
        key = " ".join(str(header).replace("\ufeff", "").split()).lower()
        if key in self.columns:
            return key
        return self._aliases.get(key)

    @property
    def _aliases(self) -> dict[str, str]:
        return {alias.lower(): c.name for c in self.fields for alias in c.aliases}

    def dtypes(self) -> dict[str, str]:
        """Every column of the loaded table and its dtype (provenance included)."""
        return {**{c.name: c.dtype for c in self.fields}, **PROVENANCE}


def col(name: str, dtype: str = TEXT, *aliases: str, required: bool = False,
        doc: str = "") -> Column:
    return Column(name, dtype, required, aliases, False, doc)


def derived(name: str, dtype: str, doc: str = "") -> Column:
    return Column(name, dtype, derived=True, doc=doc)


def conform(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The loaded ``frame`` with the declared dtypes (codes mapped from Russian spellings come
    back as objects; ``valid`` as a nullable boolean)."""
    types = {name: dtype for name, dtype in schema.dtypes().items()
             if name in frame and str(frame[name].dtype) != dtype}
    if "valid" in types:
        frame["valid"] = frame["valid"].fillna(False)
    return frame.astype(types) if types else frame


# --- money: budget/ -----------------------------------------------------------------------------

_DATE = ("дата",)
_AMOUNT = ("сумма",)
_CURRENCY = ("валюта",)
_ACTIVITY = ("мероприятие",)
_SOURCE = ("источник", "источник финансирования")
_SPECIFICS = ("специфика",)
#: the budget classification a finance office writes: administrator, programme, subprogramme
_CLASSIFICATION = (
    ("abp", "администратор", "абп", "администратор бюджетной программы"),
    ("program", "программа", "бюджетная программа", "бп"),
    ("subprogram", "подпрограмма", "бюджетная подпрограмма", "пп"))
_CONVERTED = (
    derived("amount_minor", WHOLE, "the amount in minor units of its currency (exact)"),
    derived("kzt_minor", WHOLE, "in tiyn at the NBK rate of the row's date"),
    derived("rate_e4", WHOLE, "the rate used, × 10 000"),
    derived("quant", WHOLE, "the units the rate is for"),
    derived("rate_date", DATE, "the day of the rate used"),
)

BUDGET = Schema("budget", "budget", (
    col("year", WHOLE, "год", required=True),
    col("activity", TEXT, *_ACTIVITY, required=True),
    col("source", TEXT, *_SOURCE, required=True, doc="RB/РБ, UNICEF/ЮНИСЕФ"),
    col("specifics", TEXT, *_SPECIFICS),
    *(col(name, TEXT, *aliases, doc="3 digits") for name, *aliases in _CLASSIFICATION),
    col("phase", TEXT, "этап", "фаза", required=True, doc="proposed, approved, adjusted"),
    col("amount", TEXT, *_AMOUNT, required=True),
    col("currency", TEXT, *_CURRENCY, doc="KZT"),
    col("date", DATE, *_DATE, "дата решения", required=True, doc="of the decision"),
    col("document", TEXT, "документ"),
    col("note", TEXT, "примечание"),
    *_CONVERTED,
), "budget lines: the request, the approved and the adjusted amounts")

PAYMENTS = Schema("payments", "budget", (
    col("id", TEXT, "номер", "№", "№ платежа", required=True),
    col("date", DATE, *_DATE, "дата платежа", required=True),
    col("activity", TEXT, *_ACTIVITY, required=True),
    col("source", TEXT, *_SOURCE, required=True),
    col("specifics", TEXT, *_SPECIFICS),
    *(col(name, TEXT, *aliases, doc="3 digits") for name, *aliases in _CLASSIFICATION),
    col("amount", TEXT, *_AMOUNT, required=True, doc="negative = refund, needs refund_of"),
    col("currency", TEXT, *_CURRENCY),
    col("payee", TEXT, "получатель"),
    col("document", TEXT, "документ"),
    col("contract", TEXT, "договор", "лот", doc="a lot id"),
    col("refund_of", TEXT, "возврат платежа", "возврат по"),
    col("note", TEXT, "примечание"),
    *_CONVERTED,
), "payments (Treasury payment orders, UNICEF statements); refunds are negative")

FINANCING_PLAN = Schema("financing_plan", "budget", (
    col("year", WHOLE, "год", required=True),
    col("month", WHOLE, "месяц", required=True, doc="1–12 or a Russian month name"),
    col("kind", TEXT, "вид", required=True, doc="obligations, payments"),
    col("activity", TEXT, *_ACTIVITY, required=True),
    col("source", TEXT, *_SOURCE, required=True),
    col("specifics", TEXT, *_SPECIFICS),
    *(col(name, TEXT, *aliases, doc="3 digits") for name, *aliases in _CLASSIFICATION),
    col("amount", TEXT, *_AMOUNT, required=True, doc="KZT"),
    derived("currency", TEXT, "always KZT"),
    derived("date", DATE, "the first day of the month"),
    *_CONVERTED,
), "the monthly individual financing plan (ИПФ)")

FX_RATES = Schema("fx_rates", "budget", (
    col("date", DATE, "дата", required=True),
    col("currency", TEXT, "валюта", required=True),
    col("rate", TEXT, "курс", required=True, doc="KZT for `quant` units"),
    col("quant", TEXT, "кратность", "номинал", "за единиц", doc="1"),
    col("source", TEXT, "источник", doc="NBK, UNORE"),
), "official exchange rates (NBK daily, UNORE monthly)")

TRANSFERS = Schema("unicef_transfers", "budget", (
    col("date", DATE, *_DATE, "дата перевода", required=True),
    col("reference", TEXT, "номер", "№", "номер перевода", "ссылка", required=True,
        doc="UNICEF's reference of the transfer, unique"),
    col("modality", TEXT, "вид", "способ", "вид перевода", required=True,
        doc="dct, reimbursement, direct_payment"),
    col("period_start", DATE, "начало периода", "период с", required=True),
    col("period_end", DATE, "конец периода", "период по", required=True),
    col("activity", TEXT, *_ACTIVITY, required=True, doc="a UNICEF-funded activity"),
    col("amount", TEXT, *_AMOUNT, required=True, doc="authorised and paid"),
    col("currency", TEXT, *_CURRENCY, doc="USD"),
    col("accepted", TEXT, "принято", "принятые расходы", "принято юнисеф",
        doc="the expenditure UNICEF accepted against it; empty until reported"),
    col("note", TEXT, "примечание"),
    derived("source", TEXT, "always UNICEF"),
    derived("accepted_minor", WHOLE, "accepted in minor units of the transfer's currency"),
    *_CONVERTED,
), "UNICEF's cash transfers (HACT): advances, reimbursements, direct payments")

# --- the plan: plan/ ----------------------------------------------------------------------------

PROGRESS = Schema("progress", "plan", (
    col("activity", TEXT, "мероприятие", "код", "№", required=True),
    col("completed_on", DATE, "дата выполнения", "выполнено", "дата", required=True),
    col("evidence", TEXT, "подтверждение", "документ"),
    col("note", TEXT, "примечание"),
), "completions of activities")

# --- the procurement register: procurement/ -----------------------------------------------------

LOTS = Schema("lots", "procurement", (
    col("lot", TEXT, "лот", "№ лота", required=True),
    col("activity", TEXT, "мероприятие", required=True),
    col("title", TEXT, "наименование"),
    col("method", TEXT, "способ", "способ закупки", required=True),
    col("estimate", TEXT, "сметная стоимость", "сумма по плану", required=True),
    col("currency", TEXT, "валюта"),
    col("specifics", TEXT, "специфика"),
    col("planned_announce", DATE, "плановая дата объявления"),
    col("needed_by", DATE, "требуется к"),
    col("law", TEXT, "закон"),
    col("recorded_by", TEXT, "записал"),
    col("recorded_at", TEXT, "время записи"),
    col("portal_number", TEXT, "номер объявления", "№ объявления",
        doc="the announcement's `number_anno` on goszakup.gov.kz, e.g. 15550001-1"),
    col("portal_lot", TEXT, "номер лота на портале", "лот на портале",
        doc="the portal's `lot_number`"),
    col("portal_contract", TEXT, "номер договора на портале", "договор на портале",
        doc="the portal's contract (`contract_number_sys` or its id): links a direct contract, "
            "which has no announcement"),
    derived("estimate_minor", WHOLE, "the estimate in minor units of its currency"),
    derived("superseded", FLAG, "replaced by a later row of the same lot"),
    derived("source", TEXT, "the plan's funding of the activity"),
), "lots of the procurement register")

EVENTS = Schema("events", "procurement", (
    col("lot", TEXT, "лот", required=True),
    col("date", DATE, "дата", required=True),
    col("status", TEXT, "статус", required=True),
    col("amount", TEXT, "сумма"),
    col("bids", WHOLE, "заявок"),
    col("supplier", TEXT, "поставщик"),
    col("supplier_bin", TEXT, "бин"),
    col("document", TEXT, "документ"),
    col("note", TEXT, "примечание"),
    col("recorded_by", TEXT, "записал"),
    col("recorded_at", TEXT, "время записи"),
    col("event_id", TEXT, "id события", doc="given when recorded; else row-N"),
    col("voids", TEXT, "аннулирует", doc="the event_id a `void` row cancels"),
    col("portal_id", TEXT, "id портала",
        doc="`goszakup:<record>:<id>` on a row imported from the portal"),
    derived("amount_minor", WHOLE, "the amount in minor units of the lot's currency"),
    derived("voided", FLAG, "cancelled by a later `void` row (kept, not counted)"),
    derived("step_ok", FLAG, "an allowed step of the lifecycle"),
    derived("stage", TEXT, "the lot's stage after the event"),
    derived("amount_in_force", WHOLE, "the contract amount in force after the event"),
), "events of the lots: every step, appended, never rewritten")

ALL = (BUDGET, PAYMENTS, FINANCING_PLAN, FX_RATES, TRANSFERS, PROGRESS, LOTS, EVENTS)

#: not an input file: what ``mics-budget carry-over`` wrote into a data folder, one row per lot
#: brought from the previous plan's folder (its provenance); only appended, never read for
#: figures
CARRIED = Schema("carried_over", "procurement", (
    col("lot", TEXT, required=True),
    col("source", TEXT, required=True, doc="the previous plan's data folder"),
    col("activity", TEXT, required=True, doc="the lot's activity in the previous plan"),
    col("new_activity", TEXT, required=True, doc="its activity in this plan"),
    col("as_of", TEXT, doc="the day the lot was open (or its contract unpaid) on"),
    col("events", TEXT, doc="how many of its events were written"),
    col("payments", TEXT, doc="how many of its payments were written"),
    col("recorded_by", TEXT),
    col("recorded_at", TEXT),
), "lots carried over from the previous plan's data folder")


def markdown_table() -> str:
    """The table of input files in ``docs/definitions.md`` (``tests/test_schemas.py`` keeps
    them equal)."""
    lines = ["| file | columns (required in bold) |", "| --- | --- |"]
    for schema in ALL:
        cells = []
        for column in schema.fields:
            if column.derived:
                continue
            name = f"**{column.name}**" if column.required else column.name
            cells.append(f"{name} ({column.doc})" if column.doc else name)
        lines.append(f"| `{schema.folder}/{schema.name}.*` | {', '.join(cells)} |")
    return "\n".join(lines)
