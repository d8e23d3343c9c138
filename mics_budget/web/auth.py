"""Who is signed in: sessions, throttling and, in the kernel, :func:`current_user`.

The server side (the jupyter_server identity provider, the login page, the guards) is in
:mod:`mics_budget.web.webauth`; this module is what both sides share and what a notebook imports,
kept light (no jupyter_server, no Voila) because every page's kernel imports it.

A session is a tornado signed value (HMAC-SHA256, version 2) of ``{"u": name, "v": fingerprint
of the user's password hash, "s": session id}`` under a secret made at each server start. It is
valid for :data:`SESSION_HOURS` after sign-in, and only while the user still exists with the
same password (``users passwd`` or ``users remove`` ends it); the role is read from the users
file each time, never from the cookie.

In the kernel, :func:`current_user` tells who opened the page. Voila copies the page request's
``Cookie`` header into the kernel's environment (``HTTP_COOKIE``, because the server runs with
``--VoilaConfiguration.http_header_envs=Cookie``); the kernel inherits the server's environment,
where ``mics-budget dashboard`` (or, under a plain ``voila``, the identity provider) put the
secret (``MICS_SESSION_SECRET``), the cookie name (``MICS_SESSION_COOKIE``) and the users file
(``MICS_USERS``), and checks the signature itself. The browser cannot forge it: only ``/login``
makes sessions, and the browser cannot send code to the kernel (Voila lets only widget messages
through, so an app must take the name from here, never from a widget's value).

A pre-heated kernel (``--preheat_kernel``) runs the notebook before anyone asks for it:
:func:`current_user` then waits, as ``voila.utils.wait_for_request`` does, for the request that
takes the kernel, read from ``/voila/query/<kernel>`` (which :mod:`.webauth` opens only to a
local process proving it knows the secret). Limits: the cell waits until someone opens the page,
so Voila's cell timeout (``VoilaExecutor.timeout``, 120 s here) must not apply to it (a
``VoilaExecutor.timeout_func`` sparing that cell, or no timeout), or the pooled page is spoilt;
and like Voila's own helper it reaches the server at ``VOILA_APP_IP`` (default 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Collection
from http.cookies import CookieError, SimpleCookie
from typing import Any

from tornado.web import create_signed_value, decode_signed_value

from ..errors import UserError
from .users import NAME_MAX, ROLES, USERS_ENV, Account, User, UsersFile, key

SECRET_ENV = "MICS_SESSION_SECRET"
COOKIE_ENV = "MICS_SESSION_COOKIE"
TRUSTED_ENV = "MICS_TRUSTED_PROXIES"
SESSION_HOURS = 12          # a session ends 12 hours after sign-in (or when the browser closes)


class AuthError(UserError):
    """Users are configured but this kernel cannot tell who opened the page."""


# --- sessions ----------------------------------------------------------------------------------


def make_session(secret: str, cookie_name: str, account: Account) -> tuple[str, str]:
    """A signed session value for ``account`` and its id."""
    sid = secrets.token_urlsafe(12)
    payload = json.dumps({"u": account.name, "v": account.fingerprint, "s": sid},
                         ensure_ascii=False)
    return create_signed_value(secret, cookie_name, payload, version=2).decode("ascii"), sid


def read_session(secret: str, cookie_name: str, value: str | None,
                 users: UsersFile) -> tuple[User, str] | None:
    """``(user, session id)`` for a valid, unexpired session of a user who still exists with the
    same password; None otherwise. The role is read from the users file now."""
    if not value or not secret:
        return None
    raw = decode_signed_value(secret, cookie_name, value, max_age_days=SESSION_HOURS / 24,
                              min_version=2)
    if raw is None:
        return None
    try:
        payload = json.loads(raw.decode("utf-8"))
        account = users.find(payload["u"])
    except (ValueError, KeyError, TypeError, AttributeError, UserError):
        return None
    if account is None or not hmac.compare_digest(account.fingerprint, str(payload.get("v"))):
        return None
    return account.user, str(payload.get("s", ""))


def cookie_from_header(header: str, name: str) -> str | None:
    try:
        jar = SimpleCookie()
        jar.load(header or "")
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None else None


def kernel_proof(secret: str, kernel_id: str) -> str:
    """What a pre-heated kernel shows to read its request info (only kernels know the secret)."""
    return hmac.new(secret.encode(), f"voila-query:{kernel_id}".encode(),
                    hashlib.sha256).hexdigest()


# --- throttling --------------------------------------------------------------------------------


class Throttle:
    """Failed sign-ins: slow a guesser, never lock the real user out.

    Failures are counted per (address, name) pair, per address and per name, within
    ``window`` seconds (15 min). Over ``per_pair`` failures (5) a pair waits ``base`` seconds
    (30), doubling with each further failure up to ``cap`` (5 min); an address failing over
    ``per_address`` times (30, for any names: a spray) waits the same way up to ``address_cap``
    (1 min). A name failing from anywhere ``per_name`` times (10: a spread-out attack) lowers
    the pair's allowance to one failure — but an address that has not failed for that name
    (the real user at their own desk) always gets its try: a name is never locked for
    everyone. Refused attempts are not counted; old failures are forgotten; a success clears
    its pair and its name. Numbers (docs/operations.md): one address guessing one name gets 5
    tries, then about one every 5 minutes (some 300 a day); a thousand addresses get one try
    each once the name is under attack — against passwords of at least 8 characters.
    """

    def __init__(self, per_pair: int = 5, per_address: int = 30, per_name: int = 10,
                 window: float = 900, base: float = 30, cap: float = 300,
                 address_cap: float = 60, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.per_pair, self.per_address, self.per_name = per_pair, per_address, per_name
        self.window, self.base, self.cap, self.address_cap = window, base, cap, address_cap
        self.max_keys = max_keys
        self.clock = clock
        self._failures: dict[tuple[str, ...], deque[float]] = {}

    @staticmethod
    def _keys(name: str, address: str) -> tuple[tuple[str, ...], ...]:
        who = key(name or "")[: NAME_MAX * 4]
        return (("pair", address or "?", who), ("address", address or "?"), ("name", who))

    def _recent(self, k: tuple[str, ...], now: float) -> deque[float]:
        failures = self._failures.get(k, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(k, None)
        return failures

    def _lock(self, failures: deque[float], limit: int, cap: float, now: float) -> float:
        over = len(failures) - limit
        if over < 0:
            return 0.0
        return failures[-1] + min(self.base * 2 ** min(over, 30), cap) - now

    def wait(self, name: str, address: str) -> float:
        """Seconds until sign-in is allowed again for this name from this address (0: now)."""
        now = self.clock()
        pair, spray, named = (self._recent(k, now) for k in self._keys(name, address))
        limit = 1 if len(named) >= self.per_name else self.per_pair
        longest = max(self._lock(pair, limit, self.cap, now) if pair else 0.0,
                      self._lock(spray, self.per_address, self.address_cap, now))
        return max(0.0, longest)

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        for k in self._keys(name, address):
            self._recent(k, now)
            self._failures.setdefault(k, deque()).append(now)
        if len(self._failures) > self.max_keys:
            self._prune(now)

    def succeeded(self, name: str, address: str) -> None:
        pair, _, named = self._keys(name, address)
        self._failures.pop(pair, None)
        self._failures.pop(named, None)

    def _prune(self, now: float) -> None:
        for k in list(self._failures):
            self._recent(k, now)
        while len(self._failures) > self.max_keys:  # the oldest go first
            oldest = min(self._failures, key=lambda k: self._failures[k][-1])
            del self._failures[oldest]


def client_address(peer: str, headers: Any, trusted: Collection[str]) -> tuple[str, bool]:
    """The client's address and whether it came over HTTPS, as a trusted reverse proxy says
    (``X-Real-IP``, else the last address of ``X-Forwarded-For`` not itself a trusted proxy;
    ``X-Forwarded-Proto``); from any other peer these headers are ignored (anyone can send
    them), and the peer's own address is the client."""
    if peer not in trusted:
        return peer, False
    secure = str(headers.get("X-Forwarded-Proto", "")).strip().lower() == "https"
    real = str(headers.get("X-Real-IP", "")).strip()
    if real:
        return real[:64], secure
    hops = [h.strip() for h in str(headers.get("X-Forwarded-For", "")).split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop[:64], secure
    return peer, secure


def trusted_proxies() -> frozenset[str]:
    """``MICS_TRUSTED_PROXIES``: the reverse proxies' addresses, comma-separated (none by
    default: then every client is its own peer)."""
    return frozenset(p.strip() for p in os.environ.get(TRUSTED_ENV, "").split(",") if p.strip())


# --- the kernel side ---------------------------------------------------------------------------


def _wait_for_request(timeout: float | None = None) -> None:
    """Pre-heated kernel: wait for the page request that takes this kernel (as
    ``voila.utils.wait_for_request``, but proving to the server that we are the kernel)."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    kernel_id = os.environ.get("VOILA_KERNEL_ID", "")
    secret = os.environ.get(SECRET_ENV, "")
    url = (f"{os.environ.get('VOILA_WS_PROTOCOL', 'ws')}://"
           f"{os.environ.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{os.environ.get('VOILA_APP_PORT', '8866')}"
           f"{os.environ.get('VOILA_WS_BASE_URL') or os.environ.get('VOILA_SERVER_URL', '/')}"
           f"voila/query/{kernel_id}")
    result: dict = {}

    async def receive() -> None:
        request = HTTPRequest(url, headers={"X-Mics-Kernel": kernel_proof(secret, kernel_id)},
                              connect_timeout=10)
        connection = await websocket_connect(request)
        try:
            message = await asyncio.wait_for(connection.read_message(), timeout)
        finally:
            connection.close()
        if message:
            result.update(json.loads(message))

    def run() -> None:
        try:
            asyncio.run(receive())
        except Exception as exc:  # reported below as "no identity"
            result.clear()
            result["_error"] = repr(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join()
    for name, value in result.items():
        if not name.startswith("_") and isinstance(value, str):
            os.environ[name] = value


def signed_out_path(users_path: str | os.PathLike) -> str:
    """The list of sessions signed out (one ``session-id until`` per line) beside the users
    file: the server appends to it at sign-out, the kernels read it, so an open page learns
    that its session ended."""
    return f"{os.fspath(users_path)}.signed-out"


def note_signed_out(users_path: str | os.PathLike, sid: str, until: float) -> None:
    """Append one signed-out session (a short line: one ``write`` to an ``O_APPEND`` file,
    whole or not at all); a failure is logged by the caller, the server's own list holds."""
    from pathlib import Path

    from ..core.store import locked

    line = f"{sid} {until:.0f}\n".encode("ascii")
    path = signed_out_path(users_path)
    with locked(Path(path)):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)


def prune_signed_out(users_path: str | os.PathLike) -> None:
    """Keep only the sessions not yet expired (at a server's start: the list never grows for
    ever). Under the list's lock, rewritten whole: another server on the same users file
    appends under the same lock."""
    from pathlib import Path

    from ..core.fileio import atomic_writer
    from ..core.store import locked

    path = Path(signed_out_path(users_path))
    if not path.exists():
        return
    with contextlib.suppress(OSError, UserError), locked(path):
        now = time.time()
        keep = [line for line in path.read_text("ascii", errors="replace").splitlines()
                if len(parts := line.split()) == 2 and parts[1].isascii()
                and parts[1].isdigit() and int(parts[1]) > now]
        with atomic_writer(path, "w", permissions=0o600, encoding="ascii") as fh:
            fh.write("".join(f"{line}\n" for line in keep))


def _signed_out(users_path: str, sid: str) -> bool:
    try:
        with open(signed_out_path(users_path), encoding="ascii", errors="replace") as fh:
            now = time.time()
            for line in fh:
                parts = line.split()
                if len(parts) == 2 and parts[0] == sid and parts[1].isascii() \
                        and parts[1].isdigit() and int(parts[1]) > now:
                    return True
    except OSError:
        return False
    return False


def session_in_force() -> User | None:
    """The page's user as the users file says now, or None once the session is over: the
    user signed out (here or on another page), was removed, has a new password, or the 12
    hours are past. The register app asks before every write and on a timer; without a users
    file there is no session to end (the OS user records) and the answer is a local user."""
    path = os.environ.get(USERS_ENV)
    if not path:
        return User("", "admin")
    secret = os.environ.get(SECRET_ENV, "")
    name = os.environ.get(COOKIE_ENV, "")
    value = cookie_from_header(os.environ.get("HTTP_COOKIE", ""), name) if name else None
    try:
        found = read_session(secret, name, value, UsersFile(path)) if value else None
    except UserError:  # a users file that cannot be read: nobody is let through
        return None
    if found is None or _signed_out(path, found[1]):
        return None
    return found[0]


def current_user() -> User | None:
    """Who opened this page, for the notebooks: ``None`` when no users file is configured (the
    apps then behave as before: the OS user records); :class:`AuthError` when users are
    configured but the page request carries no valid session (never a guess)."""
    path = os.environ.get(USERS_ENV)
    if not path:
        return None
    if os.environ.get("VOILA_PREHEAT") == "True" and "HTTP_COOKIE" not in os.environ:
        _wait_for_request()
    secret = os.environ.get(SECRET_ENV, "")
    name = os.environ.get(COOKIE_ENV, "")
    value = cookie_from_header(os.environ.get("HTTP_COOKIE", ""), name) if name else None
    found = read_session(secret, name, value, UsersFile(path)) if value else None
    if found is None:
        raise AuthError("auth.no_identity")
    return found[0]


def logout_url() -> str:
    """The sign-out route of the Voila server running this kernel."""
    return (os.environ.get("VOILA_BASE_URL") or "/").rstrip("/") + "/logout"


__all__ = ["ROLES", "AuthError", "Throttle", "User", "current_user", "logout_url",
           "session_in_force"]
