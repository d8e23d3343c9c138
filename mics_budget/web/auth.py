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
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie

from tornado.web import create_signed_value, decode_signed_value

from ..errors import UserError
from .users import NAME_MAX, ROLES, USERS_ENV, Account, User, UsersFile, key

SECRET_ENV = "MICS_SESSION_SECRET"
COOKIE_ENV = "MICS_SESSION_COOKIE"
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
    """Failed sign-ins per client address and per name.

    After ``per_address`` failures from one address (or ``per_name`` failures for one name,
    from anywhere) within ``window`` seconds, sign-in from that address (for that name) is
    refused for ``base`` seconds, doubling with each further failure up to ``cap``. Nothing lasts
    longer than ``cap`` after the last failure: failures older than ``window`` are forgotten and
    attempts refused during a lockout are not counted, so nobody is locked out for ever.
    A success clears the address and the name.
    """

    def __init__(self, per_address: int = 5, per_name: int = 10, window: float = 900,
                 base: float = 30, cap: float = 900, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.limits = {"address": per_address, "name": per_name}
        self.window, self.base, self.cap, self.max_keys = window, base, cap, max_keys
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}

    def _keys(self, name: str, address: str) -> list[tuple[str, str]]:
        return [("address", address or "?"), ("name", key(name or "")[: NAME_MAX * 4])]

    def _recent(self, k: tuple[str, str], now: float) -> deque[float]:
        failures = self._failures.get(k, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(k, None)
        return failures

    def wait(self, name: str, address: str) -> float:
        """Seconds until sign-in is allowed again for this name from this address (0: now)."""
        now = self.clock()
        longest = 0.0
        for k in self._keys(name, address):
            failures = self._recent(k, now)
            over = len(failures) - self.limits[k[0]]
            if over >= 0:
                lock = min(self.base * 2 ** min(over, 30), self.cap)
                longest = max(longest, failures[-1] + lock - now)
        return max(0.0, longest)

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        for k in self._keys(name, address):
            self._recent(k, now)
            self._failures.setdefault(k, deque()).append(now)
        if len(self._failures) > self.max_keys:
            self._prune(now)

    def succeeded(self, name: str, address: str) -> None:
        for k in self._keys(name, address):
            self._failures.pop(k, None)

    def _prune(self, now: float) -> None:
        for k in list(self._failures):
            self._recent(k, now)
        while len(self._failures) > self.max_keys:  # the oldest go first
            oldest = min(self._failures, key=lambda k: self._failures[k][-1])
            del self._failures[oldest]


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


def sign_out_link():
    """A «Выйти» link widget when users sign in, an empty one otherwise. It needs no identity,
    so a pre-heated page (the dashboard) shows it without waiting for the request."""
    import html

    import ipywidgets as widgets

    from ..i18n import t

    link = widgets.HTML()
    if os.environ.get(USERS_ENV):
        link.value = (f'<a class="mics-sign-out" href="{html.escape(logout_url())}">'
                      f'{html.escape(t("auth.sign_out"))}</a>')
    link.add_class("mics-who")
    return link


__all__ = ["ROLES", "AuthError", "Throttle", "User", "current_user", "logout_url",
           "session_in_force", "sign_out_link"]
