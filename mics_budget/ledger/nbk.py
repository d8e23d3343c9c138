"""Exchange rates from the National Bank of Kazakhstan, as it publishes them.

:func:`read_nbk` reads the Bank's official XML, from files or folders (``*.xml``):

- the **daily file** ``rss/get_rates.cfm?fdate=DD.MM.YYYY``:
  ``<rates><date>01.08.2026</date><item><fullname>ДОЛЛАР США</fullname><title>USD</title>
  <description>473.59</description><quant>1</quant>…</item>…</rates>``; some days answer an
  empty ``<rates/>`` (no fixing that day): such a day is skipped and counted;
- the **all-rates file** ``rss/rates_all.xml`` (the latest day): an RSS channel whose items
  carry ``title`` (the code), ``pubDate`` (``DD.MM.YY`` or ``DD.MM.YYYY``), ``description``
  (the rate) and ``quant``.

The rate is KZT for ``quant`` units (AMD, UZS, KRW, IRR are quoted per 10, 100 or 1000): kept
as published, exact (:data:`.fx.RATE_DECIMALS` decimals). Anything else in a file — not XML,
another shape, a bad date, rate or quant — is a :class:`.checks.Problem` naming the file and
the item, never an exception. A document type declaration (``<!DOCTYPE``, entities) is refused
before parsing: the files are read from outside.

:func:`import_nbk` appends the rates to ``budget/fx_rates.csv`` (source ``NBK``) under its
lock: only the currencies the data folder's money files use (``all_currencies`` for every
one), only rows not already there; a rate that disagrees with the one the file has for the
same day, currency and source is a problem naming both, and the file keeps its own.

:func:`fetch_nbk` downloads the days of a range that are neither in the rates file nor saved
yet, saving each answer as received (``budget/nbk/YYYY-MM-DD.xml``, atomically) before the
next; a second call resumes where a failure stopped. 429 and 5xx answers, timeouts and refused
connections are retried with exponential backoff (a ``Retry-After`` of the server is
respected, up to a minute).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, Problem
from ..core.fileio import atomic_writer
from ..core.http import Client as HttpClient
from ..core.http import HttpError, base_url
from ..core.schemas import FX_RATES
from ..core.store import append_row, locked, register_file
from ..errors import UserError
from .fx import RATE_DECIMALS, load_rates

SOURCE = "NBK"
DEFAULT_URL = "https://nationalbank.kz"
DAILY_PATH = "/rss/get_rates.cfm"
MAX_FILE_BYTES = 4 << 20  # a day's file is a few kilobytes
MAX_DAYS = 3700  # days of one fetch (ten years)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds
SAVED = "nbk"  # budget/nbk/YYYY-MM-DD.xml
COLUMNS = ["date", "currency", "rate_e4", "quant", "_file", "_item"]
_CODE = re.compile(r"[A-Z]{3}")
_DAY = re.compile(r"(\d{2})\.(\d{2})\.(\d{2}|\d{4})")


# --- reading --------------------------------------------------------------------------------


@dataclass
class NbkRates:
    """The rates read: one row per day and currency; the days that had none."""

    rates: pd.DataFrame
    empty_days: list[date] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_nbk(paths: Iterable[str | Path]) -> tuple[NbkRates, list[Problem]]:
    """Read NBK rate files (or folders of ``*.xml``); problems are values."""
    problems: list[Problem] = []
    rows: list[dict] = []
    empty: list[date] = []
    files: list[str] = []
    for path in _files(paths, problems):
        name = path.as_posix()
        files.append(name)
        _read_file(path, name, rows, empty, problems)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame.drop_duplicates(["date", "currency", "rate_e4", "quant"], keep="first")
    return NbkRates(frame.reset_index(drop=True), sorted(set(empty)), files), problems


def _files(paths: Iterable[str | Path], problems: list[Problem]) -> list[Path]:
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*.xml")
                          if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            out.append(path)
        else:
            problems.append(Problem(ERROR, str(path), None, None, str(path), "nbk.missing",
                                    {}))
    return out


def _problem(problems: list[Problem], name: str, item: int | None, key: str, value: str,
             column: str | None = None, severity: str = ERROR) -> None:
    problems.append(Problem(severity, name, item, column, value, key, {"item": item or "—"}))


def _read_file(path: Path, name: str, rows: list[dict], empty: list[date],
               problems: list[Problem]) -> None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _problem(problems, name, None, "nbk.unreadable", exc.strerror or type(exc).__name__)
        return
    if len(raw) > MAX_FILE_BYTES:
        _problem(problems, name, None, "nbk.too_large", f"{len(raw)}")
        return
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        _problem(problems, name, None, "nbk.doctype", "<!DOCTYPE")
        return
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        _problem(problems, name, None, "nbk.not_xml", str(exc)[:80])
        return
    if root.tag == "rates":
        day = _day(root.findtext("date"))
        items = root.findall("item")
        if day is None and not items:  # <rates/>: a day without a fixing; which day, the
            with suppress(ValueError):   # name a fetch saved it under tells
                empty.append(date.fromisoformat(path.stem))
            return
        if day is None:
            _problem(problems, name, None, "nbk.bad_date", root.findtext("date") or "", "date")
            return
        if not items:
            empty.append(day)
            return
        for number, item in enumerate(items, start=1):
            _item(item, day, name, number, rows, problems)
    elif root.tag == "rss":
        items = root.findall("channel/item")
        for number, item in enumerate(items, start=1):
            day = _day(item.findtext("pubDate"))
            if day is None:
                _problem(problems, name, number, "nbk.bad_date", item.findtext("pubDate") or "",
                         "pubDate")
                continue
            _item(item, day, name, number, rows, problems)
    else:
        _problem(problems, name, None, "nbk.unknown_shape", root.tag[:40])


def _item(item: ET.Element, day: date, name: str, number: int, rows: list[dict],
          problems: list[Problem]) -> None:
    code = (item.findtext("title") or "").strip().upper()
    if not _CODE.fullmatch(code):
        _problem(problems, name, number, "nbk.bad_code", code[:20], "title")
        return
    rate = _rate(item.findtext("description"))
    if rate is None:
        _problem(problems, name, number, "nbk.bad_rate", (item.findtext("description") or "")
                 [:40], "description")
        return
    quant_text = (item.findtext("quant") or "1").strip()
    if not quant_text.isascii() or not quant_text.isdigit() or int(quant_text) <= 0:
        _problem(problems, name, number, "nbk.bad_quant", quant_text[:20], "quant")
        return
    rows.append({"date": day, "currency": code, "rate_e4": rate, "quant": int(quant_text),
                 "_file": name, "_item": number})


def _day(text: str | None) -> date | None:
    match = _DAY.fullmatch((text or "").strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    year += 2000 if year < 100 else 0
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _rate(text: str | None) -> int | None:
    """KZT per quant as an exact integer scaled by 10**RATE_DECIMALS (``473.59`` →
    4735900); None for anything that is not a positive number of at most that many
    decimals."""
    value = (text or "").strip().replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    if not number.is_finite() or number <= 0 or number > Decimal(10) ** 9:
        return None
    scaled = number * 10**RATE_DECIMALS
    if scaled != scaled.to_integral_value():
        return None
    return int(scaled)


def rate_text(rate_e4: int) -> str:
    """A rate as the rates file writes it, two decimals at least: ``4735900`` → ``473.59``,
    ``4531000`` → ``453.10``, ``33712`` → ``3.3712``."""
    whole, part = divmod(int(rate_e4), 10**RATE_DECIMALS)
    decimals = f"{part:0{RATE_DECIMALS}d}"
    return f"{whole}.{decimals[:2]}{decimals[2:].rstrip('0')}"


# --- importing ------------------------------------------------------------------------------


@dataclass
class NbkImport:
    """What an import added, found already there, or could not take."""

    added: pd.DataFrame
    already: int
    skipped_currencies: list[str]
    empty_days: list[date]
    conflicts: list[Problem]
    problems: list[Problem]
    files: list[str]
    dry_run: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.conflicts) or any(p.severity == ERROR for p in self.problems)


def import_nbk(data: DataDir, paths: Iterable[str | Path],
               currencies: set[str] | None = None, dry_run: bool = False) -> NbkImport:
    """Import NBK rate files into ``budget/fx_rates.csv`` (see the module): the rates of
    ``currencies`` (those the data use, found by the caller), every one when None."""
    data.require()
    read, problems = read_nbk(list(paths))
    if not read.files:
        raise UserError("nbk.no_files")
    rates = read.rates
    skipped = sorted(set(rates["currency"]) - currencies) if currencies is not None else []
    if currencies is not None:
        rates = rates.loc[rates["currency"].isin(currencies)]
    added, already, conflicts = append_rates(data, rates, SOURCE, dry_run)
    return NbkImport(added, already, skipped, read.empty_days, conflicts, problems,
                     read.files, dry_run)


def append_rates(data: DataDir, rates: pd.DataFrame, source: str, dry_run: bool = False
                 ) -> tuple[pd.DataFrame, int, list[Problem]]:
    """Append ``rates`` (:data:`COLUMNS`) of ``source`` to the rates file under its lock:
    the new ones; those already there are counted; one that disagrees with the file's for the
    same day and currency is a problem naming both, and the file keeps its own."""
    path = register_file(data.budget, "fx_rates")
    with nullcontext() if dry_run else locked(path):
        existing = _existing(data, source)
        added, already, conflicts = [], 0, []
        for row in rates.sort_values(["date", "currency", "_file", "_item"]).to_dict("records"):
            key = (row["date"], row["currency"])
            have = existing.get(key)
            if have is None:
                existing[key] = (row["rate_e4"], row["quant"], f"{row['_file']}:{row['_item']}")
                added.append(row)
                continue
            if have[:2] == (row["rate_e4"], row["quant"]):
                already += 1
                continue
            conflicts.append(Problem(
                ERROR, row["_file"], row["_item"], "rate", rate_text(row["rate_e4"]),
                "nbk.conflict", {"currency": row["currency"], "date": row["date"].isoformat(),
                                 "quant": row["quant"], "theirs": rate_text(have[0]),
                                 "their_quant": have[1], "where": have[2]}))
        if not dry_run:
            for row in added:
                append_row(path, FX_RATES, {
                    "date": row["date"].isoformat(), "currency": row["currency"],
                    "rate": rate_text(row["rate_e4"]), "quant": str(row["quant"]),
                    "source": source})
    return pd.DataFrame(added, columns=COLUMNS), already, conflicts


def _existing(data: DataDir, source: str = SOURCE
              ) -> dict[tuple[date, str], tuple[int, int, str]]:
    """The rates of ``source`` in the rates file: (day, currency) → (rate_e4, quant, file)."""
    rates, _ = load_rates(data)
    rates = rates.loc[rates["source"] == source]
    return {(pd.Timestamp(day).date(), currency): (int(rate), int(quant), "budget/fx_rates")
            for day, currency, rate, quant in zip(rates["date"], rates["currency"],
                                                  rates["rate_e4"], rates["quant"],
                                                  strict=True)}


# --- fetching -------------------------------------------------------------------------------


@dataclass
class NbkFetch:
    """Days fetched and saved, days already there, the folder of the answers."""

    fetched: int
    skipped: int
    folder: Path


def saved_folder(data: DataDir) -> Path:
    return data.budget / SAVED


def fetch_nbk(data: DataDir, start: date, end: date, base_url: str = DEFAULT_URL,
              out: Path | None = None, timeout: float = 30.0, retries: int = 3,
              backoff: float = 1.0) -> NbkFetch:
    """Download the daily files of ``start``..``end`` not in the rates file nor saved yet."""
    if end < start:
        raise UserError("nbk.bad_range", start=start.isoformat(), end=end.isoformat())
    if (end - start).days + 1 > MAX_DAYS:
        raise UserError("nbk.range_too_long", days=MAX_DAYS)
    data.require()
    folder = out or saved_folder(data)
    known = {day for day, _ in _existing(data)}
    base = _base(base_url)
    client = HttpClient(timeout=timeout, retries=max(int(retries), 0), backoff=backoff,
                        max_bytes=MAX_FILE_BYTES, max_seconds=max(timeout * 4, 60.0))
    fetched = skipped = 0
    day = start
    while day <= end:
        target = folder / f"{day.isoformat()}.xml"
        if day in known or target.exists():
            skipped += 1
        else:
            query = urllib.parse.urlencode({"fdate": day.strftime("%d.%m.%Y")})
            try:
                body = _get(client, f"{base}{DAILY_PATH}?{query}", timeout)
            except UserError:
                client.close()
                raise
            folder.mkdir(parents=True, exist_ok=True)
            with atomic_writer(target, "wb") as fh:  # saved as received, before the next
                fh.write(body)
            fetched += 1
        day += timedelta(days=1)
    client.close()
    return NbkFetch(fetched, skipped, folder)


def _base(url: str) -> str:
    try:
        return base_url((url or DEFAULT_URL).strip())
    except ValueError:  # a bad scheme, host or port: said, never a traceback
        raise UserError("nbk.bad_url", url=url) from None


def _get(client: HttpClient, url: str, timeout: float) -> bytes:
    """One day's answer through the run's client (:mod:`..core.http`: retries with backoff and
    ``Retry-After``, bounded size and time, one connection for all the days)."""
    try:
        return client.request(url)[1]
    except HttpError as exc:
        if exc.kind == "status":
            raise UserError("nbk.http_error", status=exc.status, url=url) from None
        if exc.kind == "timeout":
            raise UserError("nbk.timeout", seconds=f"{timeout:g}", url=url) from None
        if exc.kind == "too_large":
            raise UserError("nbk.too_large_answer", url=url) from None
        raise UserError("nbk.no_network", url=url, reason=exc.detail[:120] or exc.kind) from None


__all__ = ["NbkFetch", "NbkImport", "NbkRates", "fetch_nbk", "import_nbk", "read_nbk"]
