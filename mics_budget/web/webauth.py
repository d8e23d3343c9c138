"""Sign-in for the Voila pages: a jupyter_server identity provider and its handlers.

``mics-budget dashboard --users FILE`` starts Voila 0.5 (on jupyter_server 2) with::

    --Voila.identity_provider_class=mics_budget.web.webauth.MicsIdentityProvider
    --Voila.authorizer_class=mics_budget.web.webauth.MicsAuthorizer
    --MicsIdentityProvider.users_file=/path/users.json
    --VoilaConfiguration.http_header_envs=Cookie

:class:`MicsIdentityProvider` serves ``/login`` (a form with ``username`` and ``password``,
Russian, Kazakh or English after ``MICS_LANG``, protected by tornado's ``_xsrf`` token and
jupyter_server's origin check) and ``/logout``, and recognises the signed session cookie
(HttpOnly, SameSite=Lax, Secure under HTTPS; see :mod:`.auth`). Every jupyter_server handler
then requires a session (jupyter_server 2 refuses unauthenticated access to any handler not
marked otherwise): Voila's page (every path of its catch-all ``/(.*)``, so also ``/tree``,
``/api/kernels``, ``/api/sessions`` …), ``/api/kernels/<id>`` and its websocket,
``/voila/api/shutdown/<id>``. Voila's plain tornado handlers that could give anything away
are replaced by guarded ones placed before Voila's: ``/voila/files/…`` (403 unless signed in)
and ``/voila/query/<kernel>`` (the request info of pre-heated kernels, for the kernel only).
Voila's static JS/CSS, JupyterLab themes and the template's files stay public: they are the
installed packages' own files, hold no data and reach no kernel; Voila registers them before
the identity provider's handlers, so guarding them would mean patching Voila.

Failed sign-ins are throttled per address and per name (:class:`.auth.Throttle`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import ipaddress
import os
import secrets
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urlparse

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider
from jupyter_server.auth.identity import User as JupyterUser
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop
from traitlets import Unicode, default

from .. import i18n
from ..errors import UserError
from ..i18n import t
from .auth import (
    COOKIE_ENV,
    SECRET_ENV,
    SESSION_HOURS,
    Throttle,
    client_address,
    kernel_proof,
    make_session,
    note_signed_out,
    prune_signed_out,
    read_session,
    trusted_proxies,
)
from .users import NAME_MAX, USERS_ENV, Account, UsersFile

KERNELS_PER_USER = 3  # pages (kernels) a user keeps at once; a fourth ends the oldest
KERNEL_ID = r"(?P<kernel_id>\w+-\w+-\w+-\w+-\w+)"   # as jupyter_server and Voila route it
PROVIDER = f"{__name__}.MicsIdentityProvider"
AUTHORIZER = f"{__name__}.MicsAuthorizer"


@dataclass
class MicsUser(JupyterUser):
    """jupyter_server's user with the role."""

    role: str = "viewer"


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class MicsIdentityProvider(IdentityProvider):
    """Sign-in with the names and passwords of a users file (see the module's docstring)."""

    users_file = Unicode(help="The users file (default: $MICS_USERS).").tag(config=True)

    @default("users_file")
    def _users_file_default(self) -> str:
        return os.environ.get(USERS_ENV, "")

    @default("token")
    def _token_default(self) -> str:
        return ""  # no shared token: only named users

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.token = ""  # Voila may pass its --token; named users replace it
        # Voila passes its own login handler (jupyter_server's token form): ours replace them
        self.login_handler_class = LoginHandler
        self.logout_handler_class = LogoutHandler
        path = Path(self.users_file).expanduser().resolve() if self.users_file else None
        self.users = UsersFile(path) if path else None
        if path is None:
            self.log.critical("mics: no users file: nobody can sign in")
        else:
            try:
                count = len(self.users.accounts())
            except UserError as exc:
                count = 0
                self.log.critical("mics: %s", exc)
            self.log.info("mics: %d user(s) in %s", count, path)
        self.secret = os.environ.get(SECRET_ENV) or secrets.token_hex(32)
        self.base_url = getattr(self.parent, "base_url", "/") or "/"
        self.cookie_name = (os.environ.get(COOKIE_ENV)
                            or f"mics-session-{getattr(self.parent, 'port', 0)}")
        self.throttle = Throttle()
        self.trusted = trusted_proxies()  # reverse proxies whose X-Real-IP/-Forwarded-* count
        self._revoked: dict[str, float] = {}
        if path is not None:
            prune_signed_out(path)  # sessions of an earlier start are dead anyway
        # the kernels inherit the server's environment and verify sessions themselves;
        # `mics-budget dashboard` sets these before Voila starts (pre-heated kernels start
        # before this provider exists), plain `voila` gets them from here
        os.environ[SECRET_ENV] = self.secret
        os.environ[COOKIE_ENV] = self.cookie_name
        if path is not None:
            os.environ[USERS_ENV] = str(path)
        ip = getattr(self.parent, "ip", "") or "0.0.0.0"
        if not _is_loopback(ip) and ip != "localhost":
            self.log.warning("mics: on %s passwords and session cookies cross the network "
                             "unencrypted unless HTTPS is put in front of Voila", ip)

    # --- what jupyter_server asks
    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return True

    def should_check_origin(self, handler: web.RequestHandler) -> bool:
        return True

    def is_token_authenticated(self, handler: web.RequestHandler) -> bool:
        return False

    def get_cookie_name(self, handler: web.RequestHandler) -> str:
        return self.cookie_name

    def get_user(self, handler: web.RequestHandler) -> MicsUser | None:
        if hasattr(handler, "_mics_user"):
            return handler._mics_user
        handler._mics_user = None  # type: ignore[attr-defined]  # cached per request
        handler._mics_session = None  # type: ignore[attr-defined]
        if self.users is None:
            return None
        try:
            found = read_session(self.secret, self.cookie_name,
                                 handler.get_cookie(self.cookie_name), self.users)
        except UserError as exc:  # a broken users file: nobody gets in
            self.log.error("mics: %s", exc)
            return None
        if found is None:
            return None
        user, sid = found
        if sid in self._revoked:
            return None
        handler._mics_user = MicsUser(username=user.name, role=user.role)  # type: ignore[attr-defined]
        handler._mics_session = sid  # type: ignore[attr-defined]
        return handler._mics_user  # type: ignore[attr-defined]

    def get_user_token(self, handler: web.RequestHandler):  # no tokens, ever
        return None

    def identity_model(self, user: JupyterUser) -> dict:
        return {"username": user.username, "name": user.name, "display_name": user.display_name,
                "initials": None, "avatar_url": None, "color": None}

    def set_login_cookie(self, handler: web.RequestHandler, user: JupyterUser) -> None:
        account = self.users.find(user.username) if self.users else None
        if account is None:
            raise web.HTTPError(403)
        value, _sid = make_session(self.secret, self.cookie_name, account)
        handler.set_cookie(self.cookie_name, value, path=self.base_url, httponly=True,
                           samesite="Lax", secure=_over_https(handler, self.trusted))

    def clear_login_cookie(self, handler: web.RequestHandler) -> None:
        handler.clear_cookie(self.cookie_name, path=self.base_url)

    def revoke(self, sid: str | None) -> None:
        """End a session now (sign-out), not only when its cookie is gone: here, and for the
        kernels of its open pages, in the signed-out list beside the users file."""
        now = time.time()
        self._revoked = {s: until for s, until in self._revoked.items() if until > now}
        if sid:
            until = now + SESSION_HOURS * 3600
            self._revoked[sid] = until
            if self.users is not None:
                try:
                    note_signed_out(self.users.path, sid, until)
                except (OSError, UserError) as exc:
                    self.log.error("mics: the signed-out list cannot be written: %s", exc)

    def get_handlers(self) -> list[tuple]:
        """Login and logout, and guards placed before Voila's unauthenticated handlers."""
        base = self.base_url
        handlers: list[tuple] = [
            (url_path_join(base, "/login"), self.login_handler_class),
            (url_path_join(base, "/logout"), self.logout_handler_class),
        ]
        voila = self.parent
        configuration = getattr(voila, "voila_configuration", None)
        if configuration is not None:
            SignedInFileHandler, KernelOnlyRequestInfoHandler = _guarded_voila_handlers()
            handlers.append((url_path_join(base, r"/voila/files/(.*)"), SignedInFileHandler,
                             {"allowlist": configuration.file_allowlist,
                              "denylist": configuration.file_denylist,
                              "path": voila.root_dir}))  # type: ignore[union-attr]
            if configuration.preheat_kernel:
                handlers.append((url_path_join(base, rf"/voila/query/{KERNEL_ID}"),
                                 KernelOnlyRequestInfoHandler, {"secret": self.secret}))
        return handlers

    # --- the password check (in a thread: scrypt takes about 0.1 s)
    async def authenticate(self, name: str, password: str) -> Account | None:
        if self.users is None:
            return None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.users.authenticate, name, password)


class MicsAuthorizer(Authorizer):
    """Signed-in users only; a kernel belongs to the first user who connects to it (the one
    whose page started it), so nobody drives another person's kernel even with its id."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._owners: dict[str, str] = {}

    def is_authorized(self, handler, user, action, resource) -> bool:
        if user is None:
            return False
        if resource != "kernels":
            return True
        kernel_id = getattr(handler, "kernel_id", None) or handler.path_kwargs.get("kernel_id")
        if not kernel_id:
            return True
        if len(self._owners) > 1000:
            alive = set(handler.kernel_manager.list_kernel_ids())
            self._owners = {k: v for k, v in self._owners.items() if k in alive}
        new = kernel_id not in self._owners
        owner = self._owners.setdefault(kernel_id, user.username)
        if owner != user.username:
            self.log.warning("mics: %s refused kernel %s of %s", user.username, kernel_id, owner)
            return False
        if new:
            self._cap(handler, user.username, kernel_id)
        return True

    def _cap(self, handler, name: str, newest: str) -> None:
        """At most :data:`KERNELS_PER_USER` kernels per user (each page load starts one of
        about 220 MB, kept while idle): a new page of a user ends that user's oldest ones —
        tabs left open elsewhere, whose pages say their kernel stopped."""
        manager = handler.kernel_manager
        alive = set(manager.list_kernel_ids())
        mine = [k for k, who in self._owners.items()
                if who == name and k in alive and k != newest]
        for old in mine[: max(0, len(mine) + 1 - KERNELS_PER_USER)]:
            self._owners.pop(old, None)
            self.log.info("mics: %s has %d pages open: their oldest kernel %s stops",
                          name, len(mine) + 1, old)
            IOLoop.current().spawn_callback(_shutdown, manager, old)


async def _shutdown(manager, kernel_id: str) -> None:
    with contextlib.suppress(Exception):  # already gone: nothing to do
        result = manager.shutdown_kernel(kernel_id)
        if asyncio.iscoroutine(result):
            await result


def _over_https(handler: web.RequestHandler, trusted: frozenset[str]) -> bool:
    """HTTPS here, or at a trusted reverse proxy in front (its ``X-Forwarded-Proto``)."""
    if handler.request.protocol == "https":
        return True
    return client_address(handler.request.remote_ip or "", handler.request.headers,
                          trusted)[1]


def _safe_next(target: str | None, base: str) -> str:
    """Only paths of this server: no scheme, no host, no ``//`` or backslash tricks."""
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return base
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith(base) or target.startswith("//"):
        return base
    return target
@cache
def _login_page() -> str:
    """The sign-in page (``static/login.html`` of the Voila template; ``str.format`` fields)."""
    from .server import TEMPLATE_STATIC

    return (TEMPLATE_STATIC / "login.html").read_text("utf-8")


class _Handler(JupyterHandler):
    @property
    def _provider(self) -> MicsIdentityProvider:
        return self.identity_provider  # type: ignore[return-value]  # set by our provider

    def _lang(self) -> str:
        """The language chosen on the page (``?lang=kk``, kept through the form), else the
        server's."""
        chosen = self.get_argument("lang", None)
        return chosen if chosen in i18n.LANGS else i18n.get_lang()


class LoginHandler(_Handler):
    """``GET /login``: the form; ``POST /login``: check, throttle, set the session cookie."""

    def _page(self, key: str = "", kind: str = "error", name: str = "",
              **params: object) -> None:
        """The form, with the message ``key`` (translated here, in the page's language)."""
        with i18n.using(self._lang()):
            self._render(t(key, **params) if key else "", kind, name)

    def _render(self, message: str, kind: str, name: str) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        base = self._provider.base_url
        target = _safe_next(self.get_argument("next", None), base)
        note = (f'<p class="mics-login-{kind}" role="alert">{html.escape(message)}</p>'
                if message else "")
        lang = i18n.get_lang()
        here = url_path_join(base, "login")
        langs = " ".join(
            (f'<a href="{html.escape(here)}?{urlencode({"lang": code, "next": target})}"'
             + (' aria-current="true"' if code == lang else "")
             + f' lang="{code}" title="{name}">{button}</a>')
            for button, code, name in i18n.LANGUAGE_BUTTONS)
        self.finish(_login_page().format(
            lang=lang, langs=langs, language=html.escape(t("lang.choose")),
            title=html.escape(t("login.title")),
            heading=html.escape(t("login.heading")), message=note,
            action=html.escape(url_path_join(base, "login")), xsrf=self.xsrf_form_html(),
            next=html.escape(target), username=html.escape(t("login.username")),
            name=html.escape(name), maxlength=NAME_MAX, password=html.escape(t("login.password")),
            submit=html.escape(t("login.submit"))))

    @allow_unauthenticated
    def get(self) -> None:
        if self.current_user:
            self.redirect(_safe_next(self.get_argument("next", None),
                                     self._provider.base_url))
            return
        if self.get_argument("signed_out", None):
            self._page("login.signed_out", kind="note")
        else:
            self._page()

    @allow_unauthenticated
    async def post(self) -> None:
        provider = self._provider
        name = self.get_body_argument("username", "")
        password = self.get_body_argument("password", "")
        address, _ = client_address(self.request.remote_ip or "?", self.request.headers,
                                    provider.trusted)
        wait = provider.throttle.wait(name, address)
        if wait > 0:
            self.log.warning("mics: sign-in throttled for %r from %s", name[:NAME_MAX], address)
            self.set_status(429)
            self.set_header("Retry-After", str(int(wait) + 1))
            self._page("login.throttled", name=name[:NAME_MAX], seconds=int(wait) + 1)
            return
        provider.throttle.failed(name, address)  # counted before the slow check: no racing it
        try:
            account = await provider.authenticate(name, password)
        except UserError as exc:  # a users file that cannot be read: said, never a blank 500
            self.log.error("mics: %s", exc)
            self.set_status(503)
            self._page("login.unavailable", name=name[:NAME_MAX])
            return
        if account is None:
            self.log.warning("mics: failed sign-in for %r from %s", name[:NAME_MAX], address)
            self.set_status(403)
            self._page("login.failed", name=name[:NAME_MAX])
            return
        provider.throttle.succeeded(name, address)
        provider.set_login_cookie(self, MicsUser(username=account.name, role=account.role))
        self.log.info("mics: %s signed in (%s) from %s", account.name, account.role, address)
        self.redirect(_safe_next(self.get_argument("next", None), provider.base_url))


class LogoutHandler(_Handler):
    """``GET /logout``: a page asking to sign out (a button: a link from any other site must
    not sign anyone out); ``POST /logout`` (with the page's XSRF token): end the session, here
    and for the kernels of its open pages, and show the sign-in form again."""

    @allow_unauthenticated
    def get(self) -> None:
        provider = self._provider
        if not self.current_user:
            self.redirect(url_path_join(provider.base_url, "login"))
            return
        with i18n.using(self._lang()):
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            action = html.escape(url_path_join(provider.base_url, "logout"))
            self.finish(
                f'<!DOCTYPE html><html lang="{i18n.get_lang()}"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{html.escape(t('auth.sign_out'))}</title></head>"
                '<body style="font-family: system-ui, sans-serif; margin: 12vh auto; '
                'max-width: 360px">'
                f"<p>{html.escape(t('auth.sign_out_ask', name=self.current_user.username))}</p>"
                f'<form method="post" action="{action}">{self.xsrf_form_html()}'
                f'<button type="submit">{html.escape(t("auth.sign_out"))}</button></form>'
                "</body></html>")

    @allow_unauthenticated
    def post(self) -> None:  # jupyter_server checks the XSRF token of every POST
        provider = self._provider
        if self.current_user:
            self.log.info("mics: %s signed out", self.current_user.username)
        provider.revoke(getattr(self, "_mics_session", None))
        provider.clear_login_cookie(self)
        self.redirect(url_path_join(provider.base_url, "login") + "?signed_out=1")


def _guarded_voila_handlers() -> tuple[type, type]:
    """Voila's two unauthenticated handlers that matter, with a guard in front (Voila is
    imported only here: importing it takes seconds)."""
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.static_file_handler import AllowListFileHandler

    class SignedInFileHandler(AllowListFileHandler):
        """Voila's ``/voila/files/…`` (files beside the notebook), for signed-in users only."""

        def prepare(self):
            if self.settings["identity_provider"].get_user(self) is None:
                raise web.HTTPError(403)
            return super().prepare()

    class KernelOnlyRequestInfoHandler(RequestInfoSocketHandler):
        """Voila's ``/voila/query/<kernel>`` hands a pre-heated kernel the request that took it
        (the session cookie among it) to anyone who asks; here only a local process knowing
        the server's secret (the kernel) may read it."""

        def initialize(self, secret: str = "") -> None:
            self.secret = secret

        def prepare(self):
            kernel_id = self.path_kwargs.get("kernel_id", "")
            proof = self.request.headers.get("X-Mics-Kernel", "")
            if not (_is_loopback(self.request.remote_ip or "") and self.secret
                    and hmac.compare_digest(proof, kernel_proof(self.secret, kernel_id))):
                raise web.HTTPError(403)
            return super().prepare()

    # Voila's ``/voila/api/shutdown/<kernel>`` (a page's ``beforeunload``) shuts a kernel down
    # for any signed-in user. Its route comes before any handler given here, so its class is
    # guarded in place: only the kernel's owner, as for ``/api/kernels/*``.
    if not getattr(VoilaShutdownKernelHandler, "_mics_guarded", False):
        unguarded = VoilaShutdownKernelHandler.post

        async def post(self, kernel_id):
            self.kernel_id = kernel_id
            if not self.authorizer.is_authorized(self, self.current_user, "write", "kernels"):
                raise web.HTTPError(403)
            return await unguarded(self, kernel_id)

        VoilaShutdownKernelHandler.post = web.authenticated(post)
        VoilaShutdownKernelHandler._mics_guarded = True

    return SignedInFileHandler, KernelOnlyRequestInfoHandler
