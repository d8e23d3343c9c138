from __future__ import annotations

import string
from datetime import date

import pytest

from mics_budget import i18n
from mics_budget.texts import ARGPARSE, LABELS


def _placeholders(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    percent = set()
    if "%" in text:  # argparse's own %-style messages
        import re

        percent = set(re.findall(r"%\((\w+)\)|%s", text))
    return names | percent


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_exists_in_both_languages_with_the_same_placeholders(key):
    ru, en = LABELS[key]
    assert ru.strip() and en.strip()
    assert _placeholders(ru) == _placeholders(en)


def test_argparse_messages_map_to_labels():
    assert set(ARGPARSE.values()) <= set(LABELS)


def test_language_switch():
    assert i18n.t("status.done") == "выполнено"
    i18n.set_lang("en")
    assert i18n.t("status.done") == "done"
    assert i18n.t_in("ru", "status.done") == "выполнено"
    assert i18n.t("problem.no_budget_line", activity="1", year="2", lang="x", key="y")
    with pytest.raises(ValueError):
        i18n.set_lang("kk")


def test_dates_are_russian_style_in_russian():
    assert i18n.format_date(date(2024, 3, 5)) == "05.03.2024"
    assert i18n.format_date(date(2024, 3, 5), lang="en") == "2024-03-05"
