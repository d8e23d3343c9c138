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
