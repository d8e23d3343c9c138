"""Fetching from goszakup.gov.kz's API (:mod:`mics_budget.portal.fetch`) against a local server
replaying recorded pages: paging, resuming, a wrong token (404 "Invalid Route"), redirects,
timeouts and 5xx, a malformed page, no network. The server is a thread of the test process
(no process starts), so these run in the fast loop too."""

from __future__ import annotations

import json
import shutil
import socket

import pytest

from mics_budget import i18n
from mics_budget.portal.fetch import PortalError, fetch
from mics_budget.portal.read import STATE_FORMAT, read_portal
from tests.goszakup import CUSTOMER, LOTS_URL, TOKEN, fake_portal


@pytest.fixture
def fake():
    with fake_portal() as state:
        yield state


def run(fake, out, **kwargs):
    options = {"timeout": 2.0, "retries": 0, "backoff": 0.01, **kwargs}
    return fetch(fake.base_url, options.pop("token", TOKEN), CUSTOMER, "2023-01-01", out,
                 **options)


@pytest.mark.slow
def test_fetch_pages_everything_and_saves_raw_answers(fake, tmp_path):
    out = tmp_path / "gz"
    result = run(fake, out)
    names = sorted(p.relative_to(out).as_posix() for p in result.files)
    assert names == ["announcements/0001.json", "announcements/0002.json",
                     "announcements/extra-0001.json",
                     "bids/101-0001.json", "bids/102-0001.json", "bids/177-0001.json",
                     "contracts/0001.json",
                     "lots/0001.json", "lots/0002.json", "lots/0003.json",
                     "rnu/990140000003-0001.json"]  # 990140000001 is not listed (404)
    assert result.fetched == 11 and result.skipped == 0
    assert (out / "lots" / "0002.json").read_bytes() == fake.pages[
        f"{LOTS_URL}?page=next&search_after=1"]  # byte for byte
    assert fake.log[:5] == [f"{LOTS_URL}?limit=200", f"{LOTS_URL}?page=next&search_after=1",
                            f"{LOTS_URL}?page=next&search_after=2", "TrdBuy|orgBin|None",
                            "TrdBuy|orgBin|101"]  # GraphQL pages by after = lastId
    assert set(fake.auth) == {f"Bearer {TOKEN}"}
    state = json.loads((out / "state.json").read_text("utf-8"))
    assert (state["bin"], state["since"], state["format"]) == (CUSTOMER, "2023-01-01",
                                                              STATE_FORMAT)
    assert all(s["done"] for s in state["streams"].values())
    data, problems = read_portal([out])  # the import reads what the fetch saved
    assert problems == []
    assert sorted(data.announcements["id"]) == ["101", "102", "177"]
    assert len(data.lots) == 3 and len(data.bids) == 1 and len(data.rnu) == 1
    for path in out.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_a_second_call_resumes_where_the_first_stopped(fake, tmp_path):
    out = tmp_path / "gz"
    fake.fail[f"{LOTS_URL}?page=next&search_after=1"] = 500  # the connection dies on page 2
    with pytest.raises(PortalError) as failed:
        run(fake, out, kinds=["lots"])
    assert failed.value.key == "portal.http_error"
    assert [p.name for p in (out / "lots").iterdir()] == ["0001.json"]  # saved before failing
    fake.log.clear()
    result = run(fake, out, kinds=["lots"])
    assert fake.log == [f"{LOTS_URL}?page=next&search_after=1",
                        f"{LOTS_URL}?page=next&search_after=2"]  # page 1 not fetched again
    assert (result.fetched, result.skipped) == (2, 1)
    fake.log.clear()
    assert run(fake, out, kinds=["lots"]).fetched == 0 and fake.log == []  # complete: skipped


def test_a_wrong_token_is_the_portals_404_invalid_route(fake, tmp_path):
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", token="tok-Wrong-999")
    assert failed.value.key == "portal.bad_token"
    assert "Invalid Route" in str(failed.value) and fake.base_url in str(failed.value)
    assert "tok-Wrong-999" not in str(failed.value)
    assert not list((tmp_path / "gz").rglob("*.json"))


def test_the_token_never_follows_a_redirect_to_another_host(fake, tmp_path):
    port = fake.base_url.rsplit(":", 1)[1]
    fake.redirect[f"{LOTS_URL}?limit=200"] = f"http://localhost:{port}/elsewhere"
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", kinds=["lots"])
    assert fake.auth == [f"Bearer {TOKEN}", None]  # localhost is another host name
    assert failed.value.key == "portal.bad_token"


@pytest.mark.slow
def test_timeouts_and_5xx_are_retried_then_reported(fake, tmp_path):
    fake.fail[f"{LOTS_URL}?limit=200"] = 503
    fake.delay[f"{LOTS_URL}?page=next&search_after=1"] = 1.0
    result = run(fake, tmp_path / "ok", kinds=["lots"], retries=2, timeout=0.3)
    assert result.fetched == 3
    assert fake.log.count(f"{LOTS_URL}?limit=200") == 2
    fake.delay[f"{LOTS_URL}?limit=200"] = 1.0
    fake.log.clear()
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "slow", kinds=["lots"], timeout=0.3)
    # one attempt (retries=0), given up after the timeout: no wall-clock measure needed
    assert failed.value.key == "portal.timeout" and fake.log == [f"{LOTS_URL}?limit=200"]
    assert "0.3" in str(failed.value)


def test_a_malformed_page_names_the_url_and_is_not_saved(fake, tmp_path):
    fake.malformed.add("Contract|customerBin|None")
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", kinds=["contracts"])
    assert failed.value.key == "portal.bad_page"
    assert f"{fake.base_url}/v3/graphql" in str(failed.value)
    assert TOKEN not in str(failed.value)
    assert not list((tmp_path / "gz").rglob("0*.json"))


def test_no_network(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(PortalError) as failed:
        fetch(f"http://127.0.0.1:{port}", TOKEN, CUSTOMER, None, tmp_path / "gz",
              kinds=["lots"], retries=0, timeout=1)
    assert failed.value.key == "portal.no_network"
    assert "сохраните ответы портала вручную" in str(failed.value)
    i18n.set_lang("en")
    assert "save the portal's responses by hand and import the files" in str(failed.value)


def test_fetch_refuses_a_folder_of_another_download_and_a_bad_bin(fake, tmp_path):
    out = tmp_path / "gz"
    run(fake, out, kinds=["lots"])
    with pytest.raises(PortalError) as failed:
        fetch(fake.base_url, TOKEN, "990140000099", "2023-01-01", out, kinds=["lots"])
    assert failed.value.key == "portal.state_mismatch"
    with pytest.raises(PortalError) as failed:
        fetch(fake.base_url, TOKEN, "12345", None, out)
    assert failed.value.key == "portal.bad_bin"
    with pytest.raises(PortalError) as failed:
        fetch(fake.base_url, TOKEN, CUSTOMER, "01.01.2023", tmp_path / "other")
    assert failed.value.key == "error.bad_date"
    shutil.rmtree(out)


# --- nothing outlives its right, nothing leaks, nothing unbounded (issue 25) ---------------


def test_a_next_page_on_another_origin_is_refused_and_gets_no_token(fake, tmp_path):
    port = fake.base_url.rsplit(":", 1)[1]
    first = f"{LOTS_URL}?limit=200"
    for elsewhere in (f"http://localhost:{port}{LOTS_URL}?page=next&search_after=1",
                      f"https://127.0.0.1:{port}/x", "//evil.example/x",
                      f"http://127.0.0.1:{int(port) + 1}/x"):
        fake.pages[first] = json.dumps({"items": [{"id": 1}], "next_page": elsewhere}).encode()
        fake.auth.clear()
        with pytest.raises(PortalError) as failed:
            run(fake, tmp_path / "gz", kinds=["lots"])
        assert failed.value.key == "portal.foreign_page", elsewhere
        assert fake.auth == [f"Bearer {TOKEN}"]  # the first page only, on the portal
        shutil.rmtree(tmp_path / "gz")
    # the same origin written in full is followed
    fake.pages[first] = json.dumps({"items": [{"id": 1}], "next_page":
                                    f"{fake.base_url}{LOTS_URL}?page=next&search_after=2"}
                                   ).encode()
    assert run(fake, tmp_path / "ok", kinds=["lots"]).fetched == 2


@pytest.mark.parametrize("token", ["токен-секрет", "abc\ndef", "abc def", "a\x00b",
                                   "ab\rc"])
def test_a_malformed_token_is_a_clear_error_that_never_shows_it(fake, tmp_path, token):
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", token=token)
    assert failed.value.key == "portal.bad_token_text" and fake.log == []
    assert token.strip() not in str(failed.value)


def test_paging_loops_end_with_a_clear_error(fake, tmp_path):
    a, b = f"{LOTS_URL}?limit=200", f"{LOTS_URL}?page=next&search_after=1"
    fake.pages[b] = _rest([{"id": 2}], a)  # A → B → A
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "rest", kinds=["lots"])
    assert failed.value.key == "portal.page_loop" and fake.log.count(a) == 1
    fake.log.clear()
    # GraphQL: lastId 101 → 102 → 101 …
    fake.pages["TrdBuy|orgBin|101"] = _graphql("TrdBuy", [{"id": 102}], 102, True)
    fake.pages["TrdBuy|orgBin|102"] = _graphql("TrdBuy", [{"id": 101}], 101, True)
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gql", kinds=["announcements"])
    assert failed.value.key == "portal.page_loop"
    assert fake.log == ["TrdBuy|orgBin|None", "TrdBuy|orgBin|101", "TrdBuy|orgBin|102"]


def test_an_answer_too_large_or_too_slow_is_stopped(fake, tmp_path, monkeypatch):
    from mics_budget.portal import fetch as module

    monkeypatch.setattr(module, "MAX_ANSWER_BYTES", 100)
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "big", kinds=["lots"])
    assert failed.value.key == "portal.too_large"
    assert not list((tmp_path / "big").rglob("0*.json"))
    monkeypatch.setattr(module, "MAX_ANSWER_BYTES", 2**20)
    monkeypatch.setattr(module, "MAX_REQUEST_SECONDS", 0.3)
    fake.trickle[f"{LOTS_URL}?limit=200"] = 0.02  # every read comes in time; the whole never
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "slow", kinds=["lots"], timeout=1.0)
    assert failed.value.key == "portal.too_slow"


@pytest.mark.parametrize("url", ["ows.goszakup.gov.kz", "https://host:99999", "http://a b",
                                 "ftp://host", "https://", "https://host:port"])
def test_a_bad_portal_address_is_a_clear_error(tmp_path, url):
    with pytest.raises(PortalError) as failed:
        fetch(url, TOKEN, CUSTOMER, None, tmp_path / "gz", kinds=["lots"])
    assert failed.value.key == "portal.bad_url"


def test_401_and_403_say_access_was_refused(fake, tmp_path):
    fake.status[f"{LOTS_URL}?limit=200"] = 401
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", kinds=["lots"])
    assert failed.value.key == "portal.unauthorized" and "401" in str(failed.value)
    assert "Invalid Route" not in str(failed.value)


@pytest.mark.parametrize("bin_", ["99014000000²", "١٢٣٤٥٦٧٨٩٠١٢", "９９０１４００００００１"])
def test_digits_of_other_scripts_are_not_a_bin(fake, tmp_path, bin_):
    with pytest.raises(PortalError) as failed:
        fetch(fake.base_url, TOKEN, bin_, None, tmp_path / "gz", kinds=["lots"])
    assert failed.value.key == "portal.bad_bin"


def _rest(items, following=None) -> bytes:
    return json.dumps({"items": items, "next_page": following}).encode()


def _graphql(root, records, last, more) -> bytes:
    return json.dumps({"data": {root: records}, "extensions": {"pageInfo": {
        "hasNextPage": more, "lastId": last}}}).encode()


def test_saved_ids_in_other_scripts_digits_never_crash_a_rerun(fake, tmp_path):
    """Issue 25: an id or a BIN written with «²³» or Arabic-Indic digits in a saved answer
    crashed every rerun of --fetch (``int("²³")``); such ids are skipped."""
    out = tmp_path / "gz"
    (out / "announcements").mkdir(parents=True)
    (out / "contracts").mkdir(parents=True)
    (out / "lots").mkdir(parents=True)
    (out / "announcements" / "0001.json").write_text(json.dumps({"data": {"TrdBuy": [
        {"id": "١٢٣", "numberAnno": "x-1", "publishDate": "2023-05-01 10:00:00"},
        {"id": "²³", "numberAnno": "x-2", "publishDate": "2023-05-01 10:00:00"}]}}),
        encoding="utf-8")
    (out / "contracts" / "0001.json").write_text(json.dumps({"data": {"Contract": [
        {"id": 9, "supplierBiin": "٩٩٠١٤٠٠٠٠٠٠١", "signDate": "2023-06-01 10:00:00",
         "contractSum": 1, "customerBin": CUSTOMER}]}}), encoding="utf-8")
    (out / "lots" / "0001.json").write_text(json.dumps({"items": [
        {"id": 5, "lot_number": "L-5", "trd_buy_id": "٤٥٦", "ref_lot_status_id": 360}]}),
        encoding="utf-8")
    for kind in ("announcements", "bids", "rnu"):
        fetch(fake.base_url, TOKEN, CUSTOMER, None, out, kinds=[kind], retries=0,
              timeout=2.0, backoff=0.01)
    assert not [k for k in fake.log if k.startswith("TrdApp|") and not k[7:8].isascii()]
    assert not [k for k in fake.log if k.startswith("/v3/rnu/") and "٩" in k]
