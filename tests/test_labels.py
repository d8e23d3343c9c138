from __future__ import annotations

import math
import re
import string
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mics_budget import i18n
from mics_budget.texts import ARGPARSE, LABELS

NBSP = "\u00a0"


def _placeholders(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    percent = set()
    if "%" in text:  # argparse's own %-style messages
        import re

        percent = set(re.findall(r"%\((\w+)\)|%s", text))
    return names | percent


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_exists_in_every_language_with_the_same_placeholders(key):
    texts = LABELS[key]
    assert len(texts) == len(i18n.LANGS) == 3
    assert all(text.strip() for text in texts)
    ru = texts[0]
    for text in texts[1:]:
        assert _placeholders(text) == _placeholders(ru)
    if key.startswith("argparse."):  # argparse formats them with %, never with str.format
        assert all("{" not in text for text in texts)
    else:
        assert all("%(" not in text for text in texts)


@pytest.mark.parametrize("key", sorted(LABELS))
def test_no_kazakh_ending_is_glued_to_a_placeholder(key):
    """Kazakh endings follow the sound of the word: after a placeholder comes a noun, a
    parenthesis or punctuation, never an ending (only the ordinal «{row}-жол» is allowed)."""
    kazakh = LABELS[key][2]
    glued = re.findall(r"(?:\}|%(?:\(\w+\))?[sr])(?:-(?!жол)\w+|[^\W\d_]+)", kazakh)
    assert glued == [], kazakh


@pytest.mark.parametrize("key", sorted(k for k in LABELS if k.startswith("sheet.")))
def test_sheet_names_are_valid_in_excel(key):
    for name in LABELS[key]:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), name
        assert name.strip("'") == name


def test_argparse_messages_map_to_labels():
    assert set(ARGPARSE.values()) <= set(LABELS)


def test_language_switch():
    assert i18n.LANGS == ("ru", "en", "kk")
    assert i18n.t("status.done") == "выполнено"
    i18n.set_lang("en")
    assert i18n.t("status.done") == "done"
    assert i18n.t_in("ru", "status.done") == "выполнено"
    assert i18n.t("problem.no_budget_line", activity="1", year="2", lang="x", key="y")
    i18n.set_lang("kk")
    assert i18n.t("status.done") == "орындалды"
    assert i18n.t_in("en", "status.done") == "done"
    with pytest.raises(ValueError):
        i18n.set_lang("kz")


@pytest.mark.slow
def test_the_language_from_the_environment():
    code = "from mics_budget import i18n; print(i18n.get_lang(), i18n.t('status.done'))"
    for value, expected in (("kk", "kk орындалды"), ("en", "en done"), ("xx", "ru выполнено")):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={"MICS_LANG": value, "PATH": ""}, check=True).stdout
        assert out.strip() == expected


@pytest.mark.slow
def test_babel_is_not_imported_for_labels():
    code = ("import sys, mics_budget.cli.cli; mics_budget.cli.cli.build_parser(); "
            "print(any(m == 'babel' or m.startswith('babel.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_dates_are_russian_style_in_russian():
    assert i18n.format_date(date(2024, 3, 5)) == "05.03.2024"
    assert i18n.format_date(date(2024, 3, 5), lang="en") == "2024-03-05"


# --- formats: CLDR through Babel -----------------------------------------------------------


@pytest.mark.parametrize(("value", "ru", "en", "kk"), [
    (1234567.5, f"1{NBSP}234{NBSP}567,50{NBSP}₸", "1,234,567.50 KZT",
     f"1{NBSP}234{NBSP}567,50{NBSP}₸"),
    (0, f"0,00{NBSP}₸", "0.00 KZT", f"0,00{NBSP}₸"),
    (-0.0, f"-0,00{NBSP}₸", "-0.00 KZT", f"-0,00{NBSP}₸"),
    (-1234.05, f"-1{NBSP}234,05{NBSP}₸", "-1,234.05 KZT", f"-1{NBSP}234,05{NBSP}₸"),
    (999.995, f"1{NBSP}000,00{NBSP}₸", "1,000.00 KZT", f"1{NBSP}000,00{NBSP}₸"),
    (2.675, f"2,67{NBSP}₸", "2.67 KZT", f"2,67{NBSP}₸"),  # the float is 2.67499…
    (4 * 10**16, f"40{NBSP}000{NBSP}000{NBSP}000{NBSP}000{NBSP}000,00{NBSP}₸",
     "40,000,000,000,000,000.00 KZT", f"40{NBSP}000{NBSP}000{NBSP}000{NBSP}000{NBSP}000,00{NBSP}₸"),
    (Decimal("0.125"), f"0,12{NBSP}₸", "0.12 KZT", f"0,12{NBSP}₸"),
])
def test_money(value, ru, en, kk):
    assert [i18n.format_money(value, lang=lang) for lang in ("ru", "en", "kk")] == [ru, en, kk]


@pytest.mark.parametrize("missing", [None, float("nan"), math.nan, "pandas.NA", "numpy.nan"])
def test_missing_values_are_empty_in_every_language(missing):
    if missing == "pandas.NA":
        import pandas as pd

        missing = pd.NA
    elif missing == "numpy.nan":
        import numpy as np

        missing = np.float64("nan")
    for lang in i18n.LANGS:
        for format_ in (i18n.format_money, i18n.format_number, i18n.format_percent):
            assert format_(missing, lang=lang) == ""
    assert i18n.format_date(None, lang="kk") == ""


def test_numbers_and_whole_tenge():
    import numpy as np

    assert i18n.format_number(1234567.891, lang="kk") == f"1{NBSP}234{NBSP}567,89"
    assert i18n.format_number(np.int64(1234), 0, lang="kk") == f"1{NBSP}234"
    assert i18n.format_number(1234, 0, lang="en") == "1,234"
    assert i18n.format_money(26_900_000.4, decimals=0, lang="kk") == \
        f"26{NBSP}900{NBSP}000{NBSP}₸"
    assert i18n.format_money(0.5, decimals=0, lang="kk") == f"0{NBSP}₸"  # half to even
    assert i18n.format_money(1.5, decimals=0, lang="en") == "2 KZT"


_DECIMALS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**16, max_value=10**16),
    st.floats(-1e15, 1e15).map(Decimal),  # every digit of a float, as format_* pass them
    st.sampled_from([Decimal("-0"), Decimal("0.005"), Decimal("0.015"), Decimal("-0.001"),
                     Decimal("0.0549999999999999999999999999999"), Decimal("999.995")]))


@settings(max_examples=300, deadline=None)
@given(_DECIMALS, st.sampled_from(i18n.LANGS), st.sampled_from(["money", "number", "percent"]),
       st.integers(0, 3))
def test_the_quick_formatting_writes_what_babel_writes(value, lang, kind, decimals):
    """Numbers are formatted without Babel's pattern per value (14× faster, for tables of
    thousands of rows): the same text, rounding (normalised, then half to even), signs
    (-0 included) and separators as Babel's own formatting."""
    shape = i18n._shape(lang, kind, decimals)
    assert shape is not None  # the three languages' patterns are all plain
    babel = i18n._pattern(lang, kind, decimals).apply(
        value, i18n._locale(lang), currency="KZT", currency_digits=False)
    assert i18n._shaped(value, decimals, shape) == babel


@pytest.mark.parametrize(("value", "ru", "en", "kk"), [
    (0.26, f"26,0{NBSP}%", "26.0%", "26,0%"),
    (0.265, f"26,5{NBSP}%", "26.5%", "26,5%"),
    (0, f"0,0{NBSP}%", "0.0%", "0,0%"),
    (-0.05, f"-5,0{NBSP}%", "-5.0%", "-5,0%"),
    (12.3456, f"1{NBSP}234,6{NBSP}%", "1,234.6%", f"1{NBSP}234,6%"),
    (0.975781, f"97,6{NBSP}%", "97.6%", "97,6%"),
])
def test_percent(value, ru, en, kk):
    assert [i18n.format_percent(value, lang=lang) for lang in ("ru", "en", "kk")] == [ru, en, kk]
    assert i18n.format_percent(0.26, 0, lang="kk") == "26%"


def test_percent_rounds_as_before():
    """The share times 100 in floating point, rounded half to even, as always."""
    for value in (0.0005, 0.6088465, 0.252895, 1 / 3, 2 / 3, 0.125, 0.00049999):
        expected = f"{value * 100:,.1f}".replace(",", NBSP).replace(".", ",") + f"{NBSP}%"
        assert i18n.format_percent(value, lang="ru") == expected


@pytest.mark.parametrize(("day", "ru", "en", "kk"), [
    (date(2024, 3, 5), "05.03.2024", "2024-03-05", "05.03.2024"),
    (date(2023, 1, 1), "01.01.2023", "2023-01-01", "01.01.2023"),
    (date(2025, 12, 31), "31.12.2025", "2025-12-31", "31.12.2025"),
    (date(2024, 2, 29), "29.02.2024", "2024-02-29", "29.02.2024"),
    (date(1, 1, 1), "01.01.0001", "0001-01-01", "01.01.0001"),
    (date(9999, 12, 31), "31.12.9999", "9999-12-31", "31.12.9999"),
])
def test_dates(day, ru, en, kk):
    assert [i18n.format_date(day, lang=lang) for lang in ("ru", "en", "kk")] == [ru, en, kk]


def test_month_names():
    assert i18n.month_names("kk") == (
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
        "қазан", "қараша", "желтоқсан")
    assert i18n.month_names("ru")[0] == "январь" and i18n.month_names("ru")[11] == "декабрь"
    assert i18n.month_names("en")[4] == "May"
    assert i18n.month_name(10, "kk") == "қазан"
    i18n.set_lang("kk")
    assert i18n.month_name(1) == "қаңтар"
    for wrong in (0, 13):
        with pytest.raises(ValueError):
            i18n.month_name(wrong)


@pytest.mark.parametrize(("month", "ru", "en", "kk"), [
    (1, "январь 2024", "January 2024", "2024 жылғы қаңтар айы"),
    (10, "октябрь 2024", "October 2024", "2024 жылғы қазан айы"),
    (12, "декабрь 2024", "December 2024", "2024 жылғы желтоқсан айы"),
])
def test_month_titles(month, ru, en, kk):
    """The report title: «2024 жылғы қазан айы бойынша есеп» (no genitive month in Kazakh)."""
    for lang, expected in (("ru", ru), ("en", en), ("kk", kk)):
        title = i18n.t_in(lang, "report.title", month=i18n.month_name(month, lang), year=2024)
        assert expected in title, title



def test_chart_number_locales_match_the_formats():
    from mics_budget.report.charts import NUMBER_LOCALES

    assert set(NUMBER_LOCALES) == set(i18n.LANGS)
    for lang in i18n.LANGS:
        d3 = NUMBER_LOCALES[lang]
        group, decimal = d3["thousands"], d3["decimal"]
        assert i18n.format_money(1234567.5, lang=lang) == \
            f"{d3['currency'][0]}1{group}234{group}567{decimal}50{d3['currency'][1]}"


def test_using_a_language_for_a_while():
    with i18n.using("kk"):
        assert i18n.t("status.done") == "орындалды"
        with i18n.using("en"):
            assert i18n.get_lang() == "en"
        assert i18n.get_lang() == "kk"
    assert i18n.get_lang() == "ru"
    with pytest.raises(ValueError), i18n.using("de"):
        pass
    assert i18n.get_lang() == "ru"


def test_no_label_is_defined_twice():
    from collections import Counter

    from mics_budget import texts

    counts = Counter(key for area in texts.AREAS for key in area.LABELS)
    assert [key for key, count in counts.items() if count > 1] == []
