"""The National Bank's rates as it publishes them (:mod:`mics_budget.ledger.nbk`): daily XML
files and the all-rates file, imported into ``budget/fx_rates.csv``; ``--fetch`` against a
local server replaying the Bank's answers (this machine is offline)."""

from __future__ import annotations

import csv
import threading
import time
from collections import defaultdict
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from mics_budget.cli import main
from mics_budget.config import DEFAULT_DATA_DIR, DataDir
from mics_budget.errors import UserError
from mics_budget.ledger.nbk import fetch_nbk, import_nbk, read_nbk
from tests.conftest import write_files

EXAMPLE_RATES = DEFAULT_DATA_DIR / "budget" / "fx_rates.csv"


def example_nbk() -> list[dict]:
    with EXAMPLE_RATES.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["source"] == "NBK"]


def day_xml(day: str, items: list[tuple[str, str, str]]) -> str:
    """A daily answer as the Bank writes it: ``items`` of (code, rate, quant)."""
    body = "".join(
        f"<item><fullname>ВАЛЮТА</fullname><title>{code}</title><description>{rate}"
        f"</description><quant>{quant}</quant><index>DOWN</index><change>-0.5</change></item>"
        for code, rate, quant in items)
    d = date.fromisoformat(day)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rates><generator>NBRK</generator>'
            f"<title>Official exchange rates</title><link>https://nationalbank.kz</link>"
            f"<date>{d:%d.%m.%Y}</date>{body}</rates>")


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """The example's NBK rates as one daily file per day, AMD quoted per 100 on one day, and
    a day without a fixing (an empty ``<rates/>``)."""
    folder = tmp_path / "nbk"
    folder.mkdir()
    by_day = defaultdict(list)
    for row in example_nbk():
        by_day[row["date"]].append((row["currency"], row["rate"], row["quant"]))
    first = min(by_day)
    by_day[first].append(("AMD", "116.52", "100"))
    for day, items in by_day.items():
        (folder / f"{day}.xml").write_text(day_xml(day, items), "utf-8")
    (folder / "2022-12-03.xml").write_text("<rates/>", "utf-8")  # a Saturday: no fixing
    return folder


def rates_rows(folder: Path) -> list[tuple[str, ...]]:
    with (folder / "budget" / "fx_rates.csv").open(encoding="utf-8-sig") as fh:
        return [(r["date"], r["currency"], r["rate"], r["quant"] or "1", r["source"])
                for r in csv.DictReader(fh)]


@pytest.mark.slow
def test_a_folder_of_daily_answers_gives_exactly_the_examples_rates(data_dir, answers):
    data = DataDir(data_dir)
    result = import_nbk(data, [answers], currencies={"USD"})
    assert result.problems == [] and result.conflicts == []
    assert result.empty_days == [date(2022, 12, 3)]
    assert result.skipped_currencies == ["AMD"]  # the data use no AMD
    expected = [(r["date"], r["currency"], r["rate"], r["quant"], "NBK") for r in example_nbk()]
    assert sorted(rates_rows(data_dir)) == sorted(expected)
    again = import_nbk(data, [answers], currencies={"USD"})  # a second import adds nothing
    assert len(again.added) == 0 and again.already == len(expected)
    every = import_nbk(data, [answers])  # every currency: AMD per 100 is kept as such
    assert list(zip(every.added["currency"], every.added["quant"], strict=True)) == [
        ("AMD", 100)]
    assert ("2022-12-01", "AMD", "116.52", "100", "NBK") in rates_rows(data_dir)


def test_a_disagreeing_rate_is_a_problem_naming_both_never_an_overwrite(data_dir, answers):
    data = DataDir(data_dir)
    write_files(data_dir, {"budget/fx_rates.csv": "date,currency,rate,quant,source\n"
                                                  "2022-12-01,USD,450.00,1,NBK\n"})
    before = (data_dir / "budget" / "fx_rates.csv").read_bytes()
    day = answers / "2022-12-01.xml"
    day.write_text(day_xml("2022-12-01", [("USD", "453.81", "1")]), "utf-8")
    result = import_nbk(data, [day], currencies={"USD"})
    [conflict] = result.conflicts
    assert "453.81" in conflict.message and "450.00" in conflict.message
    assert conflict.file.endswith("2022-12-01.xml")
    assert (data_dir / "budget" / "fx_rates.csv").read_bytes() == before


def test_the_all_rates_file_and_bad_answers(tmp_path):
    (tmp_path / "rates_all.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>NBK</title>'
        "<item><title>USD</title><pubDate>01.08.26</pubDate><description>473.59</description>"
        "<quant>1</quant></item><item><title>KRW</title><pubDate>01.08.26</pubDate>"
        "<description>3.37</description><quant>10</quant></item></channel></rss>", "utf-8")
    (tmp_path / "bad.xml").write_text(day_xml("2026-08-02", [("usd1", "x", "0")]), "utf-8")
    (tmp_path / "bomb.xml").write_text('<!DOCTYPE r [<!ENTITY a "aaaa">]><rates>&a;</rates>',
                                       "utf-8")
    (tmp_path / "notxml.xml").write_text("<rates><item>", "utf-8")
    read, problems = read_nbk([tmp_path])
    assert read.rates[["date", "currency", "rate_e4", "quant"]].values.tolist() == [
        [date(2026, 8, 1), "USD", 4735900, 1], [date(2026, 8, 1), "KRW", 33700, 10]]
    assert sorted(p.key for p in problems) == ["nbk.bad_code", "nbk.doctype", "nbk.not_xml"]


@pytest.mark.slow
def test_the_command_on_the_example_adds_nothing_and_a_dry_run_writes_nothing(
        tmp_path, answers, capsys):
    import shutil

    folder = tmp_path / "example"
    shutil.copytree(DEFAULT_DATA_DIR, folder, ignore=shutil.ignore_patterns(".mics-cache"))
    before = (folder / "budget" / "fx_rates.csv").read_bytes()
    assert main(["import", "nbk", str(answers), "--data", str(folder), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Было бы добавлено курсов: 0" in out and "уже в файле: 805" in out
    assert "AMD" in out  # skipped: the example uses no AMD
    assert main(["import", "nbk", str(answers), "--all", "--data", str(folder)]) == 0
    assert "Добавлено курсов: 1 (AMD)" in capsys.readouterr().out
    assert (folder / "budget" / "fx_rates.csv").read_bytes().startswith(before)


# --- fetching from a local replay server ---------------------------------------------------


class Bank:
    """Answers ``/rss/get_rates.cfm?fdate=DD.MM.YYYY`` from ``days``; ``fail`` and
    ``slow`` name days answered once with a 500 or too late before the real answer."""

    def __init__(self, days: dict[str, str]):
        self.days, self.fail, self.slow, self.log = days, set(), set(), []
        bank = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                query = parse_qs(urlsplit(self.path).query).get("fdate", [""])[0]
                bank.log.append(query)
                if query in bank.fail:
                    bank.fail.discard(query)
                    return self._send(500, b"error")
                if query in bank.slow:
                    bank.slow.discard(query)
                    time.sleep(0.6)
                body = bank.days.get(query, "<rates/>").encode()
                self._send(200, body)

            def _send(self, status, body):
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bank():
    days = {f"{d:02d}.08.2026": day_xml(f"2026-08-{d:02d}", [("USD", f"47{d}.5", "1")])
            for d in (3, 4, 5)}
    server = Bank(days)
    yield server
    server.close()


@pytest.mark.slow
def test_fetch_saves_each_day_retries_a_500_and_a_timeout_and_resumes(data_dir, bank):
    data = DataDir(data_dir)
    bank.fail.add("04.08.2026")
    bank.slow.add("05.08.2026")
    result = fetch_nbk(data, date(2026, 8, 2), date(2026, 8, 5), bank.url, timeout=0.3,
                       retries=2, backoff=0.01)
    assert (result.fetched, result.skipped) == (4, 0)
    saved = sorted(p.name for p in result.folder.iterdir())
    assert saved == ["2026-08-02.xml", "2026-08-03.xml", "2026-08-04.xml", "2026-08-05.xml"]
    assert (result.folder / "2026-08-02.xml").read_text() == "<rates/>"  # an empty day
    assert bank.log.count("04.08.2026") == 2 and bank.log.count("05.08.2026") == 2
    imported = import_nbk(data, [result.folder], currencies={"USD"})
    assert imported.empty_days == [date(2026, 8, 2)] and len(imported.added) == 3
    bank.log.clear()  # the same range again: nothing is downloaded
    again = fetch_nbk(data, date(2026, 8, 2), date(2026, 8, 6), bank.url, retries=0)
    assert bank.log == ["06.08.2026"] and again.skipped == 4


@pytest.mark.slow
def test_a_fetch_that_fails_keeps_what_it_saved_and_says_so(data_dir, bank):
    data = DataDir(data_dir)
    bank.fail.update({"04.08.2026"})
    with pytest.raises(UserError) as failed:
        fetch_nbk(data, date(2026, 8, 3), date(2026, 8, 5), bank.url, retries=0)
    assert failed.value.key == "nbk.http_error" and "500" in str(failed.value)
    folder = data_dir / "budget" / "nbk"
    assert [p.name for p in folder.iterdir()] == ["2026-08-03.xml"]
    bank.log.clear()
    result = fetch_nbk(data, date(2026, 8, 3), date(2026, 8, 5), bank.url, retries=0)
    assert bank.log == ["04.08.2026", "05.08.2026"] and result.skipped == 1


def test_the_fetch_command(data_dir, bank, capsys):
    write_files(data_dir, {"budget/payments.csv":
                           "id,date,activity,source,amount,currency\n"
                           "P1,2026-08-04,7.1,UNICEF,100,USD\n"})
    assert main(["import", "nbk", "--fetch", "--from", "2026-08-03", "--to", "2026-08-05",
                 "--url", bank.url, "--data", str(data_dir)]) == 0
    captured = capsys.readouterr()
    assert "скачано дней: 3" in captured.err and "Добавлено курсов: 3 (USD)" in captured.out


def test_the_example_file_in_the_docs_reads():
    read, problems = read_nbk([Path(__file__).parents[1] / "docs" / "examples"
                               / "nbk_2025-06-30.xml"])
    assert problems == []
    assert dict(zip(read.rates["currency"], read.rates["quant"], strict=True)) == {
        "USD": 1, "EUR": 1, "AMD": 10, "UZS": 100}


def test_the_un_operational_rate_of_the_dollar_in_tenge(data_dir, capsys):
    """UNORE: the KZT row of the published table is the dollar's rate in tenge, monthly."""
    from mics_budget.ledger.unore import import_unore

    example = Path(__file__).parents[1] / "docs" / "examples" / "unore_2025-07.csv"
    result = import_unore(DataDir(data_dir), [example])
    assert result.problems == [] and result.conflicts == []
    assert ("2025-07-01", "USD", "512.40", "1", "UNORE") in rates_rows(data_dir)
    assert len(import_unore(DataDir(data_dir), [example]).added) == 0  # nothing twice
    assert main(["import", "unore", str(example), "--data", str(data_dir)]) == 0
    assert "уже в файле: 1" in capsys.readouterr().out


@pytest.mark.parametrize("url", ["http://host:99999", "ftp://host", "https://", "http://a b"])
def test_a_bad_bank_address_is_said_never_a_traceback(data_dir, url):
    """The address is checked as the portal's is (core.http.base_url): a bad port once
    ended in a ValueError traceback."""
    with pytest.raises(UserError) as failed:
        fetch_nbk(DataDir(data_dir), date(2026, 8, 2), date(2026, 8, 3), url)
    assert failed.value.key == "nbk.bad_url"
