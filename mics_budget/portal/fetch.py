"""Fetching one customer's data from goszakup.gov.kz's OWS v3 API and saving the raw answers.

Standard library only (``urllib``). :func:`fetch` pages the API and saves **every answer as
received**, atomically (a temporary file, then a rename), before asking for the next page:

- ``lots/``: REST ``GET /v3/lots/bin/{bin}?limit=N`` (the customer's lots, every field),
  paged by ``next_page``;
- ``announcements/``: GraphQL ``TrdBuy(filter: {orgBin: BIN, publishDate: [since]})`` with
  the nested ``Lots``; then ``TrdBuy(filter: {id: […]})`` for the announcements of our lots
  organised by another BIN (a single organiser), as ``extra-NNNN.json``;
- ``contracts/``: GraphQL ``Contract(filter: {customerBin: BIN, signDate: [since]})`` with
  the nested ``ContractUnits``, ``Acts`` and ``TreasuryPay``;
- ``bids/``: GraphQL ``TrdApp(filter: {buyId})`` per saved announcement
  (``<announcement id>-NNNN.json``);
- ``rnu/``: REST ``GET /v3/rnu/{biin}`` per supplier of the saved contracts
  (``<BIN>-NNNN.json``; the portal's 404 "not found" means not listed: nothing is saved).

GraphQL pages continue with ``after`` = ``extensions.pageInfo.lastId`` while
``hasNextPage``; REST pages with ``next_page`` (a relative URL with ``search_after``).

Why this mix (facts from the portal's documentation, ``docs/ows/ows_v3.md`` and
``graphql_schema.json`` of Rus9136/gos_tracker): the REST list ``/v3/trd-buy/bin/{bin}``
lacks ``itogi_date_public``, ``parent_id`` and ``customer_bin``, and REST contracts by
customer lack ``sign_date`` and the amendment links; acts and bids have no per-customer REST
path (``/v3/acts`` and ``/v3/trd-app`` list the whole country). GraphQL ``TrdBuy`` filters
by the organiser's BIN (``orgBin``; there is no customer filter) and ``Contract`` by
``customerBin``; ``limit`` is at most 200. ``since`` (a date) bounds publication
(announcements) and signature (contracts); lots, bids and unreliable suppliers are fetched
whole for the customer. ``kinds`` picks some of the folders; ``bids`` and ``rnu`` use what
``announcements`` and ``contracts`` saved (in this call or an earlier one).

Files are ``<out_dir>/<kind>/<page>.json`` (``0001.json`` …; per announcement or supplier
``<id>-0001.json``). ``state.json`` records the parameters (base URL, BIN, since; **never the
token**) and which streams are complete. A second call on the same folder resumes: pages
already saved are not fetched again (the next request is rebuilt from the last saved page),
complete streams are skipped; the same folder with other parameters is refused. To refresh,
fetch into a new folder.

The token goes only into the ``Authorization: Bearer`` header: never into URLs, files,
messages or exceptions. Errors are :class:`PortalError` (a :class:`.errors.UserError`): a 404
"Invalid Route" (the portal's answer to a wrong or expired token), a timeout, no network
("save the portal's responses by hand and import the files"), an answer that is not the
expected JSON (naming the URL). 429 and 5xx answers, timeouts and refused connections are
retried ``retries`` times with exponential ``backoff``.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.fileio import atomic_writer
from ..core.http import Client as HttpClient
from ..core.http import HttpError, base_url, origin
from ..core.store import now_text
from ..core.values import is_bin, is_digits
from ..errors import UserError
from .read import STATE_FORMAT, read_portal

DEFAULT_BASE_URL = "https://ows.goszakup.gov.kz"
KINDS = ("lots", "announcements", "contracts", "bids", "rnu")
GRAPHQL_PATH = "/v3/graphql"
GRAPHQL_LIMIT = 200  # the API's maximum
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: bounds of one run (docs/goszakup.md): an answer's size, a request's whole time (a body that
#: trickles in byte by byte never outlives it), and the pages of one stream
MAX_ANSWER_BYTES = 64 * 1024 * 1024
MAX_REQUEST_SECONDS = 300.0
MAX_PAGES = 5000
#: a Bearer token as RFC 6750 writes it (b64token): nothing that could break a header
_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*", re.ASCII)

LOT_FIELDS = ("id lotNumber refLotStatusId lastUpdateDate amount count nameRu customerBin "
              "trdBuyId trdBuyNumberAnno refTradeMethodsId pointList indexDate")
TRD_BUY_QUERY = (
    "query($limit: Int, $after: Int, $filter: TrdBuyFiltersInput) {"
    " TrdBuy(limit: $limit, after: $after, filter: $filter) {"
    " id numberAnno nameRu totalSum countLots refTradeMethodsId refSubjectTypeId customerBin"
    " customerNameRu orgBin orgNameRu refBuyStatusId startDate endDate publishDate"
    " itogiDatePublic refTypeTradeId parentId lastUpdateDate indexDate"
    f" Lots {{ {LOT_FIELDS} }} }} }}")
CONTRACT_QUERY = (
    "query($limit: Int, $after: Int, $filter: ContractFiltersInput) {"
    " Contract(limit: $limit, after: $after, filter: $filter) {"
    " id parentId rootId trdBuyId trdBuyNumberAnno refContractStatusId deleted crdate"
    " lastUpdateDate supplierId supplierBiin contractNumber contractNumberSys"
    " trdBuyItogiDatePublic customerBin finYear refFinsourceId refCurrencyCode exchangeRate"
    " contractSum contractSumWnds signDate planExecDate faktExecDate faktSumWnds"
    " contractEndDate refContractTypeId faktTradeMethodsId indexDate"
    " Supplier { nameRu }"
    " ContractUnits { id lotId plnPointId itemPrice quantity totalSum totalSumWnds }"
    " Acts { id numberAct aktDate approveDate revokeDate contractId contractRootId statusId"
    " isDeleted dayOverdue sumFine sumTransfer }"
    " TreasuryPay { id nomZa contractId dtReg supplier espk func finSource typeBujet"
    " budgetNameRu prepaySum payAmount payDate accountingDate ppn checkNumber } } }")
TRD_APP_QUERY = (
    "query($limit: Int, $after: Int, $filter: TrdAppFiltersInput) {"
    " TrdApp(limit: $limit, after: $after, filter: $filter) {"
    " id buyId supplierId supplierBinIin dateApply Supplier { bin nameRu }"
    " AppLots { id lotId price amount discountValue discountPrice"
    " RefAppStatus { nameRu } } } }")


class PortalError(UserError):
    """A failed fetch, with a label key (see :mod:`.texts.portal`)."""


@dataclass
class FetchResult:
    out_dir: Path
    fetched: int = 0  # pages fetched by this call
    skipped: int = 0  # pages found already saved
    files: list[Path] = field(default_factory=list)  # every page file of the folder


@dataclass
class _Stream:
    kind: str  # folder
    name: str  # file stem prefix ("" for the main stream of a kind)
    rest_path: str | None = None  # REST: first path (with query)
    query: str | None = None  # GraphQL
    root: str | None = None
    variables: dict = field(default_factory=dict)
    not_found_is_empty: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.name}" if self.name else self.kind

    def file(self, out_dir: Path, page: int) -> Path:
        stem = f"{self.name}-{page:04d}" if self.name else f"{page:04d}"
        return out_dir / self.kind / f"{stem}.json"


def fetch(base_url: str, token: str, bin: str, since: date | str | None, out_dir: Path | str,
          kinds: Iterable[str] = KINDS, *, limit: int = GRAPHQL_LIMIT, timeout: float = 60.0,
          retries: int = 3, backoff: float = 1.0) -> FetchResult:
    """Fetch the customer's announcements, lots, contracts (with units, acts and Treasury
    payments), bids and unreliable-supplier records into ``out_dir`` (see the module)."""
    bin = (bin or "").strip()
    if not is_bin(bin):
        raise PortalError("portal.bad_bin", value=bin)
    kinds = list(kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise PortalError("portal.unknown_kind", value=unknown[0], choices=", ".join(KINDS))
    since_text = since.isoformat() if isinstance(since, date) else (since or "").strip()
    if since_text:
        try:
            date.fromisoformat(since_text)
        except ValueError:
            raise PortalError("error.bad_date", value=since_text) from None
    client = _Client(base_url, token, timeout, retries, backoff)
    out = Path(out_dir)
    state = _State.open(out, client.base_url, bin, since_text)
    result = FetchResult(out)
    runner = _Runner(client, state, out, result, min(max(int(limit), 1), GRAPHQL_LIMIT))
    for kind in KINDS:
        if kind in kinds:
            for stream in _plan(kind, bin, since_text, out, state):
                runner.run(stream)
    result.files = sorted(p for p in out.rglob("*.json") if p.name != "state.json")
    return result


def _plan(kind: str, bin: str, since: str, out: Path, state: _State) -> list[_Stream]:
    """The requests of a kind; later kinds use what earlier ones saved."""
    if kind == "lots":
        return [_Stream("lots", "", rest_path=f"/v3/lots/bin/{bin}",
                        not_found_is_empty=True)]
    if kind == "announcements":
        main_filter: dict = {"orgBin": bin}
        if since:
            main_filter["publishDate"] = [since]
        streams = [_Stream("announcements", "", query=TRD_BUY_QUERY, root="TrdBuy",
                           variables={"filter": main_filter})]
        extra = state.variables("announcements/extra")
        if extra is None:
            saved, _ = read_portal([p for p in (out / "lots", out / "announcements")
                                    if p.is_dir()])
            known = set(saved.announcements["id"])
            missing = sorted({i for i in saved.lots["trd_buy_id"] if i and i not in known},
                             key=lambda i: (len(i), i))
            extra = {"filter": {"id": [int(i) for i in missing if is_digits(i)]}} \
                if missing else None
        if extra and extra["filter"]["id"]:
            streams.append(_Stream("announcements", "extra", query=TRD_BUY_QUERY,
                                   root="TrdBuy", variables=extra))
        return streams
    if kind == "contracts":
        contract_filter: dict = {"customerBin": bin}
        if since:
            contract_filter["signDate"] = [since]
        return [_Stream("contracts", "", query=CONTRACT_QUERY, root="Contract",
                        variables={"filter": contract_filter})]
    saved, _ = read_portal([p for p in (out / "announcements", out / "contracts")
                            if p.is_dir()])
    if kind == "bids":
        ids = sorted(set(saved.announcements["id"]), key=lambda i: (len(i), i))
        return [_Stream("bids", i, query=TRD_APP_QUERY, root="TrdApp",
                        variables={"filter": {"buyId": int(i)}}) for i in ids if is_digits(i)]
    suppliers = sorted({b for b in saved.contracts["supplier_biin"] if is_digits(b)})
    return [_Stream("rnu", b, rest_path=f"/v3/rnu/{b}", not_found_is_empty=True)
            for b in suppliers]


class _State:
    """``state.json``: parameters and complete streams (never the token)."""

    def __init__(self, path: Path, data: dict):
        self.path = path
        self.data = data

    @classmethod
    def open(cls, out: Path, base_url: str, bin: str, since: str) -> _State:
        path = out / "state.json"
        params = {"base_url": base_url, "bin": bin, "since": since}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if data.get("format") == STATE_FORMAT:
                old = {k: data.get(k) for k in params}
                if old != params:
                    detail = ", ".join(f"{k}={v}" for k, v in old.items())
                    raise PortalError("portal.state_mismatch", path=out, detail=detail)
                return cls(path, data)
        return cls(path, {"format": STATE_FORMAT, **params, "streams": {}})

    def done(self, key: str) -> bool:
        return bool(self.data["streams"].get(key, {}).get("done"))

    def variables(self, key: str) -> dict | None:
        return self.data["streams"].get(key, {}).get("variables")

    def update(self, stream: _Stream, pages: int, done: bool) -> None:
        entry: dict[str, object] = {"pages": pages, "done": done}
        if stream.variables:
            entry["variables"] = stream.variables
        self.data["streams"][stream.key] = entry
        self.data["updated"] = now_text()
        text = json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True)
        with atomic_writer(self.path, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")


class _Runner:
    def __init__(self, client: _Client, state: _State, out: Path, result: FetchResult,
                 limit: int):
        self.client = client
        self.state = state
        self.out = out
        self.result = result
        self.limit = limit

    def run(self, stream: _Stream) -> None:
        saved = 0
        while stream.file(self.out, saved + 1).exists():
            saved += 1
        if self.state.done(stream.key):
            self.result.skipped += saved
            return
        request: tuple[str, bytes | None] | None = self._first(stream)
        while saved:  # continue after the last readable page (ours are written atomically)
            try:
                last = json.loads(stream.file(self.out, saved).read_bytes().decode("utf-8-sig"))
                request = self._next(stream, self._first(stream), last)
                break
            except (UnicodeDecodeError, ValueError, AttributeError):
                saved -= 1
        self.result.skipped += saved
        page = saved
        seen: set[tuple[str, bytes | None]] = set()
        while request is not None:
            url, body = request
            if request in seen:  # A → B → A: the portal loops; stop rather than go round
                raise PortalError("portal.page_loop", url=url)
            seen.add(request)
            if len(seen) > MAX_PAGES:
                raise PortalError("portal.too_many_pages", limit=MAX_PAGES, url=url)
            raw = self.client.request(url, body, stream.not_found_is_empty)
            if raw is None:  # a REST 404 "not found": nothing to save
                break
            document = self._check(stream, url, raw)
            page += 1
            with atomic_writer(stream.file(self.out, page), "wb") as fh:
                fh.write(raw)
            self.result.fetched += 1
            request = self._next(stream, request, document)
            self.state.update(stream, page, done=request is None)
        self.state.update(stream, page, done=True)

    def _first(self, stream: _Stream) -> tuple[str, bytes | None]:
        if stream.rest_path is not None:
            sep = "&" if "?" in stream.rest_path else "?"
            return self.client.url(f"{stream.rest_path}{sep}limit={self.limit}"), None
        return self.client.url(GRAPHQL_PATH), self._body(stream, None)

    def _body(self, stream: _Stream, after: object) -> bytes:
        variables = {"limit": self.limit, **stream.variables}
        if after is not None:
            variables["after"] = after
        return json.dumps({"query": stream.query, "variables": variables}).encode("utf-8")

    def _next(self, stream: _Stream, request: tuple[str, bytes | None],
              document: dict) -> tuple[str, bytes | None] | None:
        if stream.rest_path is not None:
            following = document.get("next_page") or ""
            items = document.get("items") or []
            if not following or not items:
                return None
            if not isinstance(following, str):
                raise PortalError("portal.bad_page", url=request[0], detail="next_page")
            url = self.client.url(following)
            return None if url == request[0] else (url, None)
        records = (document.get("data") or {}).get(stream.root) or []
        info = (document.get("extensions") or {}).get("pageInfo") or {}
        if not records or not info.get("hasNextPage") or info.get("lastId") is None:
            return None
        after = json.loads(request[1] or b"{}").get("variables", {}).get("after")
        if info["lastId"] == after:  # the same page again: stop rather than loop
            return None
        return request[0], self._body(stream, info["lastId"])

    def _check(self, stream: _Stream, url: str, raw: bytes) -> dict:
        try:
            document = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise PortalError("portal.bad_page", url=url, detail=_first_line(exc)) from None
        if not isinstance(document, dict):
            raise PortalError("portal.bad_page", url=url, detail=type(document).__name__)
        if stream.rest_path is not None:
            if not isinstance(document.get("items"), list | None) or "items" not in document:
                raise PortalError("portal.bad_page", url=url, detail="no 'items' list")
            return document
        if document.get("errors"):
            errors = document["errors"]
            texts = [e.get("message", "") if isinstance(e, dict) else str(e)
                     for e in (errors if isinstance(errors, list) else [errors])]
            raise PortalError("portal.graphql_error", url=url,
                              detail=self.client.scrub("; ".join(texts)))
        data = document.get("data")
        if not isinstance(data, dict) or not isinstance(data.get(stream.root), list | None):
            raise PortalError("portal.bad_page", url=url,
                              detail=f"no 'data.{stream.root}' list")
        return document


class _Client:
    """HTTP with the Bearer token in a header only; errors become :class:`PortalError`."""

    def __init__(self, base_url: str, token: str, timeout: float, retries: int,
                 backoff: float):
        self.base_url = _base_url((base_url or DEFAULT_BASE_URL).strip())
        self.origin = origin(self.base_url)
        self._token = (token or "").strip()
        if self._token and not _TOKEN.fullmatch(self._token):
            raise PortalError("portal.bad_token_text")  # never the token itself
        self.timeout = timeout
        self.retries = max(int(retries), 0)
        self.backoff = backoff
        # requests + urllib3's Retry (core.http): one connection, Retry-After, the bounds,
        # the token dropped on a redirect to another origin
        self._http = HttpClient(timeout=timeout, retries=self.retries, backoff=backoff,
                                max_bytes=MAX_ANSWER_BYTES, max_seconds=MAX_REQUEST_SECONDS)

    def url(self, path: str) -> str:
        """A page's address: a path on the portal, or an absolute address on the same origin
        (scheme, host and port); the token goes nowhere else."""
        if "://" in path or path.startswith("//"):
            try:
                same = origin(path) == self.origin
            except ValueError:
                same = False
            if not same:
                raise PortalError("portal.foreign_page", url=_shown_url(path))
            return path
        return self.base_url + ("" if path.startswith("/") else "/") + path

    def scrub(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text

    def request(self, url: str, body: bytes | None, not_found_is_empty: bool) -> bytes | None:
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            return self._http.request(url, body, headers)[1]
        except HttpError as exc:
            if exc.kind == "status":
                if exc.status in (401, 403):
                    raise PortalError("portal.unauthorized", status=exc.status,
                                      url=url) from None
                if exc.status == 404 and "Invalid Route" in exc.text:
                    raise PortalError("portal.bad_token", url=url) from None
                if exc.status == 404 and not_found_is_empty:
                    return None
                raise PortalError("portal.http_error", status=exc.status, url=url) from None
            if exc.kind == "timeout":
                raise PortalError("portal.timeout", seconds=f"{self.timeout:g}",
                                  url=url) from None
            if exc.kind == "too_large":
                raise PortalError("portal.too_large", url=url,
                                  limit=MAX_ANSWER_BYTES // 2**20) from None
            if exc.kind == "too_slow":
                raise PortalError("portal.too_slow", url=url,
                                  seconds=f"{MAX_REQUEST_SECONDS:g}") from None
            raise PortalError("portal.no_network", reason=self.scrub(exc.detail)) from None


def _base_url(text: str) -> str:
    """The portal's address checked and normalised: http or https, a host, a valid port, no
    spaces, never ``user:password@`` (a :class:`PortalError` says what is wrong)."""
    try:
        return base_url(text)
    except ValueError as exc:
        raise PortalError("portal.bad_url", value=_shown_url(text), detail=str(exc)) from None


def _shown_url(url: str) -> str:
    """An address as it may be shown: no ``user:password@``, one line, not too long."""
    parts = urllib.parse.urlsplit(url.strip().splitlines()[0] if url.strip() else "")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))[:200]


def _first_line(value: object) -> str:
    text = str(value).strip().splitlines()
    return text[0][:200] if text else type(value).__name__
