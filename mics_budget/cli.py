"""The ``mics-budget`` command line. Messages are Russian by default (``--lang en`` or
``--lang kk``).

Exit status: 0 success, 1 the data has errors (``validate``), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from . import i18n, months
from .checks import excerpt, problems_frame
from .config import REPORTS_DIR, DataDir
from .errors import UserError
from .fileio import atomic_writer
from .flags import FLAG_COLUMNS, flags_frame, red_flags
from .i18n import t
from .ocds import SCHEMA_VERSION as OCDS_VERSION
from .ocds import release_package
from .ocds import validate as validate_ocds
from .output import FORMATS, emit, text_table, to_csv, to_json
from .plan import import_plan
from .procurement import METHODS
from .project import load
from .recording import (
    add_lot,
    amend_lot,
    convert_to_utf8,
    record_event,
    require_folder,
    upgrade_register,
    void_event,
)
from .register import register
from .spending import GROUP_KEYS, MONEY, summary_json
from .texts import ARGPARSE

Handler = Callable[[argparse.Namespace], int]


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` or ``DD.MM.YYYY`` (ASCII digits); an impossible day says so."""
    try:
        return months.parse_day(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_year(text: str) -> int:
    if not re.fullmatch(r"20[0-9]{2}", text.strip()):
        raise argparse.ArgumentTypeError(t("error.bad_year", value=excerpt(text)))
    return int(text)


def parse_path(text: str) -> str:
    """A file or folder name: not empty, no NUL byte, of a sane length."""
    if not text.strip() or "\x00" in text or len(text) > 4096:
        raise argparse.ArgumentTypeError(t("error.bad_path", value=excerpt(text)))
    return text


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one translated line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {t('error.prefix')}: {message}\n")
        sys.exit(2)


def _translate_argparse() -> None:
    """Route argparse's own messages (required arguments, bad choices …) through labels."""
    def gettext(message: str) -> str:
        key = ARGPARSE.get(message)
        return t(key) if key else message

    argparse._ = gettext  # type: ignore[attr-defined]


def _as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                        help=t("help.as_of"))


def _common(parser: argparse.ArgumentParser, formats: bool = False) -> None:
    parser.add_argument("--data", type=parse_path, metavar="DIR", help=t("help.data"))
    parser.add_argument("--lang", choices=i18n.LANGS, help=t("help.lang"))
    if formats:
        parser.add_argument("--format", choices=FORMATS, default="table", help=t("help.format"))


def build_parser() -> argparse.ArgumentParser:
    _translate_argparse()
    parser = Parser(prog="mics-budget", description=t("help.prog"))
    parser.add_argument("--lang", choices=i18n.LANGS, help=t("help.lang"))
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    plan = commands.add_parser("plan", help=t("help.plan"))
    plan_commands = plan.add_subparsers(dest="plan_command", required=True, parser_class=Parser)
    p = plan_commands.add_parser("import", help=t("help.plan_import"))
    p.add_argument("path", type=parse_path, metavar="PATH", help=t("help.plan_path"))
    _common(p)
    p.set_defaults(handler=cmd_plan_import)
    p = plan_commands.add_parser("show", help=t("help.plan_show"))
    _common(p, formats=True)
    p.set_defaults(handler=cmd_plan_show)
    p = plan_commands.add_parser("status", help=t("help.plan_status"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler=cmd_plan_status)

    p = commands.add_parser("validate", help=t("help.validate"))
    p.add_argument("--out", type=parse_path, metavar="FILE", help=t("help.out"))
    _common(p)
    p.set_defaults(handler=cmd_validate)

    p = commands.add_parser("summary", help=t("help.summary"))
    _as_of(p)
    p.add_argument("--by", type=parse_by, default=[], metavar="KEYS", help=t("help.by"))
    p.add_argument("--year", type=parse_year, default=None, metavar="YYYY",
                   help=t("help.year"))
    p.add_argument("--source", type=parse_source, default=None, metavar="RB|UNICEF",
                   help=t("help.source"))
    p.add_argument("--section", type=parse_list, default=[], metavar="N[,N…]",
                   help=t("help.section"))
    p.add_argument("--unit", type=parse_list, default=[], metavar="CODE[,CODE…]",
                   help=t("help.unit"))
    _common(p, formats=True)
    p.set_defaults(handler=cmd_summary)

    p = commands.add_parser("forecast", help=t("help.forecast"))
    _as_of(p)
    p.add_argument("--year", type=parse_year, default=None, metavar="YYYY",
                   help=t("help.forecast_year"))
    p.add_argument("--by", choices=["activity"], default=None, help=t("help.forecast_by"))
    _common(p, formats=True)
    p.set_defaults(handler=cmd_forecast)

    proc = commands.add_parser("procurement", help=t("help.procurement"))
    pc = proc.add_subparsers(dest="procurement_command", required=True, parser_class=Parser)
    p = pc.add_parser("status", help=t("help.procurement_status"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler=cmd_procurement_status)
    p = pc.add_parser("flags", help=t("help.procurement_flags"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler=cmd_procurement_flags)
    p = pc.add_parser("ocds", help=t("help.procurement_ocds"))
    _as_of(p)
    p.add_argument("--out", type=parse_path, metavar="FILE", help=t("help.out"))
    p.add_argument("--no-validate", action="store_true", help=t("help.no_validate"))
    _common(p)
    p.set_defaults(handler=cmd_procurement_ocds)
    p = pc.add_parser("record", help=t("help.procurement_record"))
    p.add_argument("lot", metavar="LOT", help=t("help.arg.lot"))
    p.add_argument("status", metavar="STATUS", help=t("help.arg.status"))
    p.add_argument("--date", type=parse_date, required=True, metavar="YYYY-MM-DD",
                   help=t("help.arg.date"))
    p.add_argument("--amount", metavar="SUM", help=t("help.arg.amount"))
    p.add_argument("--bids", metavar="N", help=t("help.arg.bids"))
    p.add_argument("--supplier", default="", metavar="NAME", help=t("help.arg.supplier"))
    p.add_argument("--bin", default="", metavar="BIN", help=t("help.arg.bin"))
    p.add_argument("--document", default="", metavar="DOC", help=t("help.arg.document"))
    p.add_argument("--note", default="", metavar="TEXT", help=t("help.arg.note"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    _common(p)
    p.set_defaults(handler=cmd_procurement_record)
    p = pc.add_parser("void", help=t("help.procurement_void"))
    p.add_argument("event_id", metavar="EVENT_ID", help=t("help.arg.event_id"))
    p.add_argument("--reason", required=True, metavar="TEXT", help=t("help.arg.reason"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    _common(p)
    p.set_defaults(handler=cmd_procurement_void)
    p = pc.add_parser("history", help=t("help.procurement_history"))
    p.add_argument("lot", metavar="LOT", help=t("help.arg.lot"))
    _common(p, formats=True)
    p.set_defaults(handler=cmd_procurement_history)
    p = pc.add_parser("alerts", help=t("help.procurement_alerts"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler=cmd_procurement_alerts)
    p = pc.add_parser("add-lot", help=t("help.procurement_add_lot"))
    p.add_argument("lot", metavar="LOT", help=t("help.arg.lot"))
    p.add_argument("--activity", required=True, metavar="N.N", help=t("help.arg.activity"))
    p.add_argument("--method", required=True, choices=METHODS, help=t("help.arg.method"))
    p.add_argument("--estimate", required=True, metavar="SUM", help=t("help.arg.estimate"))
    p.add_argument("--title", default="", metavar="TEXT", help=t("help.arg.title"))
    p.add_argument("--currency", default="KZT", metavar="CODE", help=t("help.arg.currency"))
    p.add_argument("--specifics", default="", metavar="CODE", help=t("help.arg.specifics"))
    p.add_argument("--planned-announce", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.planned_announce"))
    p.add_argument("--needed-by", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.needed_by"))
    p.add_argument("--law", default="", metavar="LAW", help=t("help.arg.law"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    _common(p)
    p.set_defaults(handler=cmd_procurement_add_lot)
    p = pc.add_parser("amend-lot", help=t("help.procurement_amend_lot"))
    p.add_argument("lot", metavar="LOT", help=t("help.arg.lot"))
    p.add_argument("--title", metavar="TEXT", help=t("help.arg.title"))
    p.add_argument("--estimate", metavar="SUM", help=t("help.arg.estimate"))
    p.add_argument("--planned-announce", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.planned_announce"))
    p.add_argument("--needed-by", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.needed_by"))
    p.add_argument("--law", metavar="LAW", help=t("help.arg.law"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    _common(p)
    p.set_defaults(handler=cmd_procurement_amend_lot)
    p = pc.add_parser("upgrade", help=t("help.procurement_upgrade"))
    _common(p)
    p.set_defaults(handler=cmd_procurement_upgrade)

    p = commands.add_parser("to-utf8", help=t("help.to_utf8"))
    _common(p)
    p.set_defaults(handler=cmd_to_utf8)

    p = commands.add_parser("report", help=t("help.report"))
    p.add_argument("--month", metavar="YYYY-MM", help=t("help.month"))
    p.add_argument("--from", dest="first", metavar="YYYY-MM", help=t("help.from"))
    p.add_argument("--to", dest="last", metavar="YYYY-MM", help=t("help.to"))
    p.add_argument("--out", type=parse_path, metavar="DIR", help=t("help.out"))
    p.add_argument("--params", type=parse_path, metavar="FILE", help=t("help.params"))
    p.add_argument("--force", action="store_true", help=t("help.force"))
    p.add_argument("--pdf", action="store_true", help=t("help.pdf"))
    _common(p)
    p.set_defaults(handler=cmd_report)

    p = commands.add_parser("dashboard", help=t("help.dashboard"))
    p.add_argument("--register", action="store_true", help=t("help.register"))
    p.add_argument("--host", default="127.0.0.1", help=t("help.host"))
    p.add_argument("--port", type=int, default=8866, help=t("help.port"))
    p.add_argument("--token", default=os.environ.get("MICS_DASHBOARD_TOKEN"),
                   help=t("help.token"))
    p.add_argument("--users", type=parse_path, metavar="FILE",
                   default=os.environ.get("MICS_USERS") or None, help=t("help.users_file"))
    _common(p)
    p.set_defaults(handler=cmd_dashboard)

    _users_parser(commands)
    return parser


def _users_parser(commands) -> None:
    from .users import ROLES

    def role(text: str) -> str:
        if text not in ROLES:
            raise argparse.ArgumentTypeError(
                t("users.bad_role", role=text, roles=", ".join(ROLES)))
        return text

    users = commands.add_parser("users", help=t("help.users"))
    uc = users.add_subparsers(dest="users_command", required=True, parser_class=Parser)
    for name, handler, extra in (("add", cmd_users_add, True), ("list", cmd_users_list, False),
                                 ("passwd", cmd_users_passwd, False),
                                 ("remove", cmd_users_remove, False)):
        p = uc.add_parser(name, help=t(f"help.users_{name}"))
        if name != "list":
            p.add_argument("name", metavar="NAME", help=t("help.users_name"))
        if extra:
            p.add_argument("--role", type=role, required=True, metavar="|".join(ROLES),
                           help=t("help.role"))
        if name == "list":
            p.add_argument("--format", choices=FORMATS, default="table", help=t("help.format"))
        p.add_argument("--users", type=parse_path, metavar="FILE", help=t("help.users_file"))
        p.add_argument("--lang", choices=i18n.LANGS, help=t("help.lang"))
        p.set_defaults(handler=handler)


def parse_source(text: str) -> str:
    from .ledger import SOURCES

    source = SOURCES.get(text.strip().lower())
    if source is None:
        raise argparse.ArgumentTypeError(t("problem.unknown_source", value=text))
    return source


def parse_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_by(text: str) -> list[str]:
    keys = [k.strip() for k in text.split(",") if k.strip()]
    for key in keys:
        if key not in GROUP_KEYS:
            raise argparse.ArgumentTypeError(
                t("error.bad_by", value=key, choices=",".join(GROUP_KEYS)))
    return keys


# --- handlers ---------------------------------------------------------------------------------


def cmd_plan_import(args: argparse.Namespace) -> int:
    data = DataDir.resolve(args.data)
    plan, changed = import_plan(args.path, data)
    files = ", ".join(str(p) for p in changed) if changed else t("plan.unchanged")
    print(t("plan.imported", count=len(plan), sections=len(plan.sections), files=files),
          file=sys.stderr)
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    project = load(args.data)
    if args.format == "json":
        emit(to_json([a.as_json() for a in project.plan.activities]))
        return 0
    frame = project.plan.frame()
    if args.format == "csv":
        emit(to_csv(frame))
        return 0
    frame["funding"] = frame["funding"].map(lambda f: t(f"funding.{f}"))
    frame["title"] = frame["id"].map(project.plan.titles())
    columns = ["id", "title", "units", "period_text", "funding", "procurement"]
    emit(text_table(frame[columns], widths={"title": 60, "units": 24}))
    return 0


def cmd_plan_status(args: argparse.Namespace) -> int:
    project = load(args.data)
    as_of = args.as_of or date.today()
    status = project.status(as_of)
    if args.format == "json":
        emit(to_json(status[["id", "status", "days_overdue"]].to_dict("records")))
        return 0
    if args.format == "csv":
        emit(to_csv(status))
        return 0
    plan = project.plan.frame()[["id", "title", "period_text"]]
    plan["title"] = plan["id"].map(project.plan.titles())
    table = plan.merge(status, on="id")
    counts = table["status"].value_counts()
    table["status"] = table["status"].map(lambda s: t(f"status.{s}"))
    if project.example_data:
        emit(t("example.banner") + "\n")
    emit(t("status.title", date=i18n.format_date(as_of)) + "\n")
    emit(text_table(table, widths={"title": 60}))
    summary = ", ".join(f"{t(f'status.{s}')}: {counts[s]}" for s in counts.index)
    emit(t("status.totals", counts=summary) + "\n")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    project = load(args.data)
    for problem in project.problems:
        print(problem.line())
    out = Path(args.out) if args.out else REPORTS_DIR / "validation.csv"
    frame = problems_frame(project.problems).drop(columns=["key"])
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
    if args.format == "json":
        emit(to_json(summary_json(project, as_of, args.by, args.year, args.source,
                                  args.section, args.unit)))
        return 0
    activities = project.activities_of(args.section, args.unit)
    table = project.spending(as_of, args.by, args.year, args.source, activities)
    if args.format == "csv":
        emit(to_csv(table))
        return 0
    if project.example_data:
        emit(t("example.banner") + "\n")
    emit(t("summary.title", date=i18n.format_date(as_of)) + "\n")
    minor = project.spending_minor(as_of, args.by, args.year, args.source, activities)
    emit(text_table(_for_people(table, minor), right=[*MONEY, "execution"]))
    errors = sum(p.severity == "error" for p in project.problems)
    if project.problems:
        emit(t("summary.problems", errors=errors, warnings=len(project.problems) - errors)
             + "\n")
    return 0


def cmd_forecast(args: argparse.Namespace) -> int:
    from .forecast import MONEY as FORECAST_MONEY

    project = load(args.data)
    as_of = args.as_of or date.today()
    by = [args.by] if args.by else []
    table = project.forecast(as_of, args.year, by)
    if args.format == "json":
        rows = table.astype(object).where(table.notna(), None).to_dict("records")
        emit(to_json([{k: (round(v, 2) if k in FORECAST_MONEY else v) for k, v in r.items()}
                      for r in rows]))
        return 0
    if args.format == "csv":
        emit(to_csv(table))
        return 0
    if project.example_data:
        emit(t("example.banner") + "\n")
    emit(t("forecast.title", date=i18n.format_date(as_of), year=table["year"].iloc[0]
           if len(table) else (args.year or as_of.year)) + "\n")
    shown = table.copy()
    shown["source"] = shown["source"].map(lambda s: t(f"funding.{s}"))
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
    out["source"] = shown["source"].map(lambda s: t(f"funding.{s}"))
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
    if args.format == "json":
        emit(to_json(register_records(table)))
        return 0
    if args.format == "csv":
        emit(to_csv(table))
        return 0
    if project.example_data:
        emit(t("example.banner") + "\n")
    emit(t("procurement.title", date=i18n.format_date(as_of)) + "\n")
    shown = table[["lot", "activity", "stage", "stage_since", "days_in_stage", "estimate",
                   "contract_amount", "savings", "paid", "left_to_pay", "delay_days"]].copy()
    shown["stage"] = shown["stage"].map(lambda s: t(f"stage.{s or 'none'}"))
    shown["stage_since"] = shown["stage_since"].map(
        lambda d: i18n.format_date(d.date()) if pd.notna(d) else "")
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
    if args.format == "json":
        emit(to_json([flag.as_json() for flag in flags]))
        return 0
    if args.format == "csv":  # codes, for tools; the detail in the chosen language
        emit(to_csv(pd.DataFrame([{"lot": f.lot or "", "flag": f.code, "severity": f.severity,
                                   "detail": f.detail} for f in flags], columns=FLAG_COLUMNS)))
        return 0
    if project.example_data:
        emit(t("example.banner") + "\n")
    emit(text_table(flags_frame(flags), headers=[t("col.lot"), t("col.flag"),
                                                 t("col.severity"), t("col.detail")]))
    return 0


def cmd_procurement_ocds(args: argparse.Namespace) -> int:
    project = load(args.data)
    package = release_package(project, args.as_of or date.today())
    if not args.no_validate:  # a package the schema refuses is our bug: say so, write nothing
        errors = validate_ocds(package)
        if errors:
            raise UserError("ocds.invalid", version=OCDS_VERSION, count=len(errors),
                            first=excerpt(errors[0], 200))
    text = to_json(package)
    if args.out:
        with atomic_writer(Path(args.out), "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        emit(text)
    return 0


def cmd_procurement_record(args: argparse.Namespace) -> int:
    values = record_event(DataDir.resolve(args.data), args.lot, args.status, args.date,
                          amount=args.amount, bids=args.bids, supplier=args.supplier,
                          supplier_bin=args.bin, document=args.document, note=args.note,
                          by=args.by)
    print(t("record.done", lot=values["lot"], stage=t(f"stage.{values['status']}"),
            date=i18n.format_date(args.date), event_id=values["event_id"]), file=sys.stderr)
    return 0


def cmd_procurement_void(args: argparse.Namespace) -> int:
    values = void_event(DataDir.resolve(args.data), args.event_id, args.reason, by=args.by)
    print(t("record.voided", event_id=values["voids"]), file=sys.stderr)
    return 0


def cmd_procurement_history(args: argparse.Namespace) -> int:
    from .corrections import history

    project = load(args.data)
    if args.lot not in set(project.lots["lot"]):
        raise UserError("record.unknown_lot", value=excerpt(args.lot))
    table = history(project.events, args.lot)
    if args.format == "json":
        emit(to_json(register_records(table)))
        return 0
    if args.format == "csv":
        emit(to_csv(table))
        return 0
    emit(t("history.title", lot=args.lot) + "\n")
    shown = table.drop(columns=["valid"]).copy()
    shown["date"] = shown["date"].map(lambda d: i18n.format_date(d.date()) if pd.notna(d)
                                      else "")
    shown["status"] = shown["status"].map(lambda s: t(f"stage.{s}"))
    shown["amount"] = shown["amount"].map(i18n.format_number)
    shown["voided"] = shown["voided"].map(lambda v: t("app.voided") if v else "")
    emit(text_table(shown.astype("str").replace({"<NA>": "", "nan": ""}),
                    widths={"note": 40, "document": 20, "void_reason": 30}))
    return 0


def cmd_procurement_alerts(args: argparse.Namespace) -> int:
    from .alerts import alerts

    project = load(args.data)
    found = alerts(project, args.as_of or date.today())
    if args.format == "json":
        emit(to_json([alert.as_json() for alert in found]))
        return 0
    frame = pd.DataFrame([{"lot": a.lot, "alert": a.title, "detail": a.detail} for a in found],
                         columns=["lot", "alert", "detail"])
    if args.format == "csv":
        emit(to_csv(frame))
        return 0
    if project.example_data:
        emit(t("example.banner") + "\n")
    emit(text_table(frame, widths={"detail": 90}) if len(frame)
         else t("app.attention_none") + "\n")
    return 0


def cmd_procurement_add_lot(args: argparse.Namespace) -> int:
    values = add_lot(DataDir.resolve(args.data), args.lot, args.activity, args.method,
                     args.estimate, title=args.title, currency=args.currency,
                     specifics=args.specifics, planned_announce=args.planned_announce,
                     needed_by=args.needed_by, law=args.law, by=args.by)
    print(t("record.lot_added", lot=values["lot"]), file=sys.stderr)
    return 0


def cmd_procurement_amend_lot(args: argparse.Namespace) -> int:
    changes = {k: v for k, v in (("title", args.title), ("estimate", args.estimate),
                                 ("planned_announce", args.planned_announce),
                                 ("needed_by", args.needed_by), ("law", args.law))
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


def cmd_to_utf8(args: argparse.Namespace) -> int:
    converted = convert_to_utf8(DataDir.resolve(args.data))
    for name, encoding in converted:
        print(t("to_utf8.done", file=name, encoding=encoding), file=sys.stderr)
    if not converted:
        print(t("to_utf8.nothing"), file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .months import months_between
    from .params import ReportDefaults, report_defaults
    from .runner import check_month, parse_month, run_report

    defaults = report_defaults(Path(args.params)) if args.params else ReportDefaults()
    data = DataDir.resolve(args.data or defaults.data)
    require_folder(data)
    lang = args.lang or defaults.lang or i18n.get_lang()
    i18n.set_lang(lang)
    out = args.out or defaults.out
    month = args.month or defaults.month
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


def cmd_dashboard(args: argparse.Namespace) -> int:
    from .server import voila_command, voila_env
    from .users import UsersFile, users_path

    data = DataDir.resolve(args.data)
    require_folder(data)
    users = users_path(args.users) if args.users else None
    if users is not None:
        if not UsersFile(users).accounts():
            raise UserError("users.no_users", path=users)
        if args.token:
            print(t("server.users_token_ignored"), file=sys.stderr)
        args.token = None
        print(t("server.starting_users", host=args.host, port=args.port, path=users),
              file=sys.stderr)
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


def cmd_users_add(args: argparse.Namespace) -> int:
    from .users import UsersFile, check_name, read_password, users_path

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
    from .users import UsersFile, users_path

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
    from .users import UsersFile, read_password, users_path

    users = UsersFile(users_path(args.users))
    if users.find(args.name) is None:  # say so before asking for a password
        raise UserError("users.unknown", name=args.name, path=users.path)
    account = users.set_password(args.name, read_password())
    print(t("users.changed", name=account.name), file=sys.stderr)
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    from .users import UsersFile, users_path

    account = UsersFile(users_path(args.users)).remove(args.name)
    print(t("users.removed", name=account.name), file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # the language must be known before the parser renders its help texts
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGS:
            i18n.set_lang(argv[i + 1])
        elif arg.startswith("--lang=") and arg.split("=", 1)[1] in i18n.LANGS:
            i18n.set_lang(arg.split("=", 1)[1])
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"{t('error.prefix')}: {line}\n")
        return 2
    except BrokenPipeError:  # `mics-budget … | head`
        return 0
    except OSError as exc:  # a path given by the user that cannot be read or written
        detail = exc.strerror or type(exc).__name__
        message = t("error.os", path=exc.filename or "", detail=detail)
        sys.stderr.write(f"{t('error.prefix')}: {message}\n")
        return 2
    except Exception as exc:
        if os.environ.get("MICS_DEBUG"):
            raise
        sys.stderr.write(f"{t('error.prefix')}: {t('error.internal', detail=repr(exc))}\n")
        return 3


if __name__ == "__main__":
    sys.exit(main())
