"""Safe file writing: whole files via a temporary file and a rename, appends under a lock."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "w", permissions: int | None = None,
                  **kwargs) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it is fsync'ed and renamed over it.

    ``permissions`` (e.g. ``0o600``) replaces the usual mode (0666 less the umask) from the
    start, so the content is never readable by others, not even for a moment."""
    path = Path(path)
    writable_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    # mkstemp makes 0600; give the file the usual permissions unless told otherwise
    os.chmod(tmp, 0o666 & ~umask if permissions is None else permissions)
    try:
        with open(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        writable_target(path)  # again: it may have been swapped while we wrote
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def writable_target(path: Path) -> None:
    """Refuse to replace anything but a regular file: a rename over ``/dev/null`` (as root)
    would replace the device, over a symlink would replace the link (not what it points to),
    over a FIFO, socket or folder would break what uses it. A symlink is refused rather than
    followed: it may point anywhere (``/etc/passwd`` when run as root); give the real file."""
    import stat

    from ..errors import UserError

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:  # e.g. a parent that is a file: said as the write would say it
        raise UserError("error.out_unusable", path=str(path), detail=exc.strerror) from None
    if stat.S_ISLNK(mode):
        raise UserError("error.out_symlink", path=str(path))
    if not stat.S_ISREG(mode):
        raise UserError("error.out_not_file", path=str(path))


class TooBig(OSError):
    """A file larger than its reader allows (or not a regular file: a device, a pipe)."""


def read_bounded(path: Path, limit: int) -> bytes:
    """A small file's bytes, read at most ``limit + 1`` bytes deep: ``/dev/zero`` or a FIFO
    given for a settings or users file is refused (:class:`TooBig`), never read for ever."""
    import stat

    with open(path, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise TooBig(0, "not a regular file", str(path))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooBig(0, f"larger than {limit >> 10} KB", str(path))
    return data


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (a no-op where unsupported)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV (comma, UTF-8 text, ``\\n`` line ends, minimal quoting) as one string."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write_text_files(files: dict[Path, str]) -> list[Path]:
    """Write several text files, each atomically; return those whose content changed."""
    changed = []
    for path, text in files.items():
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        with atomic_writer(path, "wb") as fh:
            fh.write(data)
        changed.append(path)
    return changed


def fingerprint(path: Path) -> tuple:
    """What identifies a file's content: size, modification and change times (ns), inode
    and a SHA-1 of its bytes (an edit within one clock tick, or a file replaced by another of
    the same size and times, changes it; SHA-1 for its speed, as an identity of content, not
    as a defence). A missing file is ``()``."""
    try:
        st = os.stat(path)
    except OSError:
        return ()
    with open(path, "rb") as fh:
        digest = hashlib.file_digest(fh, lambda: hashlib.sha1(usedforsecurity=False))
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest.hexdigest())
