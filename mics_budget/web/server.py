"""Starting Voila for the dashboard or the register app, with a shipped configuration.

Bound to 127.0.0.1 by default; another address is refused unless a token is set (and then the
token is required); no tracebacks for users; a cell timeout; idle kernels culled; pre-heated
kernels for the dashboard; the ``mics`` template, which loads nothing from a CDN.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..config import NOTEBOOKS_DIR, DataDir
from ..errors import UserError

SHARE = Path(__file__).with_name("share") / "jupyter"
#: the Voila template's own files: the pages' styles, the sign-in page
TEMPLATE_STATIC = SHARE / "voila" / "templates" / "mics" / "static"
LOCAL_HOSTS = {"localhost"}
CELL_TIMEOUT = 120          # seconds for a dashboard cell before the page gives up
CULL_IDLE = 900             # an idle viewer's kernel is shut down after 15 minutes
CULL_INTERVAL = 60


def is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def voila_command(register: bool = False, host: str = "127.0.0.1", port: int = 8866,
                  token: str | None = None, users: Path | None = None,
                  preheat: bool | None = None) -> list[str]:
    """The ``voila`` command line; raises :class:`UserError` for a public host w/o token.

    With a users file, every page needs a signed-in user (:mod:`.webauth`) instead of a token,
    on any address."""
    if users is None and not is_local(host) and not token:
        raise UserError("server.token_required", host=host)
    notebook = NOTEBOOKS_DIR / ("register.ipynb" if register else "dashboard.ipynb")
    command = [
        sys.executable, "-m", "voila", str(notebook), "--no-browser",
        f"--Voila.ip={host}", f"--port={port}", "--Voila.port_retries=0",
        "--template=mics", "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaExecutor.timeout={CELL_TIMEOUT}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
        f"--Voila.token={'' if users else token or ''}",
    ]
    if users is not None:
        from .webauth import AUTHORIZER, PROVIDER

        command += [f"--Voila.identity_provider_class={PROVIDER}",
                    f"--Voila.authorizer_class={AUTHORIZER}",
                    f"--MicsIdentityProvider.users_file={users}",
                    "--VoilaConfiguration.http_header_envs=Cookie"]  # the kernel reads it
    if preheat is None:  # the register app writes files: a fresh kernel per page is safer
        preheat = not register
    if preheat:
        command += ["--preheat_kernel=True", "--pool_size=1"]
    return command


def voila_env(data: DataDir, lang: str | None = None,
              users: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("MICS_USERS", "MICS_SESSION_SECRET", "MICS_SESSION_COOKIE"):
        env.pop(name, None)  # without users the kernels must not think there are any
    if users is not None:
        # the server and every kernel, pre-heated or not, inherit these (mics_budget.web.auth):
        # a new secret and cookie name at each start, so a restart ends every session
        env["MICS_USERS"] = str(users)
        env["MICS_SESSION_SECRET"] = secrets.token_hex(32)
        env["MICS_SESSION_COOKIE"] = f"mics-session-{secrets.token_hex(4)}"
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SHARE), env.get("JUPYTER_PATH")]))
    env["MICS_DATA"] = str(data.root)
    if lang:
        env["MICS_LANG"] = lang
    return env


def listening_port(pid: int, timeout: float = 60) -> int:
    """The TCP port that process ``pid`` listens on, read off its own socket: proof that a
    server started on a chosen port (``port_retries=0``) got it, and that nobody else
    answers there. Raises :class:`RuntimeError` if the process ends first (the port was
    taken, or it failed), :class:`TimeoutError` if it never listens."""
    import psutil

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            process = psutil.Process(pid)
            if process.status() == psutil.STATUS_ZOMBIE:
                raise psutil.NoSuchProcess(pid)
            ports = sorted(c.laddr.port for c in process.net_connections("tcp")
                           if c.status == psutil.CONN_LISTEN)
        except psutil.NoSuchProcess:
            raise RuntimeError(f"process {pid} ended before it listened") from None
        if ports:
            return ports[0]
        time.sleep(0.1)
    raise TimeoutError(f"process {pid} did not listen within {timeout} s")


def free_port() -> int:
    """A TCP port free on the loopback interface now (check with :func:`listening_port` that
    the server started on it is the one listening)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    """Wait until Voila at ``url`` serves its static files (any HTTP answer counts)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}voila/static/voila.js", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (perhaps 403 without the token)
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"Voila did not start at {url}")
