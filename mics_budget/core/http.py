"""One HTTP client for what the project downloads (goszakup.gov.kz's API, the NBK's daily
rates): ``requests`` with ``urllib3``'s ``Retry`` — well-kept libraries rather than our own
retry loop — and the bounds and rules both need:

* retries of 429 and 5xx answers, timeouts and refused connections, ``retries`` times with
  exponential ``backoff``, honouring the server's ``Retry-After`` (capped at
  :data:`MAX_RETRY_AFTER`: a server cannot make us wait an hour);
* one connection for many pages (a ``requests.Session``);
* each answer at most ``max_bytes``, whole within ``max_seconds`` of the request's start (the
  socket timeout bounds one read only: a body trickled in byte by byte would never end);
* credentials (an ``Authorization`` header) only to the origin they were given for: a
  redirect to another scheme, host or port drops them (``requests`` alone keeps them on a
  change of port);
* no proxy or ``.netrc`` from the environment unless asked (``trust_env``): a token never
  goes to a host the administrator did not name.

Failures are :class:`HttpError` with a ``kind`` (``status``, ``timeout``, ``network``,
``too_large``, ``too_slow``); the callers turn them into their own messages.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import requests
from urllib3.util.retry import Retry

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds
_CHUNK = 64 * 1024


class HttpError(Exception):
    """A request that failed for good (after the retries)."""

    def __init__(self, kind: str, url: str, status: int = 0, text: str = "",
                 detail: str = ""):
        super().__init__(f"{kind} {status} {url}")
        self.kind, self.url, self.status, self.text, self.detail = kind, url, status, text, detail


def base_url(text: str) -> str:
    """A server's address checked and normalised: http or https, a host, a valid port, no
    spaces, never ``user:password@``, no trailing slash. ValueError names what is wrong
    (``spaces``, ``http:// or https://``, ``port``, ``host``); the callers say it their way."""
    if any(c.isspace() for c in text) or not text.isprintable():
        raise ValueError("spaces")
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ValueError("http:// or https://")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("port") from None
    host = parts.hostname or ""
    if not host:
        raise ValueError("host")
    netloc = f"{host}:{port}" if port else host
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def origin(url: str) -> tuple[str, str, int]:
    """Scheme, host and port (the default one filled in) of ``url``; ValueError if bad."""
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme, 0)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class _CappedRetry(Retry):
    """urllib3's Retry, with a server's ``Retry-After`` capped."""

    def get_retry_after(self, response):
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, MAX_RETRY_AFTER)


class _Session(requests.Session):
    def should_strip_auth(self, old_url: str, new_url: str) -> bool:
        try:
            return origin(old_url) != origin(new_url)
        except ValueError:
            return True


@dataclass
class Client:
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 64 * 2**20
    max_seconds: float = 300.0
    retry_statuses: Collection[int] = RETRY_STATUSES

    def __post_init__(self) -> None:
        self.session = _Session()
        self.session.trust_env = False
        retry = _CappedRetry(
            total=None, connect=self.retries, read=self.retries, status=self.retries,
            other=0, redirect=5, status_forcelist=sorted(self.retry_statuses),
            allowed_methods=None,  # POST too: our POSTs are GraphQL reads
            backoff_factor=self.backoff / 2,  # urllib3 waits factor × 2^(n-1) from n=1
            respect_retry_after_header=True, raise_on_status=False,
            raise_on_redirect=False)
        adapter = requests.adapters.HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def request(self, url: str, body: bytes | None = None,
                headers: Mapping[str, str] | None = None) -> tuple[int, bytes]:
        """``(status, body)`` of a final answer with status < 400; any other is an
        :class:`HttpError` (its first 4 KB of text kept for the caller's message)."""
        started = time.monotonic()
        method = "POST" if body is not None else "GET"
        try:
            response = self.session.request(method, url, data=body, headers=dict(headers or {}),
                                            timeout=self.timeout, stream=True)
        except (requests.Timeout, TimeoutError) as exc:
            raise HttpError("timeout", url, detail=_first_line(exc)) from None
        except requests.exceptions.RetryError as exc:  # too many redirects and the like
            raise HttpError("network", url, detail=_first_line(exc)) from None
        except (requests.ConnectionError, OSError) as exc:
            timeout = "timed out" in str(exc).lower() or "timeout" in type(exc).__name__.lower()
            raise HttpError("timeout" if timeout else "network", url,
                            detail=_first_line(exc)) from None
        except requests.RequestException as exc:  # an invalid URL or header
            raise HttpError("network", url, detail=_first_line(exc)) from None
        with response:
            if response.status_code >= 400:
                text = response.raw.read(4096, decode_content=True) or b""
                raise HttpError("status", url, response.status_code,
                                text.decode("utf-8", "replace"))
            return response.status_code, self._read(response, url, started)

    def _read(self, response: requests.Response, url: str, started: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        raw = response.raw
        try:
            while True:
                # read1: what one read of the socket gives (iter_content would wait for a
                # whole chunk: a body trickled in byte by byte would never be timed)
                chunk = raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.max_bytes:
                    raise HttpError("too_large", url)
                if time.monotonic() - started > self.max_seconds:
                    raise HttpError("too_slow", url)
                chunks.append(chunk)
        except (requests.Timeout, requests.ConnectionError, OSError) as exc:
            raise HttpError("timeout" if "timed out" in str(exc).lower() else "network", url,
                            detail=_first_line(exc)) from None
        return b"".join(chunks)

    def close(self) -> None:
        self.session.close()


def _first_line(value: object) -> str:
    text = str(value).strip().splitlines()
    return text[0][:200] if text else type(value).__name__
