"""The ``mics-budget`` command line. Messages are Russian by default (``--lang en`` or
``--lang kk``).

Exit status: 0 success, 1 the data has errors (``validate``), 2 bad input or usage.

This module builds the parser only and imports nothing heavy: ``mics-budget --help`` answers
without pandas. The commands themselves are in :mod:`.commands`, imported when one runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from .. import i18n
from ..core import months
from ..errors import UserError
from ..i18n import t
from ..texts import ARGPARSE
from ..vocabulary import FORMATS, GROUP_KEYS, METHODS, ROLES, excerpt

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


def parse_port(text: str) -> int:
    """A TCP port, 1–65535 (ASCII digits)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 65535):
        raise argparse.ArgumentTypeError(t("error.bad_port", value=excerpt(text)))
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
    p.set_defaults(handler="cmd_plan_import")
    p = plan_commands.add_parser("show", help=t("help.plan_show"))
    _common(p, formats=True)
    p.set_defaults(handler="cmd_plan_show")
    p = plan_commands.add_parser("status", help=t("help.plan_status"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler="cmd_plan_status")

    p = commands.add_parser("init", help=t("help.init"))
    p.add_argument("folder", type=parse_path, metavar="DIR", help=t("help.init_folder"))
    p.add_argument("--plan", type=parse_path, metavar="FILE", help=t("help.init_plan"))
    p.add_argument("--lang", choices=i18n.LANGS, help=t("help.lang"))
    p.set_defaults(handler="cmd_init")

    p = commands.add_parser("carry-over", help=t("help.carry_over"), allow_abbrev=False)
    p.add_argument("--from", dest="source", required=True, type=parse_path, metavar="OLD",
                   help=t("help.carry_from"))
    p.add_argument("--to", dest="target", required=True, type=parse_path, metavar="NEW",
                   help=t("help.carry_to"))
    p.add_argument("--lot", action="append", default=[], metavar="LOT",
                   help=t("help.carry_lot"))
    p.add_argument("--map", action="append", default=[], metavar="OLD=NEW",
                   help=t("help.carry_map"))
    p.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                   help=t("help.carry_as_of"))
    p.add_argument("--yes", action="store_true", help=t("help.carry_yes"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help=t("help.format"))
    p.add_argument("--lang", choices=i18n.LANGS, help=t("help.lang"))
    p.set_defaults(handler="cmd_carry_over")

    p = commands.add_parser("validate", help=t("help.validate"))
    p.add_argument("--out", type=parse_path, metavar="FILE", help=t("help.out"))
    _common(p)
    p.set_defaults(handler="cmd_validate")

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
    p.set_defaults(handler="cmd_summary")

    p = commands.add_parser("forecast", help=t("help.forecast"))
    _as_of(p)
    p.add_argument("--year", type=parse_year, default=None, metavar="YYYY",
                   help=t("help.forecast_year"))
    p.add_argument("--by", choices=["activity"], default=None, help=t("help.forecast_by"))
    _common(p, formats=True)
    p.set_defaults(handler="cmd_forecast")

    p = commands.add_parser("unicef", help=t("help.unicef"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler="cmd_unicef")

    p = commands.add_parser("face", help=t("help.face"))
    p.add_argument("--quarter", type=parse_quarter, default=None, metavar="YYYYQN",
                   help=t("help.face_quarter"))
    p.add_argument("--request", type=parse_quarter, default=None, metavar="YYYYQN",
                   help=t("help.face_request"))
    p.add_argument("--amount", type=parse_requests, default={}, metavar="CODE=USD[,…]",
                   help=t("help.face_amount"))
    p.add_argument("--check", action="store_true", help=t("help.face_check"))
    _as_of(p)
    p.add_argument("--out", type=parse_path, metavar="FILE", help=t("help.out"))
    p.add_argument("--data", type=parse_path, metavar="DIR", help=t("help.data"))
    p.add_argument("--lang", choices=i18n.LANGS, help=t("help.lang"))
    p.add_argument("--format", choices=("table", "json", "xlsx"), default="table",
                   help=t("help.face_format"))
    p.set_defaults(handler="cmd_face")

    proc = commands.add_parser("procurement", help=t("help.procurement"))
    pc = proc.add_subparsers(dest="procurement_command", required=True, parser_class=Parser)
    p = pc.add_parser("status", help=t("help.procurement_status"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler="cmd_procurement_status")
    p = pc.add_parser("flags", help=t("help.procurement_flags"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler="cmd_procurement_flags")
    p = pc.add_parser("kpis", help=t("help.procurement_kpis"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler="cmd_procurement_kpis")
    p = pc.add_parser("ocds", help=t("help.procurement_ocds"))
    p.add_argument("--draft", action="store_true", help=t("help.ocds_draft"))
    _as_of(p)
    p.add_argument("--out", type=parse_path, metavar="FILE", help=t("help.out"))
    p.add_argument("--no-validate", action="store_true", help=t("help.no_validate"))
    _common(p)
    p.set_defaults(handler="cmd_procurement_ocds")
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
    p.add_argument("--confirm", action="store_true", help=t("help.arg.confirm"))
    _common(p)
    p.set_defaults(handler="cmd_procurement_record")
    p = pc.add_parser("void", help=t("help.procurement_void"))
    p.add_argument("event_id", metavar="EVENT_ID", help=t("help.arg.event_id"))
    p.add_argument("--reason", required=True, metavar="TEXT", help=t("help.arg.reason"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    _common(p)
    p.set_defaults(handler="cmd_procurement_void")
    p = pc.add_parser("history", help=t("help.procurement_history"))
    p.add_argument("lot", metavar="LOT", help=t("help.arg.lot"))
    _common(p, formats=True)
    p.set_defaults(handler="cmd_procurement_history")
    p = pc.add_parser("alerts", help=t("help.procurement_alerts"))
    _as_of(p)
    _common(p, formats=True)
    p.set_defaults(handler="cmd_procurement_alerts")
    p = pc.add_parser("add-lot", help=t("help.procurement_add_lot"))
    p.add_argument("lot", metavar="LOT", help=t("help.arg.lot"))
    p.add_argument("--activity", required=True, metavar="N.N", help=t("help.arg.activity"))
    p.add_argument("--method", required=True, metavar="{" + ",".join(METHODS) + "}",
                   help=t("help.arg.method"))  # a code or its name («аукцион»)
    p.add_argument("--estimate", required=True, metavar="SUM", help=t("help.arg.estimate"))
    p.add_argument("--title", default="", metavar="TEXT", help=t("help.arg.title"))
    p.add_argument("--currency", default="KZT", metavar="CODE", help=t("help.arg.currency"))
    p.add_argument("--specifics", default="", metavar="CODE", help=t("help.arg.specifics"))
    p.add_argument("--planned-announce", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.planned_announce"))
    p.add_argument("--needed-by", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.needed_by"))
    p.add_argument("--law", default="", metavar="LAW", help=t("help.arg.law"))
    p.add_argument("--portal-number", default="", metavar="NUMBER",
                   help=t("help.arg.portal_number"))
    p.add_argument("--portal-lot", default="", metavar="NUMBER", help=t("help.arg.portal_lot"))
    p.add_argument("--portal-contract", default="", metavar="NUMBER",
                   help=t("help.arg.portal_contract"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    _common(p)
    p.set_defaults(handler="cmd_procurement_add_lot")
    p = pc.add_parser("amend-lot", help=t("help.procurement_amend_lot"))
    p.add_argument("lot", metavar="LOT", help=t("help.arg.lot"))
    p.add_argument("--title", metavar="TEXT", help=t("help.arg.title"))
    p.add_argument("--estimate", metavar="SUM", help=t("help.arg.estimate"))
    p.add_argument("--planned-announce", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.planned_announce"))
    p.add_argument("--needed-by", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.arg.needed_by"))
    p.add_argument("--law", metavar="LAW", help=t("help.arg.law"))
    p.add_argument("--portal-number", metavar="NUMBER", help=t("help.arg.portal_number"))
    p.add_argument("--portal-lot", metavar="NUMBER", help=t("help.arg.portal_lot"))
    p.add_argument("--portal-contract", metavar="NUMBER", help=t("help.arg.portal_contract"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    _common(p)
    p.set_defaults(handler="cmd_procurement_amend_lot")
    p = pc.add_parser("upgrade", help=t("help.procurement_upgrade"))
    _common(p)
    p.set_defaults(handler="cmd_procurement_upgrade")

    imports = commands.add_parser("import", help=t("help.import"))
    ic = imports.add_subparsers(dest="import_command", required=True, parser_class=Parser)
    # no abbreviations: ``--token SECRET`` must not pass for ``--token-file``
    p = ic.add_parser("goszakup", help=t("help.import_goszakup"), allow_abbrev=False)
    p.add_argument("paths", nargs="*", type=parse_path, metavar="PATH", help=t("help.gz_paths"))
    p.add_argument("--fetch", action="store_true", help=t("help.gz_fetch"))
    p.add_argument("--bin", default="", metavar="BIN", help=t("help.gz_bin"))
    p.add_argument("--token-file", type=parse_path, metavar="FILE",
                   help=t("help.gz_token_file"))
    p.add_argument("--since", type=parse_date, metavar="YYYY-MM-DD", help=t("help.gz_since"))
    p.add_argument("--url", metavar="URL", help=t("help.gz_url"))
    p.add_argument("--dry-run", action="store_true", help=t("help.dry_run"))
    p.add_argument("--by", metavar="NAME", help=t("help.arg.by"))
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help=t("help.format"))
    _common(p)
    p.set_defaults(handler="cmd_import_goszakup")

    p = ic.add_parser("treasury", help=t("help.import_treasury"), allow_abbrev=False)
    p.add_argument("paths", nargs="+", type=parse_path, metavar="PATH",
                   help=t("help.treasury_paths"))
    p.add_argument("--dry-run", action="store_true", help=t("help.dry_run"))
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help=t("help.format"))
    _common(p)
    p.set_defaults(handler="cmd_import_treasury")

    p = ic.add_parser("unore", help=t("help.import_unore"), allow_abbrev=False)
    p.add_argument("paths", nargs="+", type=parse_path, metavar="PATH", help=t("help.nbk_paths"))
    p.add_argument("--dry-run", action="store_true", help=t("help.dry_run"))
    _common(p)
    p.set_defaults(handler="cmd_import_unore")

    p = ic.add_parser("nbk", help=t("help.import_nbk"), allow_abbrev=False)
    p.add_argument("paths", nargs="*", type=parse_path, metavar="PATH", help=t("help.nbk_paths"))
    p.add_argument("--all", action="store_true", help=t("help.nbk_all"))
    p.add_argument("--fetch", action="store_true", help=t("help.nbk_fetch"))
    p.add_argument("--from", dest="start", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.nbk_from"))
    p.add_argument("--to", dest="end", type=parse_date, metavar="YYYY-MM-DD",
                   help=t("help.nbk_to"))
    p.add_argument("--url", metavar="URL", help=t("help.nbk_url"))
    p.add_argument("--dry-run", action="store_true", help=t("help.dry_run"))
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help=t("help.format"))
    _common(p)
    p.set_defaults(handler="cmd_import_nbk")

    p = commands.add_parser("to-utf8", help=t("help.to_utf8"))
    _common(p)
    p.set_defaults(handler="cmd_to_utf8")

    p = commands.add_parser("report", help=t("help.report"))
    p.add_argument("--month", metavar="YYYY-MM", help=t("help.month"))
    p.add_argument("--from", dest="first", metavar="YYYY-MM", help=t("help.from"))
    p.add_argument("--to", dest="last", metavar="YYYY-MM", help=t("help.to"))
    p.add_argument("--plan", action="store_true", help=t("help.closeout_plan"))
    p.add_argument("--period", metavar="YYYY-MM..YYYY-MM", help=t("help.closeout_period"))
    p.add_argument("--out", type=parse_path, metavar="DIR", help=t("help.out"))
    p.add_argument("--params", type=parse_path, metavar="FILE", help=t("help.params"))
    p.add_argument("--force", action="store_true", help=t("help.force"))
    p.add_argument("--pdf", action="store_true", help=t("help.pdf"))
    _common(p)
    p.set_defaults(handler="cmd_report")

    p = commands.add_parser("dashboard", help=t("help.dashboard"))
    p.add_argument("--register", action="store_true", help=t("help.register"))
    p.add_argument("--host", default="127.0.0.1", help=t("help.host"))
    p.add_argument("--port", type=parse_port, default=8866, help=t("help.port"))
    p.add_argument("--token", default=os.environ.get("MICS_DASHBOARD_TOKEN"),
                   help=t("help.token"))
    p.add_argument("--users", type=parse_path, metavar="FILE",
                   default=os.environ.get("MICS_USERS") or None, help=t("help.users_file"))
    _common(p)
    p.set_defaults(handler="cmd_dashboard")

    _users_parser(commands)
    return parser


def _users_parser(commands) -> None:

    def role(text: str) -> str:
        if text not in ROLES:
            raise argparse.ArgumentTypeError(
                t("users.bad_role", role=text, roles=", ".join(ROLES)))
        return text

    users = commands.add_parser("users", help=t("help.users"))
    uc = users.add_subparsers(dest="users_command", required=True, parser_class=Parser)
    for name, handler, extra in (("add", "cmd_users_add", True),
                                 ("list", "cmd_users_list", False),
                                 ("passwd", "cmd_users_passwd", False),
                                 ("remove", "cmd_users_remove", False)):
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
    from ..ledger.load import SOURCES

    source = SOURCES.get(text.strip().lower())
    if source is None:
        raise argparse.ArgumentTypeError(t("problem.unknown_source", value=text))
    return source


def parse_quarter(text: str) -> str:
    """``2025Q2``: checked here, read by :class:`mics_budget.ledger.face.Quarter`."""
    if not re.fullmatch(r"\s*20[0-9]{2}-?[Qq][1-4]\s*", text):
        raise argparse.ArgumentTypeError(t("face.bad_quarter", value=excerpt(text)))
    return text.strip()


def parse_requests(text: str) -> dict[str, int]:
    """``6.3=12000,4.2=500.50``: activity codes and dollar amounts, as cents."""
    out = {}
    for part in (p.strip() for p in text.split(",")):
        found = re.fullmatch(r"([0-9]{1,2}\.[0-9]{1,2})=([0-9]{1,12})(?:[.]([0-9]{1,2}))?", part)
        if not found:
            raise argparse.ArgumentTypeError(t("face.bad_amount", value=excerpt(part)))
        cents = (found.group(3) or "0").ljust(2, "0")
        out[found.group(1)] = int(found.group(2)) * 100 + int(cents)
    return out


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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes of another encoding on the command line
            shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
            sys.stderr.write(f"{t('error.prefix')}: "
                             f"{t('error.not_utf8_argument', number=number, value=excerpt(shown))}"
                             "\n")
            return 2
    # the language must be known before the parser renders its help texts
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGS:
            i18n.set_lang(argv[i + 1])
        elif arg.startswith("--lang=") and arg.split("=", 1)[1] in i18n.LANGS:
            i18n.set_lang(arg.split("=", 1)[1])
    args = build_parser().parse_args(argv)
    try:
        handler = args.handler
        if isinstance(handler, str):  # the commands module, imported only now
            handler = getattr(importlib.import_module(".commands", __package__), handler)
        return handler(args)
    except UserError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"{t('error.prefix')}: {line}\n")
        if getattr(exc, "warnings", None):  # a contradiction: recorded only when confirmed
            sys.stderr.write(t("confirm.hint") + "\n")
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


def __getattr__(name: str) -> Any:
    """``mics_budget.cli.cli.cmd_summary`` and the other names of :mod:`.commands`."""
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(importlib.import_module(".commands", __package__), name)


if __name__ == "__main__":
    sys.exit(main())
