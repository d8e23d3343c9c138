"""The commands of ``mics-budget`` (:mod:`.cli` builds the parser and calls them by name)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path

import pandas as pd

from .. import i18n
from ..config import REPORTS_DIR, DataDir
from ..core.checks import problems_frame
from ..core.fileio import atomic_writer
from ..core.store import convert_to_utf8
from ..core.values import minor_text
from ..errors import UserError
from ..i18n import funding_name, stage_name, t
from ..ledger.plan import import_plan
from ..ledger.spending import MONEY, summary_json
from ..procurement.flags import FLAG_COLUMNS, flags_frame, red_flags
from ..procurement.ocds import SCHEMA_VERSION as OCDS_VERSION
from ..procurement.ocds import release_package
from ..procurement.ocds import validate as validate_ocds
from ..procurement.recording import (
    add_lot,
    amend_lot,
    record_event,
    upgrade_register,
    void_event,
)
from ..procurement.status import register
from ..project import Project, init_data_folder, load
from ..vocabulary import GROUP_KEYS, excerpt
from .output import emit, text_table, to_csv, to_json


def cmd_plan_import(args: argparse.Namespace) -> int:
    data = DataDir.resolve(args.data)
    plan, changed = import_plan(args.path, data)
    files = ", ".join(str(p) for p in changed) if changed else t("plan.unchanged")
    print(t("plan.imported", count=len(plan), sections=len(plan.sections), files=files),
          file=sys.stderr)
    return 0


def for_tools(args: argparse.Namespace, json: Callable[[], object] | None = None,
              csv: Callable[[], pd.DataFrame] | None = None) -> bool:
    """Write the answer for other tools when ``--format`` asks for one (``json()`` as JSON,
    ``csv()`` as Excel-safe CSV); True when written, and the command is done."""
    if args.format == "json" and json is not None:
        emit(to_json(json()))
        return True
    if args.format == "csv" and csv is not None:
        emit(to_csv(csv()))
        return True
    return False


def heading(project: Project, title: str | None = None) -> None:
    """What a table for people starts with: the example-data banner when the folder holds
    example data, then the title (with the period it covers)."""
    if project.example_data:
        emit(t("example.banner") + "\n")
    if title:
        emit(title + "\n")


def cmd_init(args: argparse.Namespace) -> int:
    plan, _ = init_data_folder(args.folder, args.plan)
    print(t("init.done", path=DataDir.resolve(args.folder).root, count=len(plan)),
          file=sys.stderr)
    return 0


def cmd_carry_over(args: argparse.Namespace) -> int:
    """``carry-over``: what the previous plan's folder leaves open, listed (a dry run), and
    written into the new folder with ``--yes`` or a yes in a terminal; exit 0, or 2 when a
    problem stops it (nothing written)."""
    from ..procurement.carryover import parse_mapping, plan_carry_over, write_carry_over

    mapping = parse_mapping(args.map)
    new = DataDir.resolve(args.target)
    new.require()
    if DataDir.resolve(args.source).root == new.root:
        raise UserError("carry.same_folder", path=new.root)
    old = load(args.source)
    result = plan_carry_over(old, new, args.as_of, args.lot, mapping)
    people = args.format != "json"
    if people:
        heading(old, t("carry.title", source=result.source, target=result.target,
                       date=i18n.format_date(result.as_of)))
        _carry_table(result)
    write = not result.problems and result.to_write > 0 and (
        args.yes or (people and _confirmed(t("carry.confirm", count=result.to_write,
                                              target=result.target))))
    if write:
        result = write_carry_over(old, new, args.as_of, args.lot, mapping, by=args.by)
    if not people:
        emit(to_json({
            "source": str(result.source), "target": str(result.target),
            "as_of": result.as_of.isoformat(), "example_data": old.example_data,
            "dry_run": not result.written, "written": result.written,
            "marked_example": result.marked,
            "items": [{**item, **{k: minor_text(item[k]) or None
                                  for k in ("contract", "paid", "unpaid")}}
                      for item in result.items.astype(object).to_dict("records")],
            "problems": [p.as_json() for p in result.problems]}))
        return 2 if result.problems else 0
    if result.problems:
        print(t("carry.refused", count=len(result.problems)), file=sys.stderr)
        for number, problem in enumerate(result.problems, start=1):
            print(f"{number}. {problem.line()}", file=sys.stderr)
        return 2
    if result.written:
        emit(t("carry.done", target=result.target,
               lots=int((result.items["state"] == "new").sum()), rows=result.written["lots"],
               events=result.written["events"], payments=result.written["payments"]) + "\n")
        if result.marked:
            emit(t("carry.example_marked", target=result.target) + "\n")
    elif result.to_write:
        emit((t("carry.not_confirmed") if not args.yes and sys.stdin.isatty()
              else t("carry.dry_run")) + "\n")
    return 0


def _carry_table(result) -> None:
    """The lots of a carry-over for people, with the totals (or that there is nothing)."""
    items = result.items
    if items.empty:
        emit(t("carry.nothing", date=i18n.format_date(result.as_of)) + "\n")
        return
    shown = items[["lot", "activity", "new_activity", "stage"]].copy()
    shown["stage"] = shown["stage"].map(stage_name)
    signed = items["contract"].notna()
    for column in ("contract", "paid", "unpaid"):  # nothing owed where nothing was signed
        shown[column] = [i18n.money_text(m, c) if s else "" for m, c, s in
                         zip(items[column], items["currency"], signed, strict=True)]
    shown["events"] = items["events"]
    shown["payments"] = items["payments"]
    shown["carry_state"] = items["state"].map(lambda s: t(f"carry.state.{s}"))
    headers = [t(f"col.{c}") for c in ("lot", "activity", "new_activity", "stage")]
    headers += [t("col.contract_amount"), t("col.paid"), t("col.unpaid"), t("col.events"),
                t("col.payments"), t("col.carry_state")]
    emit(text_table(shown, headers=headers, right=["contract", "paid", "unpaid"]))
    counts = items["state"].value_counts()
    emit(t("carry.totals", count=int(counts.get("new", 0)),
           already=int(counts.get("already", 0)),
           problems=int(counts.get("problem", 0))) + "\n")


def _confirmed(question: str) -> bool:
    """A yes typed in a terminal (never asked when stdin is not one: a script must say
    ``--yes``)."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes", "д", "да", "и", "иә"}


def cmd_plan_show(args: argparse.Namespace) -> int:
    project = load(args.data)
    frame = project.plan.frame()
    if for_tools(args, lambda: [a.as_json() for a in project.plan.activities], lambda: frame):
        return 0
    frame["funding"] = frame["funding"].map(funding_name)
    frame["title"] = frame["id"].map(project.plan.titles())
    columns = ["id", "title", "units", "period_text", "funding", "procurement"]
    emit(text_table(frame[columns], widths={"title": 60, "units": 24}))
    return 0


def cmd_plan_status(args: argparse.Namespace) -> int:
    project = load(args.data)
    as_of = args.as_of or date.today()
    status = project.status(as_of)
    if for_tools(args, lambda: status[["id", "status", "days_overdue"]].to_dict("records"),
                 lambda: status):
        return 0
    plan = project.plan.frame()[["id", "title", "period_text"]]
    plan["title"] = plan["id"].map(project.plan.titles())
    table = plan.merge(status, on="id")
    counts = table["status"].value_counts()
    table["status"] = table["status"].map(lambda s: t(f"status.{s}"))
    heading(project, t("status.title", date=i18n.format_date(as_of)))
    emit(text_table(table, widths={"title": 60}))
    summary = ", ".join(f"{t(f'status.{s}')}: {counts[s]}" for s in counts.index)
    emit(t("status.totals", counts=summary) + "\n")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    project = load(args.data)
    for problem in project.problems:
        print(problem.line())
    out = Path(args.out) if args.out else REPORTS_DIR / "validation.csv"
    frame = problems_frame(project.problems)  # for people: each column as its file names it
    frame = frame.assign(column=frame["column_in_file"]).drop(columns=["key", "column_in_file"])
    with atomic_writer(out, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(to_csv(frame))
    errors = sum(p.severity == "error" for p in project.problems)
    warnings = len(project.problems) - errors
    message = (t("validate.found", errors=errors, warnings=warnings, path=out) if errors
               else t("validate.ok", warnings=warnings))
    print(message, file=sys.stderr)
    return 1 if errors else 0


def _check_filters(project, args: argparse.Namespace) -> None:
    """Sections and units given on the command line exist in the plan."""
    for key, given, valid in (("error.unknown_section", args.section, project.plan.sections),
                              ("error.unknown_unit", args.unit, project.plan.units)):
        for value in given:
            if value not in valid:
                raise UserError(key, value=excerpt(value), choices=", ".join(valid))


def cmd_summary(args: argparse.Namespace) -> int:
    project = load(args.data)
    _check_filters(project, args)
    as_of = args.as_of or date.today()
    if for_tools(args, lambda: summary_json(project, as_of, args.by, args.year, args.source,
                                            args.section, args.unit)):
        return 0
    activities = project.activities_of(args.section, args.unit)
    table = project.spending(as_of, args.by, args.year, args.source, activities)
    if for_tools(args, csv=lambda: table):
        return 0
    period = (i18n.year_period(args.year, as_of) if args.year
              else i18n.plan_period(project.plan.years, as_of))
    heading(project, t("summary.title", period=period))
    minor = project.spending_minor(as_of, args.by, args.year, args.source, activities)
    emit(text_table(_for_people(table, minor), right=[*MONEY, "execution"]))
    errors = sum(p.severity == "error" for p in project.problems)
    if project.problems:
        emit(t("summary.problems", errors=errors, warnings=len(project.problems) - errors)
             + "\n")
    return 0


def cmd_forecast(args: argparse.Namespace) -> int:
    from ..ledger.forecast import MONEY as FORECAST_MONEY

    project = load(args.data)
    as_of = args.as_of or date.today()
    by = [args.by] if args.by else []
    table = project.forecast(as_of, args.year, by)
    if for_tools(args, lambda: [
            {k: (round(v, 2) if k in FORECAST_MONEY else v) for k, v in r.items()}
            for r in table.astype(object).where(table.notna(), None).to_dict("records")],
                 lambda: table):
        return 0
    heading(project, t("forecast.title", date=i18n.format_date(as_of),
                       year=table["year"].iloc[0] if len(table) else (args.year or as_of.year)))
    shown = table.copy()
    shown["source"] = shown["source"].map(funding_name)
    shown["basis"] = shown["basis"].map(lambda b: t(f"basis.{b}"))
    for column in FORECAST_MONEY:
        shown[column] = shown[column].map(i18n.format_number)
    emit(text_table(shown.drop(columns=["year"]), right=list(FORECAST_MONEY),
                    widths={"basis": 30}))
    return 0


def _for_people(table: pd.DataFrame, exact: pd.DataFrame) -> pd.DataFrame:
    """Translated sources, money as ``1 234 567,89``, execution in %, a total per source."""
    keys = [c for c in table.columns if c in ("source", *GROUP_KEYS)]
    money = list(MONEY)
    parts = []
    for _, group in table.groupby("source", sort=False):
        parts.append(group)
        if len(keys) > 1 and len(group) > 1:
            total = {k: "" for k in keys}
            total[keys[1]] = t("summary.total")
            total["source"] = group["source"].iloc[0]
            minor = exact.loc[group.index]
            total.update({m: minor[m].sum() / 100 for m in money})
            plan = minor["plan"].sum()
            total["execution"] = minor["paid"].sum() / plan if plan else pd.NA
            parts.append(pd.DataFrame([total]))
    if not parts:
        return pd.DataFrame(columns=[*keys, *money, "execution"])
    shown = pd.concat(parts, ignore_index=True)[[*keys, *money, "execution"]]
    out = pd.DataFrame({k: shown[k].astype("str") for k in keys})
    out["source"] = shown["source"].map(funding_name)
    for column in money:
        out[column] = shown[column].map(i18n.format_number)
    out["execution"] = shown["execution"].map(i18n.format_percent)
    return out


def register_records(table: pd.DataFrame) -> list[dict]:
    """The register as JSON-ready records (dates ISO, missing values null)."""
    out = []
    for record in table.astype(object).where(table.notna(), None).to_dict("records"):
        row = {k: (v.date().isoformat() if isinstance(v, pd.Timestamp) else v)
               for k, v in record.items()}
        if row.get("savings_pct") is not None:
            row["savings_pct"] = round(float(row["savings_pct"]), 6)
        out.append(row)
    return out


def cmd_procurement_status(args: argparse.Namespace) -> int:
    project = load(args.data)
    as_of = args.as_of or date.today()
    table = register(project, as_of)
    if for_tools(args, lambda: register_records(table), lambda: table):
        return 0
    heading(project, t("procurement.title", date=i18n.format_date(as_of)))
    shown = table[["lot", "activity", "stage", "stage_since", "days_in_stage", "estimate",
                   "contract_amount", "savings", "paid", "left_to_pay", "delay_days"]].copy()
    shown["stage"] = shown["stage"].map(stage_name)
    money = ["estimate", "contract_amount", "savings", "paid", "left_to_pay"]
    for column in money:
        shown[column] = shown[column].map(i18n.format_number)
    emit(text_table(shown.astype({"days_in_stage": "str"}).replace({"<NA>": ""}),
                    right=[*money, "days_in_stage"]))
    return 0


def cmd_procurement_flags(args: argparse.Namespace) -> int:
    project = load(args.data)
    as_of = args.as_of or date.today()
    flags = red_flags(project, as_of)
    if for_tools(args, lambda: [flag.as_json() for flag in flags], lambda: pd.DataFrame(
            [{"lot": f.lot or "", "flag": f.code, "severity": f.severity, "detail": f.detail}
             for f in flags], columns=FLAG_COLUMNS)):  # codes, for tools; detail translated
        return 0
    heading(project)
    emit(text_table(flags_frame(flags), headers=[t("col.lot"), t("col.flag"),
                                                 t("col.severity"), t("col.detail")]))
    return 0


def kpi_records(kpis: pd.DataFrame) -> list[dict]:
    """The KPIs for tools: ``kpi``, ``value`` (money to the tiyn, the others exact; null
    where no lot gives one), ``unit`` and ``lots`` — the report's sheet, to the tiyn."""
    out = []
    for row in kpis.to_dict("records"):
        value = None if pd.isna(row["value"]) else float(row["value"])
        if value is not None and row["unit"] == "money":
            value = round(value, 2)
        out.append({"kpi": row["kpi"], "value": value, "unit": row["unit"],
                    "lots": int(row["lots"])})
    return out


def cmd_procurement_kpis(args: argparse.Namespace) -> int:
    from ..procurement.kpis import procurement_kpis
    from ..report.presentation import kpi_table

    project = load(args.data)
    as_of = args.as_of or date.today()
    kpis = procurement_kpis(project, as_of)
    if for_tools(args, lambda: kpi_records(kpis), lambda: kpis):
        return 0
    table = kpi_table(kpis)
    heading(project, t("kpis.title", period=i18n.plan_period(project.plan.years, as_of)))
    rows = list(table.frame.itertuples(index=False))
    shown = pd.DataFrame({column: [table.cell(column, getattr(row, column),
                                              table.kind(column, row)) for row in rows]
                          for column in table.columns})
    emit(text_table(shown, headers=table.header(), right=table.columns[1:]))
    emit(table.note + "\n")
    return 0


def unicef_json(project: Project, as_of: date) -> dict:
    """UNICEF's money in dollars and the currency effect, for tools (the report's sheet)."""
    from ..ledger.currency_effect import MONEY as USD_MONEY
    from ..ledger.currency_effect import unicef_in_usd

    table = unicef_in_usd(project, as_of)

    def rate(value: tuple[Fraction, date] | None) -> dict | None:
        return None if not value else {"kzt_per_usd": float(value[0]),
                                       "date": value[1].isoformat()}

    rows = [{k: (None if v is None or (isinstance(v, float) and pd.isna(v))
                 else round(float(v), 2) if k in USD_MONEY else v) for k, v in r.items()}
            for r in table.astype(object).to_dict("records")]
    return {"as_of": as_of.isoformat(), "nbk": rate(table.attrs.get("nbk")),
            "unore": rate(table.attrs.get("unore")), "rows": rows}


def cmd_unicef(args: argparse.Namespace) -> int:
    from ..ledger.currency_effect import MONEY as USD_MONEY
    from ..ledger.currency_effect import unicef_in_usd

    project = load(args.data)
    as_of = args.as_of or date.today()
    if for_tools(args, lambda: unicef_json(project, as_of),
                 lambda: unicef_in_usd(project, as_of)):
        return 0
    table = unicef_in_usd(project, as_of)
    heading(project, t("unicef.title", period=i18n.plan_period(project.plan.years, as_of)))
    shown = table.copy()
    for column in USD_MONEY:
        shown[column] = shown[column].map(i18n.format_number)
    emit(text_table(shown, right=list(USD_MONEY)))
    return 0


def cmd_face(args: argparse.Namespace) -> int:
    """``mics-budget face``: the FACE form of a quarter, or only UNICEF's checks."""
    from ..ledger.face import checks_frame, face, face_checks, face_json
    from ..report.face_form import face_text, notes, title_lines, write_face_xlsx

    if args.check:
        project = load(args.data)
        as_of = args.as_of or date.today()
        flags = face_checks(project, as_of)
        if args.format == "json":
            return write_or_emit(args, to_json({"as_of": as_of.isoformat(),
                                            "example_data": project.example_data,
                                            "flags": [f.as_json() for f in flags]}))
        if args.format == "xlsx":
            raise UserError("face.check_no_xlsx")
        text = (t("example.banner") + "\n" if project.example_data else "")
        text += t("face.checks_title", date=i18n.format_date(as_of)) + "\n"
        if not flags:
            text += t("face.no_flags") + "\n"
        else:
            frame = checks_frame(flags)
            text += text_table(frame, headers=[t(f"face.col.{c}") for c in frame.columns])
        return write_or_emit(args, text)
    if args.quarter is None:
        raise UserError("face.needs_quarter")
    if args.format == "xlsx" and not args.out:
        raise UserError("face.xlsx_needs_out")
    project = load(args.data)
    form = face(project, args.quarter, args.request, args.amount or None, args.as_of)
    if args.format == "json":
        return write_or_emit(args, to_json(face_json(form, project.example_data)))
    if args.format == "xlsx":
        write_face_xlsx(Path(args.out), form, project.example_data)
        print(t("face.written", path=args.out), file=sys.stderr)
        return 0
    frame, header = face_text(form)
    text = "\n".join(title_lines(form, project.example_data)) + "\n"
    text += text_table(frame, headers=header, right=list(frame.columns[3:]))
    text += "\n".join(notes(form)) + "\n"
    if form.warnings:
        text += t("face.warnings") + ":\n" + "".join(f"- {w.message()}\n" for w in form.warnings)
    return write_or_emit(args, text)


def write_or_emit(args: argparse.Namespace, text: str) -> int:
    """``text`` to ``--out`` (written whole) or to the terminal."""
    if args.out:
        with atomic_writer(Path(args.out), "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        emit(text)
    return 0


def cmd_procurement_ocds(args: argparse.Namespace) -> int:
    from ..core.params import procurement_settings
    from ..procurement.ocds import is_placeholder

    project = load(args.data)
    prefix = procurement_settings().ocid_prefix
    if is_placeholder(prefix) and not project.example_data and not args.draft:
        raise UserError("ocds.placeholder_prefix", prefix=prefix)
    package = release_package(project, args.as_of or date.today())
    if not args.no_validate:  # a package the schema refuses is our bug: say so, write nothing
        errors = validate_ocds(package)
        if errors:
            raise UserError("ocds.invalid", version=OCDS_VERSION, count=len(errors),
                            first=excerpt(errors[0], 200))
    return write_or_emit(args, to_json(package))


def cmd_procurement_record(args: argparse.Namespace) -> int:
    values = record_event(DataDir.resolve(args.data), args.lot, args.status, args.date,
                          amount=args.amount, bids=args.bids, supplier=args.supplier,
                          supplier_bin=args.bin, document=args.document, note=args.note,
                          by=args.by, confirm=args.confirm)
    print(t("record.done", lot=values["lot"], stage=stage_name(values['status']),
            date=i18n.format_date(args.date), event_id=values["event_id"]), file=sys.stderr)
    return 0


def cmd_procurement_void(args: argparse.Namespace) -> int:
    values = void_event(DataDir.resolve(args.data), args.event_id, args.reason, by=args.by)
    print(t("record.voided", event_id=values["voids"]), file=sys.stderr)
    return 0


def cmd_procurement_history(args: argparse.Namespace) -> int:
    from ..ledger.plan import load_plan
    from ..procurement.corrections import history
    from ..project import load_register

    folder = DataDir.resolve(args.data)
    lots, events = load_register(folder, load_plan(folder))  # one lot's steps: no money files
    if args.lot not in set(lots.frame["lot"]):
        raise UserError("record.unknown_lot", value=excerpt(args.lot))
    table = history(events.frame, args.lot)
    if for_tools(args, lambda: register_records(table), lambda: table):
        return 0
    emit(t("history.title", lot=args.lot) + "\n")
    shown = table.drop(columns=["valid"]).copy()
    shown["date"] = shown["date"].map(lambda d: i18n.format_date(d.date()) if pd.notna(d)
                                      else "")
    shown["status"] = shown["status"].map(stage_name)
    shown["amount"] = shown["amount"].map(i18n.format_number)
    shown["voided"] = shown["voided"].map(lambda v: t("app.voided") if v else "")
    for column in ("recorded_at", "voided_at"):  # dd.mm.yyyy hh:mm: the table fits a terminal
        shown[column] = shown[column].map(_moment)
    shown = shown.drop(columns=["portal_page"]).rename(columns={"status": "stage"})
    emit(text_table(shown.astype("str").replace({"<NA>": "", "nan": ""}),
                    widths={"note": 40, "document": 20, "void_reason": 30}))
    return 0


def _moment(text: object) -> str:
    """A recorded moment (ISO, with its offset) as people read it: ``20.04.2023 18:00``."""
    stamp = pd.to_datetime(str(text or ""), errors="coerce", utc=False)
    if pd.isna(stamp):
        return str(text or "")
    return f"{i18n.format_date(stamp.date())} {stamp:%H:%M}"


def cmd_procurement_alerts(args: argparse.Namespace) -> int:
    from ..procurement.alerts import alerts

    project = load(args.data)
    found = alerts(project, args.as_of or date.today())
    frame = pd.DataFrame([{"lot": a.lot, "alert": a.title, "detail": a.detail} for a in found],
                         columns=["lot", "alert", "detail"])
    if for_tools(args, lambda: [alert.as_json() for alert in found], lambda: frame):
        return 0
    heading(project)
    emit(text_table(frame, widths={"detail": 90}) if len(frame)
         else t("app.attention_none") + "\n")
    return 0


def cmd_procurement_add_lot(args: argparse.Namespace) -> int:
    values = add_lot(DataDir.resolve(args.data), args.lot, args.activity, args.method,
                     args.estimate, title=args.title, currency=args.currency,
                     specifics=args.specifics, planned_announce=args.planned_announce,
                     needed_by=args.needed_by, law=args.law, by=args.by,
                     portal_number=args.portal_number, portal_lot=args.portal_lot,
                     portal_contract=args.portal_contract)
    print(t("record.lot_added", lot=values["lot"]), file=sys.stderr)
    return 0


def cmd_procurement_amend_lot(args: argparse.Namespace) -> int:
    changes = {k: v for k, v in (("title", args.title), ("estimate", args.estimate),
                                 ("planned_announce", args.planned_announce),
                                 ("needed_by", args.needed_by), ("law", args.law),
                                 ("portal_number", args.portal_number),
                                 ("portal_lot", args.portal_lot),
                                 ("portal_contract", args.portal_contract))
               if v is not None}
    values = amend_lot(DataDir.resolve(args.data), args.lot, by=args.by, **changes)
    print(t("record.lot_amended", lot=values["lot"]), file=sys.stderr)
    return 0


def cmd_procurement_upgrade(args: argparse.Namespace) -> int:
    changed = upgrade_register(DataDir.resolve(args.data))
    for name, columns in changed:
        print(t("upgrade.done", file=name, columns=", ".join(columns)), file=sys.stderr)
    if not changed:
        print(t("upgrade.nothing"), file=sys.stderr)
    return 0


def cmd_import_treasury(args: argparse.Namespace) -> int:
    """``import treasury``: a Treasury payment register into the payments file; exit 0, 1
    (rows not imported: listed), 2 (nothing to read)."""
    from ..portal.treasury import import_treasury

    result = import_treasury(DataDir.resolve(args.data), list(args.paths),
                             dry_run=args.dry_run)
    code = 1 if result.has_errors else 0
    if args.format == "json":
        emit(to_json({"dry_run": result.dry_run, "already": result.already,
                      "from_portal": result.from_portal,
                      "added": result.added.drop(columns=["_row"]).to_dict("records"),
                      "problems": [p.as_json() for p in result.problems]}))
        return code
    if result.dry_run:
        emit(t("import.dry_run") + "\n")
    from decimal import Decimal

    total = sum((Decimal(a) for a in result.added["amount"]), Decimal(0))
    emit(t("treasury.totals_dry" if result.dry_run else "treasury.totals",
           added=len(result.added), amount=i18n.format_number(float(total)),
           already=result.already, portal=result.from_portal,
           problems=len(result.problems)) + "\n")
    for number, problem in enumerate(result.problems, start=1):
        print(f"{number}. {problem.line()}", file=sys.stderr)
    return code


def cmd_import_unore(args: argparse.Namespace) -> int:
    """``import unore``: the UN operational rate of the dollar in tenge, monthly."""
    from ..ledger.unore import import_unore

    result = import_unore(DataDir.resolve(args.data), list(args.paths), dry_run=args.dry_run)
    emit(t("nbk.totals_dry" if result.dry_run else "nbk.totals", added=len(result.added),
           already=result.already, empty=0, conflicts=len(result.conflicts),
           currencies=", ".join(sorted(set(result.added["currency"]))) or "—") + "\n")
    for number, problem in enumerate([*result.conflicts, *result.problems], start=1):
        print(f"{number}. {problem.line()}", file=sys.stderr)
    return 1 if result.has_errors else 0


def cmd_import_nbk(args: argparse.Namespace) -> int:
    """``import nbk``: the National Bank's rate files (or ``--fetch``ed days) into the rates
    file; exit 0, 1 (a conflict or a file not understood: listed), 2 (nothing to read)."""
    from ..ledger.nbk import DEFAULT_URL, fetch_nbk, import_nbk

    data = DataDir.resolve(args.data)
    data.require()
    paths = list(args.paths)
    if args.fetch:
        if paths:
            raise UserError("nbk.paths_with_fetch")
        end = args.end or date.today()
        start = args.start or end
        fetched = fetch_nbk(data, start, end, args.url or DEFAULT_URL)
        print(t("nbk.fetched", fetched=fetched.fetched, skipped=fetched.skipped,
                path=fetched.folder), file=sys.stderr)
        paths = [fetched.folder] if fetched.folder.is_dir() else []
        if not paths:
            return 0
    elif not paths:
        raise UserError("nbk.no_files")
    wanted = None if args.all else _used_currencies(data)
    result = import_nbk(data, paths, wanted, dry_run=args.dry_run)
    code = 1 if result.has_errors else 0
    added = result.added
    if args.format == "json":
        emit(to_json({
            "files": result.files, "dry_run": result.dry_run, "already": result.already,
            "added": [{"date": d.isoformat(), "currency": c, "rate_e4": int(r), "quant": int(q)}
                      for d, c, r, q in zip(added["date"], added["currency"],
                                            added["rate_e4"], added["quant"], strict=True)],
            "empty_days": [d.isoformat() for d in result.empty_days],
            "skipped_currencies": result.skipped_currencies,
            "conflicts": [p.as_json() for p in result.conflicts],
            "problems": [p.as_json() for p in result.problems]}))
        return code
    emit(t("nbk.title", files=len(result.files)) + "\n")
    if result.dry_run:
        emit(t("import.dry_run") + "\n")
    emit(t("nbk.totals_dry" if result.dry_run else "nbk.totals", added=len(added),
           already=result.already, empty=len(result.empty_days),
           conflicts=len(result.conflicts),
           currencies=", ".join(sorted(set(added["currency"]))) or "—") + "\n")
    if result.skipped_currencies:
        emit(t("nbk.skipped", currencies=", ".join(result.skipped_currencies)) + "\n")
    for number, problem in enumerate([*result.conflicts, *result.problems], start=1):
        print(f"{number}. {problem.line()}", file=sys.stderr)
    return code


def _used_currencies(data: DataDir) -> set[str]:
    """The currencies other than KZT the folder's money files and lots use."""
    project = load(data)
    used: set[str] = set()
    for frame in (project.budget, project.payments, project.financing_plan, project.lots):
        if "currency" in frame:
            used |= set(frame["currency"].dropna().astype("str"))
    return used - {"", "KZT"}


def cmd_import_goszakup(args: argparse.Namespace) -> int:
    import tempfile

    from ..portal.importer import fetch_goszakup, import_goszakup, read_token

    data = DataDir.resolve(args.data)
    data.require()
    paths = list(args.paths)
    with tempfile.TemporaryDirectory(prefix="mics-goszakup-") as scratch:
        if args.fetch:
            if paths:
                raise UserError("portal.paths_with_fetch")
            if not args.bin:
                raise UserError("portal.fetch_needs_bin")
            token = read_token(args.token_file)
            # a dry run writes nothing into the data folder: the answers go to a scratch one
            fetched = fetch_goszakup(data, args.bin, token, args.since, args.url,
                                     out=Path(scratch) if args.dry_run else None)
            print(t("portal.fetched", fetched=fetched.fetched, skipped=fetched.skipped,
                    path=fetched.out_dir), file=sys.stderr)
            paths = [str(fetched.out_dir)]
        elif not paths:
            raise UserError("portal.no_paths")
        result = import_goszakup(data, paths, customer_bin=args.bin or None,
                                 dry_run=args.dry_run, by=args.by)
    # no file read at all is bad input; anything listed in what was read is bad data
    code = 2 if not result.files else 1 if result.has_errors else 0
    if args.format == "json":
        emit(to_json(result.as_json()))
        return code
    emit(t("import.title", files=len(result.files)) + "\n")
    if result.dry_run:
        emit(t("import.dry_run") + "\n")
    lots = result.lots()
    if len(lots):
        shown = lots.assign(
            stages=lots["stages"].map(lambda s: ", ".join(stage_name(x) for x in s)),
            paid=lots["paid"].map(i18n.format_number))
        emit(text_table(shown, headers=[t("col.lot")] + [t(f"col.import_{c}") for c in (
            "events", "stages", "payments", "paid", "already", "conflicts", "held")],
            right=["paid"], widths={"stages": 60}))
    totals = result.totals()
    ignored = result.ignored.groupby("reason")["records"].sum()
    emit(t("import.totals_dry" if result.dry_run else "import.totals", **totals,
           other=int(ignored.get("other_customer", 0)),
           unlinked=int(ignored.get("unlinked", 0))) + "\n")
    if not (totals["events"] or totals["payments"] or result.has_errors):
        emit(t("import.nothing") + "\n")
    listed = [*result.conflicts, *result.problems]
    for number, problem in enumerate(listed, start=1):  # one numbered line each
        print(f"{number}. {problem.line()}", file=sys.stderr)
    return code


def cmd_to_utf8(args: argparse.Namespace) -> int:
    converted = convert_to_utf8(DataDir.resolve(args.data))
    for name, encoding in converted:
        print(t("to_utf8.done", file=name, encoding=encoding), file=sys.stderr)
    if not converted:
        print(t("to_utf8.nothing"), file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ..core.months import months_between
    from ..core.params import ReportDefaults, report_defaults
    from ..report.runner import check_month, parse_month, run_report

    defaults = report_defaults(Path(args.params)) if args.params else ReportDefaults()
    data = DataDir.resolve(args.data or defaults.data)
    data.require()
    lang = args.lang or defaults.lang or i18n.get_lang()
    i18n.set_lang(lang)
    out = args.out or defaults.out
    month = args.month or defaults.month
    if args.plan or args.period:
        return _closeout(args, data, lang, Path(out) if out else None)
    project = load(data)
    if args.first or args.last:
        first = parse_month(args.first or args.last, data, project=project)
        last = parse_month(args.last or "latest", data, project=project)
        if last < first:
            raise UserError("report.bad_range", first=first, last=last)
        chosen = months_between(first, last)
        print(t("report.range", count=len(chosen), first=first, last=last), file=sys.stderr)
    else:
        chosen = [parse_month(month or "last", data, project=project)]
    if not args.force:
        for item in chosen:
            check_month(item, project)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    for item in chosen:
        run_report(item, data, lang, Path(out) if out else None, progress, pdf=args.pdf)
    return 0


def _closeout(args: argparse.Namespace, data: DataDir, lang: str, out: Path | None) -> int:
    """``report --plan`` / ``--period FIRST..LAST``: the close-out report (the period is
    checked before the data folder is loaded)."""
    from ..report.runner import check_month, parse_period, plan_months, run_closeout

    if args.month or args.first or args.last or (args.plan and args.period):
        raise UserError("closeout.plan_and_month")
    period = None if args.plan else parse_period(args.period, data)
    project = load(data)
    first, last = plan_months(project) if period is None else period
    if not args.force:
        check_month(last, project)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    run_closeout(first, last, data, lang, out, progress, pdf=args.pdf)
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from ..web.server import voila_command, voila_env
    from ..web.users import UsersFile, users_path

    data = DataDir.resolve(args.data)
    data.require()
    users = users_path(args.users) if args.users else None
    if users is not None:
        if not UsersFile(users).accounts():
            raise UserError("users.no_users", path=users)
        if args.token:
            print(t("server.users_token_ignored"), file=sys.stderr)
        args.token = None
        print(t("server.starting_users", host=args.host, port=args.port, path=users),
              file=sys.stderr)
    _port_free(args.host, args.port)
    command = voila_command(args.register, args.host, args.port, args.token, users=users)
    if users is None:
        query = f"?token={args.token}" if args.token else ""
        print(t("server.starting", host=args.host, port=args.port, query=query),
              file=sys.stderr)
    env = voila_env(data, args.lang, users=users)
    sys.stdout.flush()
    sys.stderr.flush()
    # Voila takes this process's place: a SIGTERM to it (systemctl stop, kill) stops the
    # server and its kernels, and nothing is left listening, orphaned
    os.execvpe(command[0], command, env)
    return 0  # not reached


def _port_free(host: str, port: int) -> None:
    """Say it plainly when the port is taken or the address is not this machine's (Voila
    would print a CRITICAL line and a traceback)."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise UserError("server.bad_host", host=excerpt(host)) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            key = "server.port_busy" if exc.errno == errno.EADDRINUSE else "server.cannot_listen"
            raise UserError(key, host=excerpt(host), port=port,
                            detail=exc.strerror or str(exc)) from None


def cmd_users_add(args: argparse.Namespace) -> int:
    from ..web.users import UsersFile, check_name, read_password, users_path

    path = users_path(args.users)
    users = UsersFile(path)
    name = check_name(args.name)  # say what is wrong before asking for a password
    existing = users.find(name)
    if existing is not None:
        raise UserError("users.exists", name=existing.name)
    account = users.add(name, args.role, read_password())
    print(t("users.added", name=account.name, role=account.role, path=path), file=sys.stderr)
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from ..web.users import UsersFile, users_path

    path = users_path(args.users)
    rows = [{"name": a.name, "role": a.role} for a in UsersFile(path).accounts().values()]
    rows.sort(key=lambda r: r["name"].casefold())
    if args.format == "json":
        emit(to_json(rows))
    elif args.format == "csv":
        emit(to_csv(pd.DataFrame(rows, columns=["name", "role"])))
    elif not rows:
        print(t("users.empty", path=path), file=sys.stderr)
    else:
        frame = pd.DataFrame([(r["name"], t(f"role.{r['role']}") + f" ({r['role']})")
                              for r in rows], columns=["name", "role"])
        emit(text_table(frame, headers=[t("col.user"), t("col.role")]))
    return 0


def cmd_users_passwd(args: argparse.Namespace) -> int:
    from ..web.users import UsersFile, read_password, users_path

    users = UsersFile(users_path(args.users))
    if users.find(args.name) is None:  # say so before asking for a password
        raise UserError("users.unknown", name=args.name, path=users.path)
    account = users.set_password(args.name, read_password())
    print(t("users.changed", name=account.name), file=sys.stderr)
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    from ..web.users import UsersFile, users_path

    account = UsersFile(users_path(args.users)).remove(args.name)
    print(t("users.removed", name=account.name), file=sys.stderr)
    return 0
