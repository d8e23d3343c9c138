"""Shared by the goszakup tests: the fixtures' folder and customer, a register linked to them,
and a local HTTP server replaying recorded portal pages (paging, a wrong token's 404
"Invalid Route", a timeout, a malformed page, a redirect)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd

DATA = Path(__file__).parent / "data" / "goszakup"
CUSTOMER = "990140000010"
TOKEN = "tok-Secret-0123456789abcdef"

REGISTER = pd.DataFrame([
    {"lot": "LOT-A", "activity": "7.1", "method": "open_tender", "estimate_minor": 980000000,
     "currency": "KZT", "portal_number": "15550001-1", "portal_lot": "90000001-ОК1",
     "source": "RB"},
    {"lot": "LOT-B", "activity": "7.3", "method": "price_quotations",
     "estimate_minor": 240000000, "currency": "KZT", "portal_number": "15550002-1",
     "portal_lot": "", "source": "RB"},
    {"lot": "LOT-C", "activity": "7.2", "method": "auction", "estimate_minor": 600000000,
     "currency": "KZT", "portal_number": "15550004-1", "portal_lot": "90000003-АУК1",
     "source": "RB"},
    {"lot": "LOT-D", "activity": "9.2", "method": "price_quotations",
     "estimate_minor": 420000000, "currency": "KZT", "portal_number": "15550005-1",
     "portal_lot": "", "source": "RB"},
    {"lot": "LOT-E", "activity": "7.2", "method": "e_shop", "estimate_minor": 90000000,
     "currency": "KZT", "portal_number": "15550006-1", "portal_lot": "", "source": "RB"},
    {"lot": "LOT-F", "activity": "7.2", "method": "open_tender", "estimate_minor": 100,
     "currency": "KZT", "portal_number": "", "portal_lot": "", "source": "RB"},
    {"lot": "LOT-G", "activity": "7.2", "method": "open_tender", "estimate_minor": 100,
     "currency": "KZT", "portal_number": "15559999-1", "portal_lot": "", "source": "RB"},
])


def keys(problems) -> list[str]:
    return [p.key for p in problems]


def events_of(derived, lot: str) -> list[tuple]:
    rows = derived.events.loc[derived.events["lot"] == lot]
    return list(zip(rows["date"], rows["status"], rows["amount"], rows["bids"],
                    rows["supplier_bin"], rows["portal_id"], strict=True))


def _page(items: list[dict], next_page: str = "") -> bytes:
    return json.dumps({"total": 3, "limit": 1, "next_page": next_page, "items": items},
                      ensure_ascii=False).encode("utf-8")


def _answer(root: str, items: list[dict], last: int | None, more: bool) -> bytes:
    return json.dumps({"data": {root: items}, "extensions": {"pageInfo": {
        "limitPage": 1, "hasNextPage": more, "lastId": last}}}).encode("utf-8")


LOTS_URL = f"/v3/lots/bin/{CUSTOMER}"


def _lot(i: int, trd_buy: int) -> dict:
    return {"id": i, "lot_number": f"L-{i}", "trd_buy_id": trd_buy, "ref_lot_status_id": 360,
            "customer_bin": CUSTOMER}


class FakePortal:
    """Replays recorded pages; counts every request by a key (path, or GraphQL root+after)."""

    def __init__(self):
        self.pages: dict[str, bytes] = {
            f"{LOTS_URL}?limit=200": _page([_lot(1, 101)], f"{LOTS_URL}?page=next&search_after=1"),
            f"{LOTS_URL}?page=next&search_after=1": _page(
                [_lot(2, 102)], f"{LOTS_URL}?page=next&search_after=2"),
            f"{LOTS_URL}?page=next&search_after=2": _page([_lot(3, 177)]),
            "TrdBuy|orgBin|None": _answer("TrdBuy", [
                {"id": 101, "numberAnno": "101-1", "publishDate": "2023-05-01 10:00:00",
                 "Lots": [{"id": 1, "lotNumber": "L-1"}]}], 101, True),
            "TrdBuy|orgBin|101": _answer("TrdBuy", [
                {"id": 102, "numberAnno": "102-1", "publishDate": "2023-05-02 10:00:00"}],
                102, False),
            "TrdBuy|id|None": _answer("TrdBuy", [
                {"id": 177, "numberAnno": "177-1", "publishDate": "2023-05-03 10:00:00"}],
                177, False),
            "Contract|customerBin|None": _answer("Contract", [
                {"id": 301, "supplierBiin": "990140000001", "signDate": "2023-06-01 10:00:00",
                 "contractSum": 100, "customerBin": CUSTOMER},
                {"id": 302, "supplierBiin": "990140000003", "signDate": "2023-06-02 10:00:00",
                 "contractSum": 200, "customerBin": CUSTOMER}], 302, False),
            "TrdApp|101|None": _answer("TrdApp", [
                {"id": 501, "supplierBinIin": "990140000001", "AppLots": [{"id": 601,
                                                                          "lotId": 1}]}],
                501, False),
            "TrdApp|102|None": _answer("TrdApp", [], None, False),
            "TrdApp|177|None": _answer("TrdApp", [], None, False),
            "/v3/rnu/990140000003?limit=200": _page([
                {"id": "9", "supplier_biin": "990140000003", "supplier_name_ru": "ТОО «П-3»"}]),
        }
        self.log: list[str] = []
        self.auth: list[str | None] = []
        self.fail: dict[str, int] = {}  # key -> HTTP status, once
        self.delay: dict[str, float] = {}  # key -> seconds, once
        self.malformed: set[str] = set()
        self.redirect: dict[str, str] = {}  # key -> Location
        self.status: dict[str, int] = {}  # key -> HTTP status, every time
        self.trickle: dict[str, float] = {}  # key -> seconds between bytes of the body

    @staticmethod
    def key(path: str, body: dict | None) -> str:
        if body is None:
            return path
        query, variables = body["query"], body["variables"]
        root = next(r for r in ("TrdBuy", "Contract", "TrdApp") if f"{r}(" in query)
        filt = variables.get("filter", {})
        what = filt.get("buyId") or ("id" if "id" in filt else next(iter(filt)))
        assert variables["limit"] <= 200
        return f"{root}|{what}|{variables.get('after')}"


def _handler(fake: FakePortal):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            self.serve(None)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            self.serve(json.loads(self.rfile.read(length)))

        def serve(self, body):
            fake.auth.append(self.headers.get("Authorization"))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self.send(404, b"Invalid Route")
            key = fake.key(self.path, body)
            fake.log.append(key)
            if key in fake.delay:
                time.sleep(fake.delay.pop(key))
            if key in fake.fail:
                return self.send(fake.fail.pop(key), b"server error")
            if key in fake.status:
                return self.send(fake.status[key], b"refused")
            if key in fake.trickle:
                page = fake.pages[key]
                self.send_response(200)
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                try:
                    for byte in page:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(fake.trickle[key])
                except OSError:  # the client gave up
                    pass
                return None
            if key in fake.redirect:
                self.send_response(302)
                self.send_header("Location", fake.redirect[key])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if key in fake.malformed:
                return self.send(200, b"<html>maintenance</html>")
            page = fake.pages.get(key)
            if page is None:
                return self.send(404, json.dumps({"name": "Not Found", "status": 404,
                                                  "message": "Поставщик не найден в реестре"},
                                                 ensure_ascii=False).encode("utf-8"))
            return self.send(200, page)

        def send(self, status: int, payload: bytes):
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up (timeout test)
                pass

    return Handler


@contextmanager
def fake_portal() -> Iterator[FakePortal]:
    """A replay server on a free local port; ``.base_url`` is its address."""
    state = FakePortal()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
