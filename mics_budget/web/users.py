"""People who may sign in to the Voila pages: names, roles and slow salted password hashes.

The users file (``--users FILE``, else ``$MICS_USERS``) is JSON::

    {"format": "mics-users", "version": 1,
     "users": [{"name": "Айгуль", "role": "recorder", "hash": "$argon2id$v=19$m=65536,…"}]}

It never holds a password: each hash is argon2id (argon2-cffi) of the password with a random
salt of its own, the parameters stored with it (so they can be raised later without breaking
old hashes). Hashes of the earlier scheme (``scrypt$…``) still verify and are replaced by
argon2id at the user's next sign-in. The file is rewritten atomically, mode 0600, under a
lock, by the ``mics-budget users`` commands (and by a sign-in that replaces an old hash).

Roles: ``viewer`` (sees the dashboard and the register), ``recorder`` (also records procurement
steps), ``admin`` (also adds lots and voids entries, when those features exist).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from filelock import FileLock, Timeout

from ..core.fileio import atomic_writer, read_bounded
from ..errors import UserError
from ..i18n import t
from ..vocabulary import ROLES

USERS_ENV = "MICS_USERS"
MAX_USERS_BYTES = 4 << 20  # thousands of users; /dev/zero is refused, not read for ever
NAME_MAX = 64
PASSWORD_MIN = 8
PASSWORD_MAX = 1024
FILE_FORMAT = "mics-users"
FILE_VERSION = 1
LOCK_TIMEOUT = 30

# scrypt: n=2**15, r=8 needs 32 MiB and about 0.1 s here; raise N as machines get faster.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SCRYPT_LIMITS = (2**20, 32, 16)   # refuse absurd parameters from a tampered file
SALT_BYTES, KEY_BYTES = 16, 32


@dataclass(frozen=True)
class User:
    """A signed-in person as the apps see them."""

    name: str
    role: str

    @property
    def can_record(self) -> bool:
        return self.role in ("recorder", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Account:
    """One line of the users file."""

    name: str
    role: str
    hash: str

    @property
    def user(self) -> User:
        return User(self.name, self.role)

    @property
    def fingerprint(self) -> str:
        """Changes whenever the password does: sessions carry it, so a new password (or a
        removed user) ends the sessions opened with the old one."""
        return hashlib.sha256(f"{self.name}\0{self.role}\0{self.hash}".encode()).hexdigest()[:24]


# --- validation --------------------------------------------------------------------------------


def check_name(name: str) -> str:
    """The name in NFC, or :class:`UserError` (empty, too long, control characters …)."""
    name = unicodedata.normalize("NFC", name or "")
    if not name.strip():
        raise UserError("users.name_empty")
    if len(name) > NAME_MAX:
        raise UserError("users.name_long", max=NAME_MAX, count=len(name))
    bad = [ch for ch in name if unicodedata.category(ch)[0] == "C"
           or unicodedata.category(ch) in ("Zl", "Zp")]
    if bad:
        raise UserError("users.name_control", code=f"U+{ord(bad[0]):04X}")
    if name != name.strip():
        raise UserError("users.name_spaces", name=name.strip())
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError("users.bad_role", role=role, roles=", ".join(ROLES))
    return role


def check_password(password: str) -> str:
    if not password:
        raise UserError("users.no_password")
    if len(password) < PASSWORD_MIN:
        raise UserError("users.password_short", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise UserError("users.password_long", max=PASSWORD_MAX)
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:  # bytes of another encoding on stdin
        raise UserError("users.password_not_utf8") from None
    return password


def key(name: str) -> str:
    """How names are compared: ``Aigul`` and ``aigul`` are the same person."""
    return unicodedata.normalize("NFC", name).casefold()


# --- hashing -----------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + 2**20, dklen=KEY_BYTES)


@functools.cache
def _argon2():
    """argon2id (RFC 9106's second recommended parameters: 64 MiB, 3 passes), through
    argon2-cffi, the reference implementation's binding that jupyter_server itself uses: a
    well-kept library rather than our own parameters for the one secret we store."""
    from argon2 import PasswordHasher, profiles

    return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)


def hash_password(password: str) -> str:
    """An argon2id hash (``$argon2id$v=19$m=…``), salt and parameters inside."""
    return str(_argon2().hash(password))


def _scrypt_hash(password: str) -> str:
    """The earlier scheme, kept to verify old hashes (and to make them in tests)."""
    salt = secrets.token_bytes(SALT_BYTES)
    derived = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(derived)}"


def needs_rehash(stored: str) -> bool:
    """A hash of the earlier scheme, or of weaker argon2 parameters: replaced at sign-in."""
    if not stored.startswith("$argon2"):
        return True
    try:
        return bool(_argon2().check_needs_rehash(stored))
    except Exception:  # a malformed hash cannot have verified anyway
        return True


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of ``password`` against a stored hash (argon2id, or the earlier
    scrypt); False for any malformed hash."""
    if stored.startswith("$argon2"):
        from argon2.exceptions import Argon2Error, InvalidHashError

        try:
            return bool(_argon2().verify(stored, password))
        except (Argon2Error, InvalidHashError, ValueError, TypeError):
            return False
    try:
        scheme, n_text, r_text, p_text, salt, derived = stored.split("$")
        n, r, p = int(n_text), int(r_text), int(p_text)
        if scheme != "scrypt" or not (1 < n <= SCRYPT_LIMITS[0] and 0 < r <= SCRYPT_LIMITS[1]
                                      and 0 < p <= SCRYPT_LIMITS[2]) or n & (n - 1):
            return False
        expected = base64.b64decode(derived, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), n, r, p)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@functools.cache
def _dummy_hash() -> str:
    """A hash of nothing anyone knows: unknown names cost as much time as known ones."""
    return hash_password(secrets.token_urlsafe(16))


# --- the file ----------------------------------------------------------------------------------


def users_path(path: str | os.PathLike[str] | None = None) -> Path:
    """``--users FILE``, else ``$MICS_USERS``; :class:`UserError` when neither is given."""
    path = path or os.environ.get(USERS_ENV)
    if not path:
        raise UserError("users.no_file")
    return Path(path).expanduser().resolve()


class UsersFile:
    """The users file; reads are cached until the file changes (for the server)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._stamp: tuple | None = None
        self._accounts: dict[str, Account] = {}

    # reading
    def accounts(self) -> dict[str, Account]:
        """``{key(name): Account}``; an empty dict when the file does not exist."""
        try:
            st = self.path.stat()
            stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
            if stamp != self._stamp:
                self._accounts = self._parse(read_bounded(self.path, MAX_USERS_BYTES))
                self._stamp = stamp
        except FileNotFoundError:
            self._stamp, self._accounts = None, {}
        except OSError as exc:  # a folder, no permission …
            raise UserError("users.cannot_read", path=self.path,
                            detail=exc.strerror or exc) from None
        return self._accounts

    def _parse(self, data: bytes) -> dict[str, Account]:
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FILE_FORMAT:
                raise ValueError("format")
            if doc.get("version") != FILE_VERSION:
                raise UserError("users.bad_version", path=self.path, version=doc.get("version"))
            accounts = {}
            for entry in doc["users"]:
                account = Account(check_name(entry["name"]), check_role(entry["role"]),
                                  str(entry["hash"]))
                accounts[key(account.name)] = account
            return accounts
        except UserError as exc:
            if exc.key == "users.bad_version":
                raise
            raise UserError("users.bad_file", path=self.path, detail=str(exc)) from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UserError("users.bad_file", path=self.path, detail=type(exc).__name__) from None

    def find(self, name: str) -> Account | None:
        return self.accounts().get(key(name or ""))

    def authenticate(self, name: str, password: str) -> Account | None:
        """The account if the password is right. Slow on purpose, also for unknown names."""
        if len(name or "") > NAME_MAX * 4 or len(password or "") > PASSWORD_MAX:
            verify_password("", _dummy_hash())
            return None
        account = self.find(name)
        ok = verify_password(password or "", account.hash if account else _dummy_hash())
        if not ok or account is None:
            return None
        if needs_rehash(account.hash):  # an old scrypt hash becomes argon2id at sign-in
            with contextlib.suppress(UserError):  # a read-only file: the old hash still works
                account = self._rehash(account, password)
        return account

    def _rehash(self, account: Account, password: str) -> Account:
        with self._locked():
            accounts = dict(self.accounts())
            current = accounts.get(key(account.name))
            if current is None or current.hash != account.hash:
                return current or account  # changed meanwhile: theirs stands
            fresh = Account(current.name, current.role, hash_password(password))
            accounts[key(account.name)] = fresh
            self._write(accounts)
        return fresh

    # writing (the CLI)
    def _write(self, accounts: dict[str, Account]) -> None:
        doc = {"format": FILE_FORMAT, "version": FILE_VERSION,
               "users": [{"name": a.name, "role": a.role, "hash": a.hash}
                         for a in sorted(accounts.values(), key=lambda a: key(a.name))]}
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        with atomic_writer(self.path, "w", permissions=0o600, encoding="utf-8") as fh:
            fh.write(text)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Read-modify-write under the lock; any OS failure is a clear error, the old file
        stays whole (the write is atomic)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT):
                yield
        except Timeout:
            raise UserError("users.locked", path=self.path) from None
        except OSError as exc:
            raise UserError("users.cannot_write", path=self.path,
                            detail=exc.strerror or exc) from None

    def add(self, name: str, role: str, password: str) -> Account:
        name, role = check_name(name), check_role(role)
        check_password(password)
        with self._locked():
            accounts = dict(self.accounts())
            if key(name) in accounts:
                raise UserError("users.exists", name=accounts[key(name)].name)
            account = Account(name, role, hash_password(password))
            accounts[key(name)] = account
            self._write(accounts)
        return account

    def set_password(self, name: str, password: str) -> Account:
        check_password(password)
        with self._locked():
            accounts = dict(self.accounts())
            old = accounts.get(key(name))
            if old is None:
                raise UserError("users.unknown", name=name, path=self.path)
            account = Account(old.name, old.role, hash_password(password))
            accounts[key(name)] = account
            self._write(accounts)
        return account

    def remove(self, name: str) -> Account:
        with self._locked():
            accounts = dict(self.accounts())
            old = accounts.pop(key(name), None)
            if old is None:
                raise UserError("users.unknown", name=name, path=self.path)
            self._write(accounts)
        return old


def read_password(stdin: TextIO | None = None) -> str:
    """The new password: asked twice (hidden) on a terminal, else one line of stdin."""
    stdin = stdin or sys.stdin
    try:
        if stdin.isatty():
            first = getpass.getpass(t("users.password_prompt"))
            check_password(first)
            if getpass.getpass(t("users.password_again")) != first:
                raise UserError("users.password_mismatch")
            return first
        line = stdin.readline()
    except (EOFError, KeyboardInterrupt):
        raise UserError("users.no_password") from None
    return check_password(line.rstrip("\r\n"))
