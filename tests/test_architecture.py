"""The rooms of the package and the one direction of their imports.

Every ``import`` of the package's own modules is read from the source (imports inside
functions too); a room may import its own modules and those of the rooms below it, never
one above. Only annotations may name the loaded project from below it (``TYPE_CHECKING``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import mics_budget

PACKAGE = Path(mics_budget.__file__).parent
ROOT = PACKAGE.parent

#: room -> rank; a module may import only ranks at or below its own (the same room, or lower)
RANKS = {"base": 0, "core": 1, "ledger": 2, "procurement": 3, "portal": 4, "top": 5,
         "report": 6, "web": 7, "cli": 8}
BASE = {"config", "errors", "i18n", "vocabulary", "texts"}
TOP = {"project", "example", "__init__"}  # __init__: the public API, lazily
ROOM_NAMES = {"ledger", "procurement", "portal", "report", "cli"}  # old module names


def room_of(module: str) -> str:
    """``mics_budget.ledger.plan`` -> ``ledger``; the top modules by their role."""
    parts = module.split(".")[1:] or ["__init__"]  # the package itself
    if parts[0] in BASE:
        return "base"
    if parts[0] in TOP:
        return "top"
    return parts[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports_of(path: Path) -> list[tuple[str, int, bool]]:
    """``(imported module, line, only for annotations)`` for each import of the package's
    own modules in ``path`` (a name imported from a package counts as that package's module
    when such a module exists)."""
    tree = ast.parse(path.read_text("utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    typing_only = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("mics_budget"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                exists = (ROOT / Path(*sub.split("."))).with_suffix(".py").exists() or (
                    ROOT / Path(*sub.split(".")) / "__init__.py").exists()
                names.append(sub if exists else target)
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("mics_budget")]
        for name in names:
            found.append((name, node.lineno, node.lineno in typing_only))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "texts" not in p.relative_to(PACKAGE).parts
                 or p.name == "__init__.py")


def test_the_package_is_in_rooms_with_a_handful_of_top_modules():
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert rooms == {"core", "ledger", "procurement", "portal", "report", "web", "cli", "texts"}
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == BASE - {"texts"} | TOP


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_room_imports_a_room_above_it(path):
    here = room_of(module_name(path))
    wrong = []
    for name, line, typing_only in imports_of(path):
        there = room_of(name)
        if RANKS[there] <= RANKS[here]:
            continue
        if typing_only and name == "mics_budget.project":
            continue  # an annotation of the loaded project, never imported at run time
        wrong.append(f"{path.relative_to(ROOT)}:{line} ({here}) imports {name} ({there})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_uses_a_path_from_before_the_rooms(path):
    old = {f"mics_budget.{name}" for name in mics_budget.MOVED if name not in ROOM_NAMES}
    used = [f"{path.relative_to(ROOT)}:{line} {name}" for name, line, _ in imports_of(path)
            if name in old]
    assert not used, "\n".join(used)


def test_the_checker_sees_an_arrow_upward(tmp_path, monkeypatch):
    """The rule is not vacuous: a lazy import of the report in a ledger module is caught."""
    copy = tmp_path / "mics_budget" / "ledger" / "plan.py"
    copy.parent.mkdir(parents=True)
    copy.write_text((PACKAGE / "ledger" / "plan.py").read_text("utf-8")
                    + "\n\ndef _x():\n    from ..report import charts\n", "utf-8")
    (tmp_path / "mics_budget" / "report").mkdir()
    (tmp_path / "mics_budget" / "report" / "charts.py").write_text("", "utf-8")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    names = [n for n, _, _ in imports_of(copy)]
    assert "mics_budget.report.charts" in names
    assert RANKS[room_of("mics_budget.report.charts")] > RANKS["ledger"]


@pytest.mark.parametrize("old, new", sorted(mics_budget.MOVED.items()))
def test_a_module_path_from_before_the_rooms_still_imports_the_same_module(old, new):
    import importlib

    moved = importlib.import_module(f"mics_budget.{new}")
    if old in ROOM_NAMES:  # the room has the name now and lends the old module's names
        room = importlib.import_module(f"mics_budget.{old}")
        public = [n for n in vars(moved) if not n.startswith("_") and callable(vars(moved)[n])
                  and getattr(vars(moved)[n], "__module__", "") == moved.__name__]
        assert public and all(getattr(room, n) is getattr(moved, n) for n in public)
        with pytest.raises(AttributeError):
            room.no_such_name  # noqa: B018
        return
    assert importlib.import_module(f"mics_budget.{old}") is moved
    assert getattr(mics_budget, old) is moved


def test_the_voila_settings_of_before_still_name_real_classes():
    from traitlets.utils.importstring import import_item

    from mics_budget.web.webauth import MicsAuthorizer, MicsIdentityProvider

    assert import_item("mics_budget.webauth.MicsIdentityProvider") is MicsIdentityProvider
    assert import_item("mics_budget.webauth.MicsAuthorizer") is MicsAuthorizer
    assert import_item("mics_budget.web.webauth.MicsIdentityProvider") is MicsIdentityProvider


def test_the_layout_in_the_development_guide_is_the_package_tree():
    """docs/development.md shows the package as a tree; it names every room and module."""
    text = (ROOT / "docs" / "development.md").read_text("utf-8")
    block = text.split("<!-- layout -->")[1]
    firsts = re.findall(r"^ *([\w.]+/?)", block.strip("`\n"), re.M)
    shown = {name for name in firsts[1:]  # the first is the package itself
             if name.endswith(".py") or (PACKAGE / name / "__init__.py").exists()}
    real = {p.name for p in PACKAGE.glob("*.py")} | {
        f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    for room in ("core", "ledger", "procurement", "portal", "report", "web", "cli"):
        real |= {p.name for p in (PACKAGE / room).glob("*.py") if p.name != "__init__.py"}
    assert shown == real, (sorted(shown - real), sorted(real - shown))


def test_every_data_file_of_the_package_is_shipped():
    """Files found beside their modules (the OCDS schema, the report and Voila templates, the
    pages' styles, the currencies) are package data: pyproject's globs reach each of them."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["mics_budget"]
    shipped = {p for pattern in globs for p in PACKAGE.glob(pattern) if p.is_file()}
    data = {p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}
            and "__pycache__" not in p.parts}
    assert data - shipped == set()
    assert PACKAGE / "web" / "share" / "jupyter" / "voila" / "templates" / "mics" / "static" \
        / "mics.css" in shipped
