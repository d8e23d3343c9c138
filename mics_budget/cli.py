"""The ``mics-budget`` command line. Messages are Russian by default (``--lang en``).

Exit status: 0 success, 1 the data has errors (``validate``), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date

from . import labels
from .config import DataDir
from .labels import UserError, t
from .output import FORMATS, emit, text_table, to_csv, to_json
from .plan import import_plan
from .project import load

Handler = Callable[[argparse.Namespace], int]


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("error.bad_date", value=text)) from None


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one translated line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {t('error.prefix')}: {message}\n")
        sys.exit(2)


def _translate_argparse() -> None:
    """Route argparse's own messages (required arguments, bad choices …) through labels."""
    def gettext(message: str) -> str:
        key = labels.ARGPARSE.get(message)
        return t(key) if key else message

    argparse._ = gettext  # type: ignore[attr-defined]


def _common(parser: argparse.ArgumentParser, formats: bool = False) -> None:
    parser.add_argument("--data", metavar="DIR", help=t("help.data"))
    parser.add_argument("--lang", choices=labels.LANGS, help=t("help.lang"))
    if formats:
        parser.add_argument("--format", choices=FORMATS, default="table", help=t("help.format"))


def build_parser() -> argparse.ArgumentParser:
    _translate_argparse()
    parser = Parser(prog="mics-budget", description=t("help.prog"))
    parser.add_argument("--lang", choices=labels.LANGS, help=t("help.lang"))
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    plan = commands.add_parser("plan", help=t("help.plan"))
    plan_commands = plan.add_subparsers(dest="plan_command", required=True, parser_class=Parser)
    p = plan_commands.add_parser("import", help=t("help.plan_import"))
    p.add_argument("path", metavar="PATH", help=t("help.plan_path"))
    _common(p)
    p.set_defaults(handler=cmd_plan_import)
    p = plan_commands.add_parser("show", help=t("help.plan_show"))
    _common(p, formats=True)
    p.set_defaults(handler=cmd_plan_show)
    p = plan_commands.add_parser("status", help=t("help.plan_status"))
    p.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                   help=t("help.as_of"))
    _common(p, formats=True)
    p.set_defaults(handler=cmd_plan_status)
    return parser


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
    table = plan.merge(status, on="id")
    counts = table["status"].value_counts()
    table["status"] = table["status"].map(lambda s: t(f"status.{s}"))
    if project.example_data:
        emit(t("example.banner") + "\n")
    emit(t("status.title", date=labels.format_date(as_of)) + "\n")
    emit(text_table(table, widths={"title": 60}))
    summary = ", ".join(f"{t(f'status.{s}')}: {counts[s]}" for s in counts.index)
    emit(t("status.totals", counts=summary) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # the language must be known before the parser renders its help texts
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in labels.LANGS:
            labels.set_lang(argv[i + 1])
        elif arg.startswith("--lang=") and arg.split("=", 1)[1] in labels.LANGS:
            labels.set_lang(arg.split("=", 1)[1])
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"{t('error.prefix')}: {line}\n")
        return 2
    except BrokenPipeError:  # `mics-budget … | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
