"""The users file and ``mics-budget users add|list|passwd|remove``."""

from __future__ import annotations

import base64
import io
import json
import os
import pty
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mics_budget.cli.cli import main
from mics_budget.errors import UserError
from mics_budget.web import users as users_mod
from mics_budget.web.users import (
    Account,
    UsersFile,
    _scrypt_hash,
    check_name,
    hash_password,
    read_password,
    verify_password,
)

PASSWORD = "Пароль-для-теста-42"


@pytest.fixture
def users_file(tmp_path: Path) -> Path:
    return tmp_path / "team.users.json"


def run(argv: list[str]) -> int:
    """``main(argv)``'s exit status, also for usage errors (argparse exits)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def add(monkeypatch, path: Path, name: str, role: str, password: str = PASSWORD) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["users", "add", name, "--role", role, "--users", str(path)])


@pytest.mark.slow
def test_add_list_passwd_remove(monkeypatch, users_file, capsys):
    assert add(monkeypatch, users_file, "Айгуль Н.", "recorder") == 0
    assert "добавлен пользователь «Айгуль Н.» (recorder)" in capsys.readouterr().err
    assert add(monkeypatch, users_file, "boss", "admin") == 0
    assert add(monkeypatch, users_file, "guest", "viewer", "viewer-password") == 0
    capsys.readouterr()

    assert main(["users", "list", "--users", str(users_file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"name": "boss", "role": "admin"}, {"name": "guest", "role": "viewer"},
        {"name": "Айгуль Н.", "role": "recorder"}]
    assert main(["users", "list", "--users", str(users_file)]) == 0
    table = capsys.readouterr().out
    assert "Пользователь" in table and "регистратор (recorder)" in table and "boss" in table

    users = UsersFile(users_file)
    before = users.find("boss").hash
    assert users.authenticate("BOSS", PASSWORD).name == "boss"  # names ignore case
    monkeypatch.setattr("sys.stdin", io.StringIO("новый-пароль-1\n"))
    assert main(["users", "passwd", "boss", "--users", str(users_file)]) == 0
    assert "пароль пользователя «boss» изменён" in capsys.readouterr().err
    users = UsersFile(users_file)
    assert users.find("boss").hash != before
    assert users.authenticate("boss", "новый-пароль-1") is not None
    assert users.authenticate("boss", PASSWORD) is None

    assert main(["users", "remove", "guest", "--users", str(users_file)]) == 0
    assert "удалён" in capsys.readouterr().err
    assert sorted(a.name for a in UsersFile(users_file).accounts().values()) == \
        ["boss", "Айгуль Н."]


def test_the_file_holds_hashes_only_mode_0600(monkeypatch, users_file):
    assert add(monkeypatch, users_file, "aigul", "recorder") == 0
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    text = users_file.read_text(encoding="utf-8")
    assert PASSWORD not in text and PASSWORD.encode().hex() not in text
    doc = json.loads(text)
    assert doc["format"] == "mics-users" and doc["version"] == 1
    entry = doc["users"][0]
    assert set(entry) == {"name", "role", "hash"}
    _, scheme, version, cost, salt, key = entry["hash"].split("$")
    assert (scheme, version, cost) == ("argon2id", "v=19", "m=65536,t=3,p=4")  # RFC 9106
    pad = "=" * (-len(salt) % 4)
    assert len(base64.b64decode(salt + pad)) == 16
    assert len(base64.b64decode(key + "=" * (-len(key) % 4))) == 32
    # a salt of its own: the same password hashes differently for another user
    assert add(monkeypatch, users_file, "other", "viewer") == 0
    hashes = [u["hash"] for u in json.loads(users_file.read_text())["users"]]
    assert len(set(hashes)) == 2
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600  # still, after a rewrite


def test_hashing():
    stored = hash_password("correct horse")
    assert verify_password("correct horse", stored)
    assert not verify_password("correct hors", stored)
    assert not verify_password("correct horse", stored.replace("argon2id", "argon2x"))
    old = _scrypt_hash("correct horse")  # the earlier scheme still verifies
    assert verify_password("correct horse", old) and not verify_password("correct hors", old)
    assert not verify_password("correct horse", old.replace("scrypt", "md5"))
    assert not verify_password("x", "garbage")
    assert not verify_password("x", "scrypt$3$8$1$AAAA$AAAA")         # n not a power of 2
    assert not verify_password("x", "scrypt$2147483648$8$1$AAAA$AAAA")  # absurd cost refused


def test_the_write_is_atomic(monkeypatch, users_file):
    """A failure while writing leaves the old file whole and no temporary file behind."""
    assert add(monkeypatch, users_file, "aigul", "recorder") == 0
    before = users_file.read_bytes()

    def broken_dumps(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(users_mod.json, "dumps", broken_dumps)
    with pytest.raises(UserError) as failed:
        UsersFile(users_file).add("boss", "admin", PASSWORD)
    assert failed.value.key == "users.cannot_write" and "disk full" in str(failed.value)
    monkeypatch.undo()
    assert users_file.read_bytes() == before

    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append((Path(src), Path(dst)))
        assert stat.S_IMODE(os.stat(src).st_mode) == 0o600  # never readable by others
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UserError):
        UsersFile(users_file).add("boss", "admin", PASSWORD)
    monkeypatch.setattr(os, "replace", real_replace)
    assert calls and calls[0][1] == users_file and calls[0][0].parent == users_file.parent
    assert users_file.read_bytes() == before
    assert sorted(p.name for p in users_file.parent.iterdir()) == \
        [users_file.name, f"{users_file.name}.lock"]


@pytest.mark.parametrize(("argv", "stdin", "message"), [
    (["add", "x", "--role", "boss"], "password1\n", "неизвестная роль «boss»"),
    (["add", "x"], "password1\n", "обязательн"),
    (["add", "", "--role", "viewer"], "password1\n", "имя пользователя не может быть пустым"),
    (["add", "a\tb", "--role", "viewer"], "password1\n", "управляющий или невидимый символ U+0009"),
    (["add", "a\u200bb", "--role", "viewer"], "password1\n", "невидимый символ U+200B"),
    (["add", " a", "--role", "viewer"], "password1\n", "не должно начинаться или кончаться"),
    (["add", "я" * 65, "--role", "viewer"], "password1\n", "длиннее 64 символов"),
    (["add", "aigul", "--role", "viewer"], "short\n", "пароль короче 8 символов"),
    (["add", "aigul", "--role", "viewer"], "", "пароль не задан"),
    (["add", "Existing", "--role", "viewer"], "password1\n", "пользователь «existing» уже есть"),
    (["passwd", "nobody"], "password1\n", "пользователя «nobody» нет"),
    (["remove", "nobody"], "", "пользователя «nobody» нет"),
])
def test_mistakes_exit_2_in_russian(monkeypatch, users_file, capsys, argv, stdin, message):
    assert add(monkeypatch, users_file, "existing", "viewer") == 0
    before = users_file.read_bytes()
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert run(["users", *argv, "--users", str(users_file)]) == 2
    err = capsys.readouterr().err
    assert message in err and "ошибка" in err and "Traceback" not in err
    assert users_file.read_bytes() == before


def test_no_users_file_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.delenv("MICS_USERS", raising=False)
    assert main(["users", "list"]) == 2
    assert "не задан файл пользователей" in capsys.readouterr().err


def test_a_broken_file_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "users.json"
    path.write_text("{not json", encoding="utf-8")
    assert main(["users", "list", "--users", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"файл пользователей {path} повреждён" in err and "Traceback" not in err
    path.write_text(json.dumps({"format": "mics-users", "version": 1,
                                "users": [{"name": "a\x00", "role": "viewer", "hash": ""}]}))
    with pytest.raises(UserError) as broken:
        UsersFile(path).accounts()
    assert broken.value.key == "users.bad_file" and "U+0000" in str(broken.value)


def test_an_unusable_path_is_a_clear_error(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["users", "list", "--users", str(folder)]) == 2
    assert f"не удаётся прочитать файл пользователей {folder}" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "a", "--role", "viewer", "--users", str(blocker / "u.json")]) == 2
    err = capsys.readouterr().err
    assert "не удаётся прочитать файл пользователей" in err and "Traceback" not in err


def test_the_environment_names_the_file(monkeypatch, users_file, capsys):
    monkeypatch.setenv("MICS_USERS", str(users_file))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "aigul", "--role", "recorder"]) == 0
    assert UsersFile(users_file).find("aigul").role == "recorder"


def test_names():
    assert check_name("Айгуль Нурланова") == "Айгуль Нурланова"
    assert check_name("e\u0301") == "\u00e9"  # NFC
    for bad in ("", "   ", "a\nb", "a\x7fb", "a\u2028b", "x" * 65, "a "):
        with pytest.raises(UserError):
            check_name(bad)
    assert Account("a", "viewer", "h").fingerprint != Account("a", "viewer", "h2").fingerprint


def test_read_password_from_a_pipe_is_one_line():
    assert read_password(io.StringIO("pass word 1\r\nsecond line\n")) == "pass word 1"
    with pytest.raises(UserError) as empty:
        read_password(io.StringIO(""))
    assert empty.value.key == "users.no_password"


# --- the real command, with and without a terminal -------------------------------------------


CLI = [sys.executable, "-m", "mics_budget.cli"]


@pytest.mark.slow
def test_a_pipe_gives_the_password(users_file):
    done = subprocess.run([*CLI, "users", "add", "aigul", "--role", "recorder",
                           "--users", str(users_file)], input=f"{PASSWORD}\n", text=True,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert UsersFile(users_file).authenticate("aigul", PASSWORD) is not None
    assert PASSWORD not in done.stdout + done.stderr


def _run_in_terminal(argv: list[str], answers: list[str], timeout: float = 60) -> tuple[int, str]:
    """Run ``argv`` with a pseudo-terminal as its controlling terminal, answering each password
    prompt once it shows (getpass flushes what was typed before its prompt)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvp(argv[0], argv)
    output, answered = b"", 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child is gone
                    break
                if not chunk:
                    break
                output += chunk
            prompts = output.decode("utf-8", "replace").count("Пароль")
            if answered < len(answers) and prompts > answered and output.endswith(b": "):
                os.write(fd, (answers[answered] + "\n").encode())
                answered += 1
    finally:
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


@pytest.mark.slow
def test_a_terminal_asks_twice_without_echo(users_file):
    code, out = _run_in_terminal([*CLI, "users", "add", "aigul", "--role", "admin",
                                  "--users", str(users_file)], [PASSWORD, PASSWORD])
    assert code == 0, out
    assert "Пароль:" in out and "Пароль ещё раз:" in out
    assert PASSWORD not in out  # not echoed
    assert UsersFile(users_file).authenticate("aigul", PASSWORD).role == "admin"

    code, out = _run_in_terminal([*CLI, "users", "passwd", "aigul", "--users", str(users_file)],
                                 ["first-password", "other-password"])
    assert code == 2 and "пароли не совпадают" in out
    assert UsersFile(users_file).authenticate("aigul", PASSWORD) is not None


def test_an_old_scrypt_hash_becomes_argon2id_at_sign_in(users_file):
    """Issue 25: the earlier hashes keep working and are replaced at the next sign-in."""
    from mics_budget.web.users import Account, UsersFile, needs_rehash

    users = UsersFile(users_file)
    users._write({"vera": Account("vera", "recorder", _scrypt_hash("correct horse 1"))})
    assert needs_rehash(users.find("vera").hash)
    assert users.authenticate("vera", "wrong password") is None
    assert users.find("vera").hash.startswith("scrypt$")  # a failure changes nothing
    account = users.authenticate("vera", "correct horse 1")
    assert account is not None and account.hash.startswith("$argon2id$")
    assert UsersFile(users_file).find("vera").hash == account.hash
    assert not needs_rehash(account.hash)
    assert UsersFile(users_file).authenticate("vera", "correct horse 1") is not None


def test_a_password_that_is_not_utf8_is_refused(tmp_path, monkeypatch, capsys):
    import io

    from mics_budget.cli import main

    raw = io.TextIOWrapper(io.BytesIO(b"\xff\xfepassword1\n"), encoding="utf-8",
                           errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", raw)
    code = main(["users", "add", "vera", "--role", "viewer", "--users",
                 str(tmp_path / "users.json")])
    assert code == 2 and "не текст UTF-8" in capsys.readouterr().err
    assert not (tmp_path / "users.json").exists()
