"""The README is a first read, each user has a guide in Russian, and no link of the
documentation points at nothing."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from mics_budget.config import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
DOCS = sorted([README, *(PROJECT_ROOT / "docs").rglob("*.md")])
GUIDES = ["руководителю.md", "ДАР.md", "аналитику.md", "администратору.md"]


def test_the_readme_is_short_and_says_who_opens_what():
    text = README.read_text("utf-8")
    assert len(text.encode("utf-8")) <= 12 * 1024
    table = text.split("## Who opens what", 1)[1].split("\n## ", 1)[0]
    assert "| кто | что открыть | как |" in table
    for role, guide in zip(["руководитель", "ДАР", "аналитик", "администратор"], GUIDES,
                           strict=True):
        row = next(line for line in table.splitlines() if line.startswith(f"| {role} "))
        assert f"docs/ru/{guide}" in row
    assert "make report" in text and "make test" in text and "mics-budget init" in text


@pytest.mark.parametrize("guide", GUIDES)
def test_each_user_has_a_guide_in_russian(guide):
    text = (PROJECT_ROOT / "docs" / "ru" / guide).read_text("utf-8")
    text = re.sub(r"```.*?```|`[^`]*`|\(\S+\)", "", text, flags=re.S)  # code, commands, links
    letters = re.findall(r"[A-Za-zА-Яа-яЁё]", text)
    assert sum("А" <= c <= "я" or c in "Ёё" for c in letters) > 0.6 * len(letters)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_every_relative_link_points_at_a_file(path):
    text = path.read_text("utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks hold no links
    missing = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        file = unquote(target.split("#", 1)[0])
        if not (path.parent / file).exists():
            missing.append(target)
    assert not missing, missing
