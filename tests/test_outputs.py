"""What the commands write: only ever a regular file, replaced whole (issue 25)."""

from __future__ import annotations

import os
import socket

import pytest

from mics_budget.cli.cli import main
from mics_budget.core.fileio import atomic_writer
from mics_budget.errors import UserError


def _targets(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    sock = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    return {"symlink": link, "fifo": fifo, "folder": folder, "socket": sock}, target, server


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder", "socket"])
def test_out_never_replaces_what_is_not_a_regular_file(tmp_path, capsys, kind, monkeypatch):
    targets, real, server = _targets(tmp_path)
    try:
        path = targets[kind]
        before = os.lstat(path)
        monkeypatch.chdir(tmp_path)  # a relative path is checked the same way
        code = main(["validate", "--out", path.name])
        err = capsys.readouterr().err
        assert code == 2
        assert ("символическая ссылка" if kind == "symlink" else "не обычный файл") in err
        assert "Traceback" not in err
        after = os.lstat(path)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
        assert real.read_text(encoding="utf-8") == "keep"
        assert not list(tmp_path.glob(".*.tmp"))
    finally:
        server.close()


def test_a_regular_file_is_replaced_whole(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old", encoding="utf-8")
    with atomic_writer(path) as fh:
        fh.write("new")
    assert path.read_text(encoding="utf-8") == "new"


def test_a_target_swapped_for_a_link_while_writing_is_not_replaced(tmp_path):
    path, other = tmp_path / "out.json", tmp_path / "other"
    other.write_text("other", encoding="utf-8")
    with pytest.raises(UserError), atomic_writer(path) as fh:
        fh.write("new")
        path.symlink_to(other)
    assert path.is_symlink() and other.read_text(encoding="utf-8") == "other"
    assert not list(tmp_path.glob(".*.tmp"))
