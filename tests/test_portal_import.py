"""``mics-budget import goszakup`` (:mod:`mics_budget.portal.importer`): the register fills itself
from saved portal answers; a second import adds nothing; contradictions are listed and never
applied; a dry run writes nothing; a lot's life imported equals the same life recorded by hand.

Fixtures: ``tests/data/goszakup/`` (its README lists what each register lot goes through).
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from mics_budget import load
from mics_budget.cli.cli import main
from mics_budget.config import DataDir
from mics_budget.portal.importer import import_goszakup
from mics_budget.procurement.flags import red_flags
from mics_budget.procurement.ocds import release_package
from mics_budget.procurement.recording import RecordError, record_event
from mics_budget.procurement.status import register
from tests.conftest import write_files
from tests.goszakup import CUSTOMER, DATA, LOTS_URL, TOKEN, fake_portal

TODAY = date(2024, 1, 31)
AS_OF = date(2023, 12, 31)
GOOD = [DATA / "rest", DATA / "graphql", DATA / "lists"]  # without the broken files of bad/
LOTS_HEADER = ("lot,activity,title,method,estimate,currency,specifics,planned_announce,"
               "needed_by,law,recorded_by,recorded_at,portal_number,portal_lot\n")
LOTS = LOTS_HEADER + (
    "LOT-A,7.1,Форма,open_tender,9800000,KZT,143,2023-05-15,2023-07-25,434-V,,,15550001-1,"
    "90000001-ОК1\n"
    "LOT-B,7.3,Аптечки,price_quotations,2400000,KZT,142,,,434-V,,,15550002-1,\n"
    "LOT-C,7.2,Маски,auction,6000000,KZT,149,,,434-V,,,15550004-1,90000003-АУК1\n"
    "LOT-D,9.2,Перевод,price_quotations,4200000,KZT,159,,,434-V,,,15550005-1,\n"
    "LOT-E,7.2,Прочее,e_shop,900000,KZT,149,,,434-V,,,15550006-1,\n"
    "LOT-F,7.2,Не связан,open_tender,100000,KZT,149,,,434-V,,,,\n")
BUDGET = ("year,activity,source,specifics,phase,amount,currency,date,document,note\n"
          "2023,7.1,RB,143,approved,10000000,KZT,2023-03-01,,\n"
          "2023,7.2,RB,149,approved,8000000,KZT,2023-03-01,,\n"
          "2023,7.3,RB,142,approved,3000000,KZT,2023-03-01,,\n"
          "2023,9.2,RB,159,approved,5000000,KZT,2023-03-01,,\n")


@pytest.fixture
def folder(data_dir: Path) -> Path:
    return write_files(data_dir, {"procurement/lots.csv": LOTS, "budget/budget.csv": BUDGET})


def run(folder: Path, paths=None, **kwargs):
    kwargs.setdefault("customer_bin", CUSTOMER)
    return import_goszakup(DataDir(folder), paths or GOOD, today=TODAY, by="Импорт", **kwargs)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.mark.slow  # a whole import, or more, over half a second
def test_the_register_fills_itself_with_provenance(folder):
    result = run(folder)
    assert result.totals() == {"events": 22, "payments": 3, "ignored": 9, "already": 0,
                               "conflicts": 0, "held": 0, "problems": 3}  # + amount w/o VAT
    project = load(folder)
    assert [p for p in project.problems if p.file.startswith("procurement")] == []
    events = project.events.set_index("event_id")
    lot_a = events.loc[events["lot"] == "LOT-A"]
    assert lot_a["status"].tolist() == ["announced", "evaluation", "awarded", "contracted",
                                        "amended", "delivered", "paid"]
    assert lot_a.index.tolist() == [f"LOT-A-{n}" for n in range(1, 8)]  # as `record` names
    assert lot_a.loc["LOT-A-4", "portal_id"] == "goszakup:contract:35550001"
    assert lot_a.loc["LOT-A-4", "amount_minor"] == 952000000
    assert set(events["recorded_by"]) == {"Импорт"}
    assert all(p.startswith("goszakup:") for p in events["portal_id"])
    states = register(project, AS_OF).set_index("lot")["stage"].to_dict()
    assert states == {"LOT-A": "paid", "LOT-B": "contracted", "LOT-C": "cancelled",
                      "LOT-D": "terminated", "LOT-E": "announced", "LOT-F": ""}
    payments = project.payments.set_index("id")
    assert payments.loc["GZ-55550001", ["activity", "source", "specifics", "contract"]
                        ].tolist() == ["7.1", "RB", "143", "LOT-A"]
    assert payments.loc["GZ-55550001", "amount_minor"] == 500000000
    assert payments.loc["GZ-EGZ-000003/01-001-2023-07-01", "specifics"] == "142"
    # the unknown method (99) and lot status (999) of LOT-E: problems, not a crash
    assert sorted(p.key for p in result.problems) == ["portal.amount_without_vat",
                                                      "portal.unknown_method",
                                                      "portal.unknown_status"]
    lots = result.lots().set_index("lot")
    assert lots.loc["LOT-A", ["events", "payments", "paid"]].tolist() == [7, 2, 9_700_000.0]
    assert result.written == ["procurement/events.csv", "budget/payments.csv",
                              "procurement/portal/facts.json", "procurement/portal/rnu.json"]


@pytest.mark.slow  # about a second: two imports, or a whole data folder
def test_a_second_import_adds_nothing(folder):
    run(folder)
    before = snapshot(folder)
    again = run(folder)
    assert (len(again.events), len(again.payments), len(again.conflicts)) == (0, 0, 0)
    assert len(again.already) == 25  # 22 steps and 3 payments
    assert snapshot(folder) == before


@pytest.mark.slow  # imports twice or more: over half a second
def test_steps_typed_by_hand_are_not_imported_twice(folder):
    data = DataDir(folder)
    record_event(data, "LOT-A", "announced", date(2023, 5, 15), today=TODAY)
    record_event(data, "LOT-A", "evaluation", date(2023, 6, 1), bids="3", today=TODAY)
    result = run(folder)
    assert result.lots().set_index("lot").loc["LOT-A", ["events", "already"]].tolist() == [
        5, 2]
    assert result.conflicts == []
    assert load(folder).events.query("lot == 'LOT-A'")["status"].tolist() == [
        "announced", "evaluation", "awarded", "contracted", "amended", "delivered", "paid"]


@pytest.mark.slow  # imports twice or more: over half a second
def test_contradictions_are_listed_and_never_applied(folder):
    data = DataDir(folder)
    # LOT-A: announced by hand on another day; LOT-C: a step after the portal's cancellation
    record_event(data, "LOT-A", "announced", date(2023, 5, 16), today=TODAY)
    record_event(data, "LOT-C", "announced", date(2023, 5, 20), today=TODAY)
    record_event(data, "LOT-C", "evaluation", date(2023, 5, 31), today=TODAY)
    write_files(folder, {"budget/payments.csv": (
        "id,date,activity,source,specifics,amount,currency,payee,document,contract,refund_of,"
        "note\nGZ-55550002,2023-07-28,7.1,RB,143,4000000,KZT,,,LOT-A,,\n")})
    events_before = (folder / "procurement" / "events.csv").read_bytes()
    result = run(folder)
    found = {(c.key, c.params["lot"]): c for c in result.conflicts}
    assert set(found) == {("portal.conflict", "LOT-A"), ("portal.refused", "LOT-C"),
                          ("portal.payment_conflict", "LOT-A")}
    date_conflict = found["portal.conflict", "LOT-A"]
    assert (date_conflict.file, date_conflict.row, date_conflict.column) == (
        (DATA / "rest" / "trd_buy_page.json").as_posix(), 1, "date")
    assert "trd_buy:15550001:announced" in date_conflict.message
    assert "LOT-A-1" in date_conflict.message and "15.05.2023" in date_conflict.message
    late = found["portal.refused", "LOT-C"]
    assert "раньше последнего события лота" in late.message and late.column == "date"
    money = found["portal.payment_conflict", "LOT-A"]
    assert money.column == "amount" and "4000000.00" in money.message
    assert result.held == {"LOT-A": 6, "LOT-C": 0}
    # nothing of LOT-A or LOT-C was written; the other lots were imported
    written = (folder / "procurement" / "events.csv").read_bytes()
    assert written.startswith(events_before)
    added = result.events
    assert set(added["lot"]) == {"LOT-B", "LOT-D", "LOT-E"}
    assert b"LOT-A" not in written[len(events_before):]
    paid = load(folder).payments.set_index("id")
    assert paid.loc["GZ-55550002", "amount_minor"] == 400000000  # left as it was
    assert "GZ-55550001" in paid.index  # the payment that contradicts nothing is added
    assert result.has_errors


@pytest.mark.slow  # a whole import, or more, over half a second
def test_a_dry_run_writes_nothing(folder):
    before = snapshot(folder)
    result = run(folder, dry_run=True)
    assert len(result.events) == 22 and len(result.payments) == 3 and result.written == []
    assert snapshot(folder) == before  # not even a lock file
    assert run(folder).totals()["events"] == 22  # the real run adds what it showed


def test_an_old_register_asks_for_the_upgrade_and_writes_nothing(folder):
    write_files(folder, {"procurement/events.csv": "lot,date,status,amount,bids,supplier,"
                                                   "supplier_bin,document,note\n"})
    before = snapshot(folder)
    with pytest.raises(RecordError, match="procurement upgrade"):
        run(folder)
    assert snapshot(folder) == before


def test_records_of_other_customers_are_ignored_and_the_customer_guessed(folder):
    result = run(folder, customer_bin="")
    assert result.customer_bin == CUSTOMER  # the one customer of the linked records
    counts = result.ignored.groupby("reason")["records"].sum()
    assert counts["other_customer"] == 5
    with pytest.raises(Exception, match="12 цифр"):
        run(folder, customer_bin="12345")


@pytest.mark.slow  # about a second: two imports, or a whole data folder
def test_portal_facts_beside_the_register(folder):
    run(folder)
    facts = json.loads((folder / "procurement" / "portal" / "facts.json").read_text("utf-8"))
    assert facts["treasury"][0] == {"lot": "LOT-A", "contract_id": "35550001",
                                    "dt_reg": "2023-06-22"}
    assert facts["penalties"] == [{"lot": "LOT-A", "act_id": "45550001",
                                   "contract_id": "35550002", "date": "2023-07-12",
                                   "sum_fine": "48500.00", "day_overdue": 5}]
    project = load(folder)
    assert project.portal.unreliable["supplier_bin"].tolist() == ["990140000003"]
    (folder / "procurement" / "portal" / "facts.json").write_text("{", "utf-8")
    broken = load(folder)  # a damaged file is a problem of the folder, never an exception
    assert [p.key for p in broken.problems if p.file.startswith("procurement/portal")] == [
        "portal.bad_facts"]
    assert broken.portal.penalties.empty


# --- the same life, imported and recorded by hand --------------------------------------------

HAND = [  # LOT-A's life as ДАР types it from the portal's pages
    ("announced", "2023-05-15", ["--document", "15550001-1"]),
    ("evaluation", "2023-06-01", ["--bids", "3"]),
    ("awarded", "2023-06-08", ["--bids", "3", "--supplier", "ТОО «Пример»",
                               "--bin", "990140000001", "--document", "15550001-1"]),
    ("contracted", "2023-06-20", ["--amount", "9520000", "--supplier", "ТОО «Пример»",
                                  "--bin", "990140000001",
                                  "--document", "990140000010/230001/00"]),
    ("amended", "2023-07-05", ["--amount", "9 700 000,00",
                               "--document", "990140000010/230001/01"]),
    ("delivered", "2023-07-12", ["--document", "A-0001/00/2"]),
    ("paid", "2023-07-28", ["--document", "700002"]),
]
HAND_PAYMENTS = (
    "id,date,activity,source,specifics,amount,currency,payee,document,contract,refund_of,note\n"
    "GZ-55550001,2023-07-20,7.1,RB,143,5000000.00,KZT,ТОО «Пример»,700001,LOT-A,,\n"
    "GZ-55550002,2023-07-28,7.1,RB,143,4700000.00,KZT,ТОО «Пример»,700002,LOT-A,,\n")


@pytest.mark.slow  # about a second: two imports, or a whole data folder
def test_a_lot_life_imported_equals_the_same_life_recorded_by_hand(tmp_path, data_dir, capsys):
    lots = LOTS_HEADER + LOTS.splitlines()[1] + "\n"
    imported = write_files(data_dir, {"procurement/lots.csv": lots, "budget/budget.csv": BUDGET})
    hand = tmp_path / "hand"
    shutil.copytree(imported, hand)
    assert run(imported).totals()["events"] == 7
    # the payments are booked first: «оплачено» with nothing paid would need confirming
    write_files(hand, {"budget/payments.csv": HAND_PAYMENTS})
    for status, day, options in HAND:
        assert main(["procurement", "record", "LOT-A", status, "--date", day, "--data",
                     str(hand), "--by", "Иванова", *options]) == 0
    capsys.readouterr()
    by_import, by_hand = load(imported), load(hand)
    assert by_hand.problems == by_import.problems == []
    pd_testing = pytest.importorskip("pandas.testing")
    pd_testing.assert_frame_equal(register(by_import, AS_OF), register(by_hand, AS_OF))
    pd_testing.assert_frame_equal(by_import.spending(AS_OF), by_hand.spending(AS_OF))
    pd_testing.assert_frame_equal(by_import.spending(AS_OF, by=["activity", "specifics"]),
                                  by_hand.spending(AS_OF, by=["activity", "specifics"]))
    published = datetime(2024, 1, 31, 12, 0)
    imported = release_package(by_import, AS_OF, published=published)
    # the imported lot also knows its announcement's page on the portal (provenance); the
    # rest of the package is the same as the one recorded by hand
    notices = [r["tender"].pop("documents") for r in imported["releases"]
               if "documents" in r["tender"]]
    assert notices and all(n[0]["url"].startswith("https://goszakup.gov.kz/ru/announce/index/")
                           for n in notices)
    assert imported == release_package(by_hand, AS_OF, published=published)
    flags = red_flags(by_import, AS_OF)
    # the acceptance act's penalty is known from the portal only (procurement/portal/)
    assert [f for f in flags if f.code != "act_penalty"] == red_flags(by_hand, AS_OF)
    assert [(f.lot, f.code) for f in flags if f.code == "act_penalty"] == [
        ("LOT-A", "act_penalty")]


# --- the command line ----------------------------------------------------------------------


@pytest.mark.slow  # about a second: two imports, or a whole data folder
def test_the_command_prints_a_summary_in_russian_by_default(folder, capsys):
    assert main(["import", "goszakup", *map(str, GOOD), "--data", str(folder), "--bin",
                 CUSTOMER, "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "Пробный запуск: ничего не записано" in out
    assert "LOT-A" in out and "определён победитель" in out
    assert "Было бы добавлено: событий 22, платежей 3" in out
    assert "код способа закупки 99" in err  # problems: one line each, file and record
    assert not (folder / "procurement" / "events.csv").exists()
    assert main(["import", "goszakup", *map(str, GOOD), "--data", str(folder), "--bin",
                 CUSTOMER, "--lang", "kk"]) == 0
    out, _ = capsys.readouterr()
    assert "Барлығы: қосылған оқиғалар 22, төлемдер 3" in out
    assert main(["import", "goszakup", *map(str, GOOD), "--data", str(folder), "--format",
                 "json", "--lang", "en"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["events"] == 0 and report["totals"]["already"] == 25
    assert report["customer_bin"] == CUSTOMER
    assert {p["key"] for p in report["problems"]} == {"portal.amount_without_vat",
                                                      "portal.unknown_method",
                                                      "portal.unknown_status"}
    assert any("procurement method code 99" in p["message"] for p in report["problems"])


@pytest.mark.slow  # a whole import, or more, over half a second
def test_exit_codes(folder, capsys, monkeypatch):
    base = ["import", "goszakup", "--data", str(folder)]
    assert main([*base, str(DATA)]) == 1  # the broken files of bad/: problems listed
    err = capsys.readouterr().err
    assert "not_json.json: файл не является JSON" in err
    for args, message in [([], "укажите файлы или папки"),
                          ([str(folder / "nowhere")], "путь не найден"),
                          (["--fetch", str(DATA)], "не указывайте файлы"),
                          (["--fetch"], "нужен --bin"),
                          (["--bin", "12345", str(DATA)], "12 цифр")]:
        assert main([*base, *args]) == 2, args
        assert message in capsys.readouterr().err
    monkeypatch.delenv("GOSZAKUP_TOKEN", raising=False)
    assert main([*base, "--fetch", "--bin", CUSTOMER]) == 2
    assert "GOSZAKUP_TOKEN" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:  # a token is never typed on the command line
        main([*base, "--fetch", "--bin", CUSTOMER, "--token", "tok-123"])
    assert refused.value.code == 2
    assert "--token" in capsys.readouterr().err  # not taken for --token-file


@pytest.mark.slow
def test_fetch_saves_every_answer_then_imports_and_resumes(data_dir, tmp_path, capsys,
                                                          monkeypatch):
    folder = write_files(data_dir, {"procurement/lots.csv": LOTS_HEADER
                                    + "F1,7.2,Маски,auction,100000,KZT,149,,,434-V,,,101-1,\n"})
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    monkeypatch.delenv("GOSZAKUP_TOKEN", raising=False)
    with fake_portal() as fake:
        base = ["import", "goszakup", "--fetch", "--bin", CUSTOMER, "--url", fake.base_url,
                "--data", str(folder)]
        # exit 1: the lot's status says results were held (360, in the lots page) but no
        # answer dates them: named gaps (evaluation, awarded), the announcement still added
        assert main([*base, "--token-file", str(token_file)]) == 1
        out, err = capsys.readouterr()
        assert "для этапа «определён победитель» нет даты" in err
        saved = folder / "procurement" / "portal" / date.today().isoformat()
        assert "загружено страниц: 11, уже было сохранено: 0" in err and str(saved) in err
        assert (saved / "lots" / "0003.json").read_bytes() == fake.pages[
            f"{LOTS_URL}?page=next&search_after=2"]  # saved as received, before the import
        events = load(folder).events
        assert events[["lot", "date", "status", "portal_id"]].astype(str).values.tolist() == [
            ["F1", "2023-05-01", "announced", "goszakup:trd_buy:101:announced"]]
        assert "событий добавлено 1" in out
        fake.log.clear()  # the same day again: everything is saved, nothing is fetched
        assert main([*base, "--token-file", str(token_file)]) == 1
        out, err = capsys.readouterr()
        assert fake.log == [] and "уже было сохранено: 11" in err
        assert "событий добавлено 0" in out and "уже в реестре 1" in out
        before = snapshot(folder)
        monkeypatch.setenv("GOSZAKUP_TOKEN", TOKEN)  # from the environment; a dry run
        assert main([*base, "--since", "2023-01-01", "--dry-run"]) == 1
        assert snapshot(folder) == before  # the answers went to a scratch folder
        monkeypatch.setenv("GOSZAKUP_TOKEN", "tok-Wrong-1")
        assert main([*base, "--since", "2023-02-01"]) == 2
        out, err = capsys.readouterr()
        assert "404 «Invalid Route»" in err and "токен неверен или истёк" in err
        assert "tok-Wrong-1" not in out + err
        assert set(fake.auth) == {f"Bearer {TOKEN}", "Bearer tok-Wrong-1"}
    assert load(folder).events["status"].tolist() == ["announced"]
    for path in folder.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


@pytest.mark.slow  # about a second: two imports, or a whole data folder
def test_a_windows_1251_register_gets_its_own_style_or_nothing(folder, tmp_path):
    header = ("lot;date;status;amount;bids;supplier;supplier_bin;document;note;recorded_by;"
              "recorded_at;event_id;voids;portal_id\r\n"
              "LOT-F;2023-05-01;announced;;;;;Док. 1;;Иванова;;LOT-F-1;;\r\n")
    events = folder / "procurement" / "events.csv"
    events.write_bytes(header.encode("cp1251"))
    kazakh = tmp_path / "portal"
    shutil.copytree(DATA / "rest", kazakh / "rest")
    payments = kazakh / "rest" / "treasury_pay.json"  # where the supplier's name comes from
    payments.write_text(payments.read_text("utf-8").replace("ТОО «Пример»", "ТОО «Қазақ»"),
                        "utf-8")
    before = snapshot(folder)
    with pytest.raises(RecordError, match=r"«Қ».*mics-budget to-utf8"):
        run(folder, [kazakh])
    after = {k: v for k, v in snapshot(folder).items() if not k.endswith(".lock")}
    assert after == before  # refused whole, not cut in the middle
    run(folder, [DATA / "rest"])
    text = events.read_bytes().decode("cp1251")
    assert ";contracted;9520000,00;;ТОО «Пример»;990140000001;" in text
    assert text.count("\r\n") == len(text.splitlines())
    assert load(folder).events["status"].tolist()[:3] == ["announced", "announced",
                                                          "evaluation"]


@pytest.mark.slow  # a whole import, or more, over half a second
def test_hostile_portal_values_are_refused_one_by_one(data_dir, tmp_path):
    folder = write_files(data_dir, {"procurement/lots.csv": LOTS_HEADER
                                    + "LOT-X,7.2,Маски,price_quotations,500,KZT,149,,,434-V,,,"
                                      "900-1,\n", "budget/budget.csv": BUDGET})
    files = write_files(tmp_path / "portal", {  # bare lists, camelCase, as copied by hand
        "anns.json": json.dumps([{
            "id": 1, "numberAnno": "900-1", "publishDate": "2023-05-01 10:00:00",
            "endDate": "2023-05-12 10:00:00", "itogiDatePublic": "2023-05-15 10:00:00",
            "refBuyStatusId": 350, "customerBin": CUSTOMER, "refTradeMethodsId": 3}]),
        "lots.json": json.dumps([{"id": 11, "lotNumber": "900-L1", "trdBuyId": 1,
                                  "refLotStatusId": 360, "customerBin": CUSTOMER}]),
        "contracts.json": json.dumps([{
            "id": 21, "trdBuyId": 1, "signDate": "2099-01-01 10:00:00", "contractSum": 100,
            "supplierBiin": "990140000001", "Supplier": {"nameRu": "ТОО А"},
            "customerBin": CUSTOMER, "refContractStatusId": 190}]),
        "pay.json": json.dumps([
            {"id": 31, "contractId": 21, "payAmount": "20000000000000.00",
             "payDate": "2023-06-01 10:00:00", "espk": "000149"},
            {"id": 32, "contractId": 21, "payAmount": 10, "payDate": "2023-06-02 10:00:00",
             "supplier": "ТОО \u0001", "espk": "000149"}])})
    result = run(folder, [files])
    assert result.events["status"].tolist() == ["announced", "evaluation", "awarded"]
    refused = {(c.key, c.column) for c in result.conflicts}
    assert refused == {("portal.refused", "date"), ("portal.payment_refused", "amount"),
                       ("portal.payment_refused", "payee")}
    future = next(c for c in result.conflicts if c.key == "portal.refused")
    assert "ещё не наступила" in future.message and future.file.endswith("contracts.json")
    assert result.payments.empty and result.held == {"LOT-X": 0}
    assert load(folder).problems == []  # nothing the loader would refuse was written


@pytest.mark.slow  # imports twice or more: over half a second
def test_a_conflict_stays_visible_until_resolved_and_then_the_portal_is_taken(folder):
    """The contradiction is kept beside the register (facts.json) and shown as an alert
    (typed value vs portal value, what to do) until the typed entry is voided; the next
    import then adds the portal's step."""
    from mics_budget.procurement.alerts import alerts
    from mics_budget.procurement.recording import void_event

    data = DataDir(folder)
    record_event(data, "LOT-A", "announced", date(2023, 5, 16), today=TODAY)
    run(folder)
    project = load(folder)
    assert project.portal.conflicts[["lot", "event_id", "status", "column"]].to_dict(
        "records") == [{"lot": "LOT-A", "event_id": "LOT-A-1", "status": "announced",
                        "column": "date"}]
    [alert] = [a for a in alerts(project, TODAY) if a.code == "portal_conflict"]
    assert alert.lot == "LOT-A"
    assert "16.05.2023" in alert.detail and "15.05.2023" in alert.detail
    assert "LOT-A-1" in alert.detail and "аннулирует" in alert.detail
    void_event(data, "LOT-A-1", "дата с портала", today=TODAY)
    assert not [a for a in alerts(load(folder), TODAY) if a.code == "portal_conflict"]
    result = run(folder)
    assert result.conflicts == []
    lot_a = load(folder).events.query("lot == 'LOT-A' and valid and not voided")
    assert lot_a["status"].tolist()[:2] == ["announced", "evaluation"]
    assert lot_a["date"].iloc[0] == pd.Timestamp("2023-05-15")
    assert load(folder).portal.conflicts.empty  # the lot's conflicts were replaced


@pytest.mark.slow  # a register app and two imports: over 2 s
def test_an_admin_takes_the_portals_side_from_the_lot_card(folder):
    """The register app's lot card shows the conflict and where each entry came from; an
    admin's «Принять данные портала» voids the typed entry and imports the answers saved
    beside the register, so the lot gets the portal's step."""
    from mics_budget.web.register_app import RegisterApp
    from mics_budget.web.users import User

    saved = folder / "procurement" / "portal" / "2024-01-31"
    for source in GOOD:
        shutil.copytree(source, saved / source.name)
    data = DataDir(folder)
    record_event(data, "LOT-A", "announced", date(2023, 5, 16), today=TODAY, by="Айгуль")
    run(folder, [saved])
    app = RegisterApp(data, today=TODAY, user=User("boss", "admin"))
    app.card.lot.value = "LOT-A"
    assert "16.05.2023" in app.card.conflicts.value and "LOT-A-1" in app.card.conflicts.value
    assert app.card.resolve.layout.display == "flex"
    assert "расхождение: date" in app.view.table.value  # the register table shows it too
    viewer = RegisterApp(data, today=TODAY, user=User("guest", "viewer"))
    viewer._on_take_portal("LOT-A")  # whatever the browser sends: not an admin
    assert "LOT-A-1" in set(load(folder).events.query("valid and not voided")["event_id"])
    app.card.take_portal.click()
    assert "добавлено этапов 7" in app.card.take_message.value
    assert app.card.conflicts.value == "" and app.card.resolve.layout.display == "none"
    assert "расхождение" not in app.view.table.value
    events = load(folder).events.query("lot == 'LOT-A'")
    voided = events.set_index("event_id").loc["LOT-A-1"]
    assert bool(voided["voided"])
    standing = events.loc[events["valid"] & ~events["voided"].astype(bool)
                          & (events["status"] != "void")]
    assert standing["status"].tolist() == ["announced", "evaluation", "awarded", "contracted",
                                           "amended", "delivered", "paid"]
    # provenance in the card: the portal's entries link to their pages, the typed one does not
    timeline = app.card.body.value
    assert 'href="https://goszakup.gov.kz/ru/announce/index/15550001"' in timeline
    assert 'href="https://goszakup.gov.kz/ru/egzcontract/cpublic/show/35550001"' in timeline
    assert "вручную" in timeline


def test_the_summary_of_a_dry_run_says_what_would_be_added_and_numbers_the_problems(
        folder, capsys):
    code = main(["import", "goszakup", *map(str, GOOD), str(DATA / "bad"), "--dry-run",
                 "--bin", CUSTOMER, "--data", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1  # some records were not understood (docs/goszakup.md: exit status)
    assert "Было бы добавлено: событий 22, платежей 3" in out
    lines = [line for line in err.splitlines() if line]
    assert lines and [line.split(". ", 1)[0] for line in lines] == [
        str(n) for n in range(1, len(lines) + 1)]


@pytest.mark.slow  # imports twice or more: over half a second
def test_the_ocds_of_an_imported_lot_names_the_announcement_and_its_page(folder):
    from mics_budget.procurement.ocds import release_package, validate

    run(folder)
    package = release_package(load(folder), TODAY)
    assert validate(package) == []
    release = next(r for r in package["releases"] if r["ocid"].endswith("LOT-A"))
    assert release["tender"]["id"] == "15550001-1"
    [notice] = release["tender"]["documents"]
    assert notice["url"] == "https://goszakup.gov.kz/ru/announce/index/15550001"
    assert notice["documentType"] == "tenderNotice"


@pytest.mark.slow
def test_a_conflict_is_seen_and_resolved_in_chromium(folder, browser):
    """The register app as ДАР sees it: the conflict in the table, the attention panel and
    the lot card, where each entry came from (typed, or the portal with a link); the admin
    takes the portal's data with one button."""
    from tests.test_dashboard import Server

    saved = folder / "procurement" / "portal" / "2024-01-31"
    for source in GOOD:
        shutil.copytree(source, saved / source.name)
    record_event(DataDir(folder), "LOT-A", "announced", date(2023, 5, 16), today=TODAY,
                 by="Айгуль")
    run(folder, [saved])
    server = Server(folder, register=True)
    server.wait()
    try:
        page, blocked = browser
        page.goto(server.url)
        page.wait_for_selector(".mics-register-view table", timeout=90_000)
        assert "расхождение: date" in page.locator(".mics-register-view table").inner_text()
        assert "Расхождение с порталом" in page.locator(".mics-attention").inner_text()
        page.get_by_role("tab", name="Карточка лота").click()
        card = page.locator(".mics-lot-card select").first
        card.select_option(label=next(o for o in card.locator("option").all_inner_texts()
                                      if o.startswith("LOT-A")))
        page.wait_for_selector(".mics-lot-card .mics-error >> text=LOT-A-1", timeout=30_000)
        page.wait_for_selector(".mics-lot-card td >> text=вручную", timeout=30_000)
        page.get_by_role("button", name="Принять данные портала").click()
        page.wait_for_selector(".mics-lot-card .mics-ok", timeout=60_000)
        assert "добавлено этапов 7" in page.locator(".mics-lot-card .mics-ok").inner_text()
        page.wait_for_selector(".mics-lot-card a[href*='/egzcontract/cpublic/show/35550001']",
                               timeout=30_000)  # the portal's entries link to their pages
        assert page.locator(".mics-lot-card a[href*='/announce/index/15550001']").count() >= 1
        assert blocked == []
    finally:
        server.stop()
    events = load(folder).events
    assert bool(events.set_index("event_id").loc["LOT-A-1", "voided"])
