"""Sign-in and roles: sessions, throttling, the register app's roles, and running Voila servers
(the register app, the same pre-heated, the dashboard) with a users file of three users."""

from __future__ import annotations

import asyncio
import csv
import http.client
import json
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from tornado.web import create_signed_value

from mics_budget.cli.cli import main
from mics_budget.config import DEFAULT_DATA_DIR, DataDir
from mics_budget.procurement.recording import add_lot
from mics_budget.web import auth
from mics_budget.web.auth import AuthError, Throttle, current_user, make_session, read_session
from mics_budget.web.register_app import RegisterApp
from mics_budget.web.server import voila_command, voila_env
from mics_budget.web.users import User, UsersFile
from mics_budget.web.webauth import _safe_next
from tests.conftest import VoilaServer, dashboard_argv

PEOPLE = {"Айгуль": ("recorder", "пароль-регистратора"),
          "boss": ("admin", "admin-password-1"),
          "guest": ("viewer", "viewer-password-1")}
SECRET = "0123456789abcdef" * 4
COOKIE = "mics-session-test"


@pytest.fixture(scope="module")
def users_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("users") / "users.json"
    users = UsersFile(path)
    for name, (role, password) in PEOPLE.items():
        users.add(name, role, password)
    return path


# --- sessions ----------------------------------------------------------------------------------


def test_a_session_names_the_user_and_cannot_be_forged(users_file):
    users = UsersFile(users_file)
    value, sid = make_session(SECRET, COOKIE, users.find("Айгуль"))
    assert read_session(SECRET, COOKIE, value, users) == (User("Айгуль", "recorder"), sid)
    assert read_session("another secret" * 4, COOKIE, value, users) is None
    assert read_session(SECRET, "another-cookie", value, users) is None
    forged = value.replace(value.split("|")[4], value.split("|")[4][::-1])
    assert read_session(SECRET, COOKIE, forged, users) is None
    payload = json.dumps({"u": "boss", "v": "0" * 24, "s": "x"})  # a right key, a wrong hash
    assert read_session(SECRET, COOKIE, create_signed_value(SECRET, COOKIE, payload), users) \
        is None
    assert read_session(SECRET, COOKIE, "", users) is None


def test_a_session_ends_with_time_a_new_password_or_removal(tmp_path, users_file):
    path = tmp_path / "users.json"
    shutil.copy(users_file, path)
    users = UsersFile(path)
    account = users.find("guest")
    old = create_signed_value(SECRET, COOKIE, json.dumps(
        {"u": "guest", "v": account.fingerprint, "s": "s1"}),
        clock=lambda: time.time() - (auth.SESSION_HOURS + 1) * 3600)
    assert read_session(SECRET, COOKIE, old, users) is None
    value, _ = make_session(SECRET, COOKIE, account)
    assert read_session(SECRET, COOKIE, value, users) is not None
    users.set_password("guest", "a-new-password")
    assert read_session(SECRET, COOKIE, value, UsersFile(path)) is None
    value, _ = make_session(SECRET, COOKIE, UsersFile(path).find("boss"))
    UsersFile(path).remove("boss")
    assert read_session(SECRET, COOKIE, value, UsersFile(path)) is None


def test_current_user_in_the_kernel(monkeypatch, users_file):
    for name in ("MICS_USERS", "HTTP_COOKIE", "VOILA_PREHEAT"):
        monkeypatch.delenv(name, raising=False)
    assert current_user() is None  # no users file: the app behaves as before
    monkeypatch.setenv("MICS_USERS", str(users_file))
    monkeypatch.setenv("MICS_SESSION_SECRET", SECRET)
    monkeypatch.setenv("MICS_SESSION_COOKIE", COOKIE)
    with pytest.raises(AuthError):  # users configured, no session: never a guess
        current_user()
    value, _ = make_session(SECRET, COOKIE, UsersFile(users_file).find("guest"))
    monkeypatch.setenv("HTTP_COOKIE", f'_xsrf=abc; {COOKIE}="{value}"; other=1')
    assert current_user() == User("guest", "viewer")
    forged = create_signed_value("not the secret" * 4, COOKIE, json.dumps(
        {"u": "boss", "v": UsersFile(users_file).find("boss").fingerprint, "s": "x"}))
    monkeypatch.setenv("HTTP_COOKIE", f'{COOKIE}="{forged.decode()}"')
    with pytest.raises(AuthError) as refused:
        current_user()
    assert "войдите снова" in str(refused.value)


def test_throttling_slows_a_guesser_and_never_locks_the_real_user_out():
    """Issue 25: behind a proxy (one address for all) or under a spread-out attack the old
    per-name rule locked everyone out; now a guesser is slowed per address and name, and an
    address that has not failed for a name always gets its try."""
    now = [1000.0]
    throttle = Throttle(per_pair=3, per_address=8, per_name=5, window=900, base=30, cap=300,
                        address_cap=60, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait("boss", "10.0.0.1") == 0
        throttle.failed("boss", "10.0.0.1")
    assert throttle.wait("boss", "10.0.0.1") == 30     # this address, this name
    assert throttle.wait("guest", "10.0.0.1") == 0     # another name from it still may
    assert throttle.wait("boss", "10.0.0.2") == 0      # the real boss elsewhere still may
    now[0] += 31
    throttle.failed("boss", "10.0.0.1")
    assert throttle.wait("boss", "10.0.0.1") == 60     # doubling …
    for i in range(20):
        now[0] += 1000 if i == 10 else 1
        throttle.failed("x", "10.0.0.9")
    assert throttle.wait("x", "10.0.0.9") <= 300       # … up to the cap (5 min)
    now[0] += 901
    assert throttle.wait("x", "10.0.0.9") == 0         # over once the window has passed
    # one name attacked from many addresses: each attacker gets one failure, then waits …
    for i in range(5):
        throttle.failed("guest", f"10.1.0.{i}")
    throttle.failed("guest", "10.1.0.0")
    assert throttle.wait("guest", "10.1.0.0") > 0
    # … but an address that has not failed for the name (the real guest) gets its try
    assert throttle.wait("guest", "10.2.0.1") == 0
    throttle.succeeded("guest", "10.2.0.1")
    assert throttle.wait("guest", "10.2.0.1") == 0
    # an address spraying many names waits, at most a minute
    for i in range(9):
        throttle.failed(f"name{i}", "10.4.0.1")
    assert 0 < throttle.wait("anyone", "10.4.0.1") <= 60
    small = Throttle(max_keys=10, clock=lambda: now[0])
    for i in range(100):
        small.failed(f"name{i}", f"10.3.{i}.1")
    assert len(small._failures) <= 10                  # memory stays bounded


def test_the_client_is_who_a_trusted_proxy_says_and_nobody_else():
    from mics_budget.web.auth import client_address

    proxy = frozenset({"127.0.0.1"})
    headers = {"X-Forwarded-For": "203.0.113.7, 10.9.9.9", "X-Forwarded-Proto": "https"}
    assert client_address("127.0.0.1", headers, proxy) == ("10.9.9.9", True)
    assert client_address("127.0.0.1", {"X-Real-IP": "198.51.100.2"}, proxy) == \
        ("198.51.100.2", False)
    assert client_address("10.0.0.5", headers, proxy) == ("10.0.0.5", False)  # not a proxy
    assert client_address("127.0.0.1", {}, proxy) == ("127.0.0.1", False)
    assert client_address("127.0.0.1", headers, frozenset()) == ("127.0.0.1", False)


def test_next_only_goes_to_this_server():
    assert _safe_next("/?x=1", "/") == "/?x=1"
    for bad in ("//evil.example/", "https://evil.example/", "/\\evil", "javascript:alert(1)",
                "", None, "relative", "/a\nb"):
        assert _safe_next(bad, "/") == "/"


# --- the register app's roles (in the kernel) --------------------------------------------------


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("auth") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root, ignore=shutil.ignore_patterns(".mics-cache"))
    add_lot(DataDir(root), "LOT-NEW", "7.2", "auction", "500000", title="Перчатки")
    return root


@pytest.fixture
def fresh_data(tmp_path, data_copy) -> Path:
    root = tmp_path / "data"
    shutil.copytree(data_copy, root)
    return root


def _prepare_step(app: RegisterApp) -> None:
    app.lot.value = "LOT-NEW"
    app.status.value = "announced"
    app.date.value = date(2025, 6, 2)
    app.document.value = "Объявление №7"


def test_a_viewer_gets_no_form_and_cannot_save(fresh_data):
    app = RegisterApp(DataDir(fresh_data), today=date(2025, 6, 30),
                      user=User("guest", "viewer"))
    assert app.form not in app.tabs.children
    assert "Вы вошли как guest (наблюдатель)" in app.who.value
    assert "только просмотр" in app.who.value and 'href="/logout"' in app.who.value
    events = fresh_data / "procurement" / "events.csv"
    before = events.read_bytes()
    _prepare_step(app)
    app.save.click()      # what a widget message from the browser would do: no handler
    app._on_save()        # and the handler itself refuses
    assert events.read_bytes() == before
    assert "только регистратор или администратор" in app.message.value


@pytest.mark.slow
def test_a_recorder_records_under_their_own_name(fresh_data):
    app = RegisterApp(DataDir(fresh_data), today=date(2025, 6, 30),
                      user=User("Айгуль", "recorder"), logout_url="/base/logout")
    assert app.form in app.tabs.children and app.recorded_by.disabled
    assert app.recorded_by.value == "Айгуль"
    assert "Записывает: Айгуль" in app.who.value and "/base/logout" in app.who.value
    app.recorded_by.value = "boss"  # a widget message can change a disabled field: ignored
    _prepare_step(app)
    app._on_save()
    assert "записано: лот LOT-NEW" in app.message.value
    last = list(csv.DictReader((fresh_data / "procurement" / "events.csv").open()))[-1]
    assert (last["lot"], last["status"], last["recorded_by"]) == \
        ("LOT-NEW", "announced", "Айгуль")


def test_who_records_in_kazakh_and_after_a_switch(fresh_data):
    from mics_budget import i18n

    app = RegisterApp(DataDir(fresh_data), today=date(2025, 6, 30), lang="kk",
                      user=User("guest", "viewer"))
    try:
        assert "Сіз guest ретінде кірдіңіз (бақылаушы)" in app.who.value
        assert "тек қарау" in app.who.value and ">Шығу</a>" in app.who.value
        app._on_save()
        assert "кезеңдерді тек тіркеуші немесе әкімші жаза алады" in app.message.value
        app.lang.value = "ru"
        assert "Вы вошли как guest (наблюдатель)" in app.who.value
        assert "только регистратор или администратор" in app.message.value
    finally:
        i18n.set_lang("ru")


def test_without_users_the_register_is_as_before(fresh_data):
    app = RegisterApp(DataDir(fresh_data), today=date(2025, 6, 30))
    assert app.form in app.tabs.children and not app.recorded_by.disabled
    assert app.who.value == ""


# --- the server command line --------------------------------------------------------------------


def test_the_voila_command_with_users(users_file, monkeypatch, capsys):
    command = voila_command(register=True, host="0.0.0.0", users=users_file)
    assert "--Voila.ip=0.0.0.0" in command  # any address: everyone signs in
    assert "--Voila.identity_provider_class=mics_budget.web.webauth.MicsIdentityProvider" in command
    assert "--Voila.authorizer_class=mics_budget.web.webauth.MicsAuthorizer" in command
    assert f"--MicsIdentityProvider.users_file={users_file}" in command
    assert "--VoilaConfiguration.http_header_envs=Cookie" in command
    assert "--Voila.token=" in command
    assert "--preheat_kernel=True" not in command
    assert "--preheat_kernel=True" in voila_command(register=True, users=users_file,
                                                    preheat=True)
    monkeypatch.setenv("MICS_USERS", "/elsewhere.json")
    monkeypatch.setenv("MICS_SESSION_SECRET", "old")
    env = voila_env(DataDir(DEFAULT_DATA_DIR), users=users_file)
    assert env["MICS_USERS"] == str(users_file) and len(env["MICS_SESSION_SECRET"]) == 64
    assert env["MICS_SESSION_COOKIE"].startswith("mics-session-")
    assert voila_env(DataDir(DEFAULT_DATA_DIR), users=users_file)["MICS_SESSION_SECRET"] != \
        env["MICS_SESSION_SECRET"]  # a new secret at each start
    plain = voila_env(DataDir(DEFAULT_DATA_DIR))
    assert not {"MICS_USERS", "MICS_SESSION_SECRET", "MICS_SESSION_COOKIE"} & set(plain)
    monkeypatch.delenv("MICS_USERS")
    empty = users_file.parent / "empty.json"
    assert main(["dashboard", "--users", str(empty)]) == 2
    assert "никого нет" in capsys.readouterr().err


# --- running servers ---------------------------------------------------------------------------


def cli_server(tmp: Path, name: str, users: Path, data: Path, *extra: str) -> VoilaServer:
    return VoilaServer(dashboard_argv(data, "--users", str(users), *extra),
                       log=tmp / f"{name}.log")


@pytest.fixture(scope="module")
def servers(tmp_path_factory, users_file, data_copy):
    """The register app, the same pre-heated, and the dashboard (in English), all with users."""
    tmp = tmp_path_factory.mktemp("servers")
    started = {"register": cli_server(tmp, "register", users_file, data_copy, "--register"),
               "dashboard": cli_server(tmp, "dashboard", users_file, data_copy, "--lang", "en")}
    started["preheated"] = VoilaServer(
        lambda port: voila_command(register=True, port=port, users=users_file, preheat=True),
        voila_env(DataDir(data_copy), users=users_file), tmp / "preheated.log")
    try:
        for server in started.values():
            server.wait(90)
        yield started
    finally:
        for server in started.values():
            server.stop()


class Client:
    """A tiny HTTP client: no redirects followed, cookies kept, a chosen source address (the
    whole 127.0.0.0/8 is loopback: each address is another client for the throttle)."""

    def __init__(self, server: VoilaServer, source: str = "127.0.0.1"):
        self.server, self.source = server, source
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None,
                headers: dict | None = None) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=90,
                                          source_address=(self.source, 0))
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if not morsel.value or str(morsel["max-age"]) == "0":  # cleared
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value
        conn.close()
        return response

    def login(self, name: str, password: str, **extra) -> http.client.HTTPResponse:
        form = self.request("GET", "/login?next=%2F")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text).group(1)
        fields = {"_xsrf": xsrf, "username": name, "password": password, "next": "/", **extra}
        return self.request("POST", "/login", fields)

    def logout(self) -> http.client.HTTPResponse:
        """Sign out as the page does: the confirmation page, then its form (POST, XSRF)."""
        page = self.request("GET", "/logout")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        return self.request("POST", "/logout", {"_xsrf": xsrf})

    def session(self) -> str | None:
        return next((v for k, v in self.cookies.items() if k.startswith("mics-session-")), None)


FAKE_KERNEL = "0b3c9f8e-1d2a-4c5b-8e7f-123456789abc"
UNSIGNED_GET = ["/", "/?token=", "/tree", "/tree/data", "/notebooks/register.ipynb", "/lab",
                "/files/data/procurement/events.csv", "/api/kernels", "/api/sessions",
                "/api/kernelspecs", "/api/contents", "/api/status", "/api/me",
                f"/api/kernels/{FAKE_KERNEL}", "/voila/render/register.ipynb", "/voila/tree",
                "/voila/api/contents", "/voila/files/register.ipynb", "/voila/files/x.png",
                "/voila/files/../data/procurement/events.csv"]
CONTENT = ("kernelId", "widget-view", "LOT-20", "Реестр", "mics-register", "jupyter-config-data")


def _ws_status(server: VoilaServer, path: str, cookie: str | None = None, **headers) -> int:
    """The HTTP status a websocket handshake gets (101 when it opens)."""
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    async def attempt() -> int:
        if cookie:
            headers["Cookie"] = cookie
        request = HTTPRequest(f"ws://127.0.0.1:{server.port}{path}", headers=headers,
                              connect_timeout=30, request_timeout=30)
        try:
            connection = await websocket_connect(request)
        except HTTPClientError as exc:
            return exc.code
        connection.close()
        return 101

    with ThreadPoolExecutor(1) as thread:  # playwright's sync API holds this thread's loop
        return thread.submit(lambda: asyncio.run(attempt())).result()


def _refused(response, what: str) -> None:
    assert response.status in (302, 403), (what, response.status)
    if response.status == 302:
        assert response.getheader("Location").startswith("/login?next="), what
    for marker in CONTENT:
        assert marker not in response.text, (what, marker)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["register", "dashboard", "preheated"])
def test_unsigned_requests_get_nothing(servers, name):
    server = servers[name]
    client = Client(server)
    for path in UNSIGNED_GET:
        _refused(client.request("GET", path), f"{name} GET {path}")
    for path in ("/", f"/voila/api/shutdown/{FAKE_KERNEL}", f"/api/kernels/{FAKE_KERNEL}",
                 "/api/kernels", "/api/sessions"):
        _refused(client.request("POST", path, {"x": "1"}), f"{name} POST {path}")
    _refused(client.request("DELETE", f"/api/kernels/{FAKE_KERNEL}"), f"{name} DELETE")
    assert _ws_status(server, f"/api/kernels/{FAKE_KERNEL}/channels") == 403
    assert _ws_status(server, f"/voila/query/{FAKE_KERNEL}") in (302, 403, 404)
    # the one public thing: the packages' own static files (no data, no kernel)
    assert client.request("GET", "/voila/static/voila.js").status == 200


@pytest.mark.slow
def test_wrong_passwords_and_forged_forms_do_not_sign_in(servers):
    server = servers["register"]
    client = Client(server, "127.0.0.11")
    failed = client.login("Айгуль", "not-her-password")
    assert failed.status == 403 and "Неверное имя пользователя или пароль." in failed.text
    assert client.session() is None
    assert client.login("nobody", "whatever-password").status == 403
    assert client.session() is None
    # no _xsrf token, or a foreign origin: refused before the password is even looked at
    form = {"username": "Айгуль", "password": PEOPLE["Айгуль"][1]}
    assert client.request("POST", "/login", form).status == 403
    assert client.login("Айгуль", PEOPLE["Айгуль"][1]).status == 302  # the real thing works
    other = Client(server, "127.0.0.12")
    page = other.request("GET", "/login")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    forged = other.request("POST", "/login", {**form, "_xsrf": xsrf},
                           headers={"Origin": "http://evil.example"})
    assert forged.status in (403, 404) and other.session() is None


@pytest.mark.slow
def test_the_session_cookie_and_sign_out(servers):
    server = servers["register"]
    client = Client(server, "127.0.0.13")
    signed = client.login("boss", PEOPLE["boss"][1])
    assert signed.status == 302 and signed.getheader("Location") == "/"
    header = next(h for h in signed.headers.get_all("Set-Cookie")
                  if h.startswith("mics-session-"))
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "expires" not in header.lower()  # ends with the browser (and after 12 hours)
    assert PEOPLE["boss"][1] not in header
    page = client.request("GET", "/")
    assert page.status == 200 and "kernelId" in page.text
    stolen = dict(client.cookies)
    # a GET signs nobody out (a link or an image on another site could send one): it asks
    asked = client.request("GET", "/logout")
    assert asked.status == 200 and 'method="post"' in asked.text and client.session()
    forged = client.request("POST", "/logout", {})  # no XSRF token: refused
    assert forged.status == 403 and client.session()
    out = client.logout()
    assert out.status == 302 and out.getheader("Location") == "/login?signed_out=1"
    assert client.session() is None
    assert "Вы вышли." in client.request("GET", "/login?signed_out=1").text
    replay = Client(server, "127.0.0.13")
    replay.cookies = stolen  # the old cookie itself is dead too, not only forgotten
    _refused(replay.request("GET", "/"), "after sign-out")


@pytest.mark.slow
def test_failed_sign_ins_are_throttled(servers):
    server = servers["register"]
    attacker = Client(server, "127.0.0.20")
    for _ in range(5):
        assert attacker.login("boss", "guessing-password").status == 403
    locked = attacker.login("boss", PEOPLE["boss"][1])  # even the right password now
    assert locked.status == 429 and re.search(r"Повторите через (29|30) с\.", locked.text)
    assert locked.getheader("Retry-After") in ("29", "30") and attacker.session() is None
    # the lockout is the attacker's address: boss still signs in from elsewhere
    assert Client(server, "127.0.0.21").login("boss", PEOPLE["boss"][1]).status == 302
    # one name attacked from many addresses: each attacker is slowed after one failure, but
    # a fresh address (the real owner of the name) still gets its try
    for i in range(10):
        assert Client(server, f"127.0.1.{i + 1}").login("mallory", "x-password").status == 403
    assert Client(server, "127.0.1.1").login("mallory", "x-password").status == 429
    assert Client(server, "127.0.2.1").login("mallory", "x-password").status == 403


@pytest.mark.slow
def test_the_dashboard_signs_in_in_english(servers):
    server = servers["dashboard"]
    client = Client(server, "127.0.0.30")
    form = client.request("GET", "/login")
    assert "Sign in" in form.text and 'name="username"' in form.text and \
        'name="password"' in form.text and 'lang="en"' in form.text
    assert "Wrong user name or password." in client.login("guest", "nope-nope-1").text
    assert client.login("guest", PEOPLE["guest"][1]).status == 302
    page = client.request("GET", "/")  # a viewer sees the (pre-heated) dashboard
    assert page.status == 200 and "widget-view" in page.text
    # the sign-in page offers the languages, and keeps the one chosen through the form
    kazakh = Client(server, "127.0.0.31")
    form = kazakh.request("GET", "/login?lang=kk&next=%2F")
    assert 'lang="kk"' in form.text and "Құпиясөз" in form.text
    assert 'aria-current="true" lang="kk"' in form.text
    assert all(f"lang={code}" in form.text for code in ("kk", "ru", "en"))
    assert 'name="lang" value="kk"' in form.text
    assert "Пайдаланушы аты немесе құпиясөз қате." in kazakh.login(
        "guest", "nope-nope-1", lang="kk").text
    assert 'lang="en"' in Client(server, "127.0.0.32").request(
        "GET", "/login?lang=xx").text  # an unknown language: the server's


@pytest.mark.slow
def test_an_unreadable_users_file_is_said_at_sign_in(servers, users_file):
    """Issue 25: a broken users file made sign-in a blank 500; now a page that says so."""
    server = servers["dashboard"]
    saved = users_file.read_bytes()
    try:
        users_file.write_text("{ not json", encoding="utf-8")
        answer = Client(server, "127.0.0.33").login("guest", PEOPLE["guest"][1])
        assert answer.status == 503 and "users file cannot be read" in answer.text
        assert "Traceback" not in answer.text
    finally:
        users_file.write_bytes(saved)
    assert Client(server, "127.0.0.34").login("guest", PEOPLE["guest"][1]).status == 302


@pytest.mark.slow
def test_the_dashboard_says_who_is_signed_in_in_its_language(servers, browser):
    page, blocked = browser
    server = servers["dashboard"]
    page.goto(server.url)
    page.wait_for_url(re.compile(r".*/login\?next=%2F$"))
    page.fill("input[name=username]", "guest")
    page.fill("input[name=password]", PEOPLE["guest"][1])
    page.click("button[type=submit]")
    page.wait_for_selector("text=Signed in as guest (viewer)", timeout=90_000)
    page.wait_for_selector(".mics-figure", timeout=90_000)
    page.locator(".mics-lang button", has_text="ҚАЗ").click()
    page.wait_for_selector("a.mics-sign-out:has-text('Шығу')", timeout=30_000)
    page.wait_for_selector("text=Сіз guest ретінде кірдіңіз", timeout=30_000)
    assert blocked == []


def _sign_in(page, server: VoilaServer, name: str) -> None:
    page.goto(server.url)
    page.wait_for_url(re.compile(r".*/login\?next=%2F$"))
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PEOPLE[name][1])
    page.click("button[type=submit]")
    page.wait_for_selector(".mics-register", timeout=90_000)


def _choose(select, starts: str) -> None:
    raw = select.locator("option").all_inner_texts()
    select.select_option(label=next(o for o in raw if o.replace("\xa0", " ").startswith(starts)))


@pytest.mark.slow
def test_a_recorder_records_in_chromium_and_nobody_else_drives_the_kernel(servers, browser,
                                                                           data_copy):
    server = servers["register"]
    page, blocked = browser
    _sign_in(page, server, "Айгуль")
    page.wait_for_selector("text=Записывает: Айгуль")
    page.get_by_role("tab", name="Записать этап").click()
    who = page.locator(".mics-form input[type=text]").last  # «Кто записывает»
    assert who.input_value() == "Айгуль" and who.is_disabled()
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    lot = page.locator(".mics-form select").nth(0)
    _choose(lot, "LOT-NEW")
    page.wait_for_function("() => document.querySelectorAll('.mics-form select')[1]"
                           ".options.length === 2")  # the steps a planned lot allows
    page.locator(".mics-form select").nth(1).select_option(label="объявлен")
    document = page.get_by_label("Документ")
    document.fill("Объявление 77")
    document.press("Tab")
    events = data_copy / "procurement" / "events.csv"
    before = events.read_text(encoding="utf-8")
    page.get_by_role("button", name="Записать").click()
    page.wait_for_selector(".mics-ok", timeout=30_000)
    added = events.read_text(encoding="utf-8")[len(before):]
    rows = list(csv.DictReader([before.splitlines()[0], *added.splitlines()]))
    assert len(rows) == 1
    assert (rows[0]["lot"], rows[0]["status"], rows[0]["document"], rows[0]["recorded_by"]) == \
        ("LOT-NEW", "announced", "Объявление 77", "Айгуль")
    # her kernel: nobody unsigned, and no other signed-in user, may connect to it
    channels = f"/api/kernels/{kernel_id}/channels"
    assert _ws_status(server, channels) == 403
    assert Client(server).request("GET", f"/api/kernels/{kernel_id}").status == 403
    viewer = Client(server, "127.0.0.40")
    assert viewer.login("guest", PEOPLE["guest"][1]).status == 302
    cookie = "; ".join(f"{k}={v}" for k, v in viewer.cookies.items())
    assert _ws_status(server, channels, cookie) == 403
    assert viewer.request("GET", f"/api/kernels/{kernel_id}").status == 403
    # nor shut it down through Voila's page-unload route (it answered 204 to anyone)
    shutdown = viewer.request("POST", f"/voila/api/shutdown/{kernel_id}", {},
                              headers={"X-XSRFToken": viewer.cookies.get("_xsrf", "")})
    assert shutdown.status == 403
    assert _ws_status(server, channels, "; ".join(
        f"{c['name']}={c['value']}" for c in page.context.cookies())) == 101  # still alive
    # sign-out from the page
    page.click("a.mics-sign-out")
    page.get_by_role("button", name="Выйти").click()  # a GET only asks
    page.wait_for_selector("text=Вы вышли.")
    page.goto(server.url)
    page.wait_for_selector("input[name=password]")
    assert blocked == []


@pytest.mark.slow
def test_a_viewer_sees_the_register_without_the_form(servers, browser):
    page, blocked = browser
    _sign_in(page, servers["register"], "guest")
    page.wait_for_selector("text=Вы вошли как guest (наблюдатель)")
    page.wait_for_selector("text=LOT-2023-001")
    assert page.locator(".mics-form").count() == 0
    assert page.get_by_role("button", name="Записать").count() == 0
    assert page.locator(".mics-read-only").is_visible()
    assert blocked == []


@pytest.mark.slow
def test_a_pre_heated_kernel_learns_who_took_it(servers, browser):
    server = servers["preheated"]
    page, _ = browser
    _sign_in(page, server, "Айгуль")
    page.wait_for_selector("text=Записывает: Айгуль", timeout=60_000)
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    # the request info (with the session cookie) goes to that kernel only
    viewer = Client(server, "127.0.0.50")
    viewer.login("guest", PEOPLE["guest"][1])
    cookie = "; ".join(f"{k}={v}" for k, v in viewer.cookies.items())
    assert _ws_status(server, f"/voila/query/{kernel_id}") == 403
    assert _ws_status(server, f"/voila/query/{kernel_id}", cookie) == 403
    assert _ws_status(server, f"/voila/query/{kernel_id}", **{"X-Mics-Kernel": "0" * 64}) == 403


@pytest.mark.slow
def test_an_open_page_outlives_no_sign_out(servers, browser, data_copy):
    """Signed out in another tab (the same session), the open register page records nothing
    more: its kernel asks the session before the write and says it ended."""
    server = servers["register"]
    page, blocked = browser
    _sign_in(page, server, "boss")
    page.get_by_role("tab", name="Записать этап").click()
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    other = Client(server, "127.0.0.60")
    other.cookies = dict(cookies)
    assert other.logout().status == 302  # the same session, elsewhere
    events = data_copy / "procurement" / "events.csv"
    before = events.read_bytes()
    page.get_by_role("button", name="Записать").click()  # the session is asked first
    page.wait_for_selector("text=Сеанс завершён", timeout=30_000)
    assert events.read_bytes() == before
    assert blocked == []
    page.goto("about:blank")  # leave now: the page's kernel is stopping


def test_a_user_keeps_at_most_three_kernels(monkeypatch):
    """Issue 25: each page load starts a kernel of some 220 MB; a user's fourth page ends
    their oldest kernel (another user's are untouched)."""
    import asyncio
    from types import SimpleNamespace

    from mics_budget.web import webauth

    stopped: list[str] = []

    class Manager:
        def __init__(self):
            self.ids = set()

        def list_kernel_ids(self):
            return list(self.ids)

        async def shutdown_kernel(self, kernel_id):
            stopped.append(kernel_id)
            self.ids.discard(kernel_id)

    async def scenario():
        manager = Manager()
        authorizer = webauth.MicsAuthorizer()
        vera, boss = SimpleNamespace(username="vera"), SimpleNamespace(username="boss")

        def connect(user, kernel_id):
            manager.ids.add(kernel_id)
            handler = SimpleNamespace(kernel_id=kernel_id, kernel_manager=manager,
                                      path_kwargs={})
            return authorizer.is_authorized(handler, user, "execute", "kernels")

        assert connect(boss, "b1")
        for number in range(1, 5):
            assert connect(vera, f"v{number}")
        await asyncio.sleep(0.05)  # the shutdown is scheduled on the loop
        assert stopped == ["v1"]
        assert connect(vera, "v4")  # the same page again: nothing more stops
        assert not connect(boss, "v2")  # nor may anyone else drive hers
        await asyncio.sleep(0.05)
        assert stopped == ["v1"] and manager.ids == {"b1", "v2", "v3", "v4"}

    import threading

    failure: list[BaseException] = []

    def run() -> None:  # a loop of its own (the test session may run one already)
        try:
            asyncio.run(scenario())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not failure, failure
