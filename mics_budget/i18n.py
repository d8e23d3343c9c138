"""The language of everything a person reads, and how numbers, money and dates are written.

``t("key", **params)`` renders a label of :mod:`mics_budget.texts` in the current language.
The language comes from :func:`set_lang` (the CLI's ``--lang``) or the ``MICS_LANG``
environment variable; Russian by default.

Numbers, money, percentages, dates and month names come from CLDR through Babel, one code path
for every language: the locale of :data:`LOCALES` gives the symbols (group and decimal
separators, the tenge sign) and the patterns; :data:`MONEY_PATTERNS` and :data:`DATE_PATTERNS`
fix the few places where the project writes differently from the locale's default. Babel is
imported only when something is first formatted (``mics-budget --help`` never loads it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Literal

from .texts import LABELS

LANGS = ("ru", "en", "kk")
#: the language switch of every page (and the sign-in page): (button, code, name in that
#: language); Kazakh, the state language, first, as on the Kazakh government's own sites
LANGUAGE_BUTTONS = (("ҚАЗ", "kk", "Қазақша"), ("РУС", "ru", "Русский"), ("ENG", "en", "English"))
_lang = os.environ.get("MICS_LANG", "ru") if os.environ.get("MICS_LANG") in LANGS else "ru"

#: the CLDR locale of each language (Kazakhstan's, where CLDR has one)
LOCALES = {"ru": "ru_KZ", "en": "en", "kk": "kk_KZ"}
#: money: the locale's currency pattern (``1 234 567,89 ₸``), except English, which writes the
#: ISO code after the number (``1,234,567.89 KZT``; CLDR's English puts it before)
MONEY_PATTERNS = {"en": "#,##0.00 ¤¤"}
#: dates in tables and messages: ``05.03.2024`` (CLDR's short Kazakh date has a two-digit
#: year, so the pattern is fixed here), ISO ``2024-03-05`` in English
DATE_PATTERNS = {"ru": "dd.MM.yyyy", "en": "yyyy-MM-dd", "kk": "dd.MM.yyyy"}
#: the month name used inside a sentence, in the nominative: Russian and English take CLDR's
#: stand-alone form («июнь», "June"); Kazakh has no genitive in CLDR, so its "format" form is
#: the lower-case nominative («маусым»; the stand-alone one is capitalised)
MONTH_CONTEXT: dict[str, Literal["format", "stand-alone"]] = {
    "ru": "stand-alone", "en": "stand-alone", "kk": "format"}


def set_lang(lang: str) -> None:
    global _lang
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    _lang = lang


def get_lang() -> str:
    return _lang


@contextmanager
def using(lang: str) -> Iterator[None]:
    """The current language is ``lang`` inside the ``with`` block, and as before after it."""
    previous = _lang
    set_lang(lang)
    try:
        yield
    finally:
        set_lang(previous)


def t(key: str, /, **params: object) -> str:
    """The label ``key`` in the current language, formatted with ``params`` (any names,
    ``key`` and ``lang`` included)."""
    return t_in(_lang, key, **params)



class Day:
    """A day in a message, written as the language current when the message is shown."""

    __slots__ = ("value",)

    def __init__(self, value: date):
        self.value = value

    def __str__(self) -> str:
        return format_date(self.value)


class Money:
    """An amount in a message (minor units and a currency), written as the language current
    when the message is shown: «9 800 000,00 ₸», «20 000,00 USD»."""

    __slots__ = ("currency", "minor")

    def __init__(self, minor: int, currency: str = "KZT"):
        self.minor, self.currency = minor, currency

    def __str__(self) -> str:
        return money_text(self.minor, self.currency)


def money_text(minor, currency: str = "KZT") -> str:
    """Minor units in their currency for people: ``9 800 000,00 ₸`` (the sign says tenge, no
    «₸ KZT»), ``20 000,00 USD``; «—» for none."""
    if minor is None or _missing(minor):
        return "—"
    if currency in ("", "KZT"):
        return format_money(int(minor) / 100)
    return f"{format_number(int(minor) / 100)} {currency}"


class Lazy:
    """Any text of a message made only when the message is shown (``Lazy(lambda: …)``)."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make

    def __str__(self) -> str:
        return str(self.make())


class Stages:
    """Stage names in a message: «объявлен», «отменён» …, rendered when shown (``—`` when
    none); ``(entry, stage)`` pairs give ``entry (stage)``."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = tuple(items)

    def __str__(self) -> str:
        return ", ".join(f"{item[0]} ({stage_name(item[1])})" if isinstance(item, tuple)
                         else f"«{stage_name(item)}»" for item in self.items) or "—"


def stage_name(stage: str | None) -> str:
    """A lot's stage (or a step) as the register names it; no stage yet reads as such."""
    return t(f"stage.{stage or 'none'}")


def funding_name(source: str) -> str:
    """A funding source (``RB``, ``UNICEF``, ``NONE``) as people name it."""
    return t(f"funding.{source}")


def t_in(lang: str, key: str, /, **params: object) -> str:
    """The label ``key`` in ``lang``, formatted with ``params``."""
    text = LABELS[key][LANGS.index(lang)]
    return text.format(**params) if params else text


# --- formats (CLDR through Babel) ---------------------------------------------------------------


@cache
def _locale(lang: str):
    from babel import Locale

    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    return Locale.parse(LOCALES[lang])


@cache
def _pattern(lang: str, kind: str, decimals: int):
    """The locale's number, percent or money pattern with exactly ``decimals`` decimals."""
    from babel.numbers import parse_pattern

    locale = _locale(lang)
    if kind == "money":
        text = MONEY_PATTERNS.get(lang) or locale.currency_formats["standard"].pattern
    elif kind == "percent":
        text = locale.percent_formats[None].pattern
    else:
        text = locale.decimal_formats[None].pattern
    pattern = parse_pattern(text)
    pattern.frac_prec = (decimals, decimals)
    pattern.scale = 0  # a share is multiplied by 100 before (see format_percent)
    return pattern


def _apply(value, kind: str, decimals: int, lang: str | None) -> str:
    from decimal import Decimal

    lang = lang or _lang
    # the exact value of the float, rounded half to even like Python's own formatting
    number = value if isinstance(value, Decimal) else (
        Decimal(int(value)) if _is_integer(value) else Decimal(float(value)))
    shape = _shape(lang, kind, decimals)
    if shape is not None and number.is_finite():
        return _shaped(number, decimals, shape)
    return _pattern(lang, kind, decimals).apply(number, _locale(lang), currency="KZT",
                                                currency_digits=False)


_Shape = tuple[dict[int, str], tuple[str, str], tuple[str, str]]


@cache
def _shape(lang: str, kind: str, decimals: int) -> _Shape | None:
    """What Babel's pattern writes around the digits, for the plain patterns (groups of
    three, no scientific notation, significant digits or plural currency names): the
    separators and the text before and after a positive and a negative number. ``None`` for
    any other pattern (then Babel formats each value)."""
    from decimal import Decimal

    from babel.numbers import get_decimal_symbol, get_group_symbol

    pattern = _pattern(lang, kind, decimals)
    if (pattern.exp_prec or "@" in pattern.pattern or "¤¤¤" in pattern.pattern
            or pattern.grouping != (3, 3) or pattern.int_prec[0] != 1
            or pattern.frac_prec != (decimals, decimals) or pattern.scale != 0):
        return None
    locale = _locale(lang)
    group, point = get_group_symbol(locale), get_decimal_symbol(locale) if decimals else ""
    digits = f"1{group}234" + (f"{point}{'0' * decimals}" if decimals else "")
    ends = []
    for number in (Decimal(1234), Decimal(-1234)):
        text = pattern.apply(number, locale, currency="KZT", currency_digits=False)
        at = text.find(digits)
        if at < 0:
            return None
        ends.append((text[:at], text[at + len(digits):]))
    return {ord(","): group, ord("."): point}, ends[0], ends[1]


def _shaped(number, decimals: int, shape: _Shape) -> str:
    """``number`` as Babel writes it with ``shape`` (:func:`_shape`): rounded as Babel
    rounds (normalised, then half to even to ``decimals`` places), grouped by three; checked
    against Babel value by value in the tests."""
    from decimal import Decimal

    separators, positive, negative = shape
    rounded = abs(number).normalize().quantize(Decimal(1).scaleb(-decimals))
    before, after = negative if number.is_signed() else positive
    return before + format(rounded, ",f").translate(separators) + after


def format_number(value, decimals: int = 2, lang: str | None = None) -> str:
    """``1 234 567,89`` (no-break spaces) in Russian and Kazakh, ``1,234,567.89`` in English;
    empty for a missing value."""
    if _missing(value):
        return ""
    return _apply(value, "number", decimals, lang)


def format_money(value, decimals: int = 2, lang: str | None = None) -> str:
    """``1 234 567,89 ₸`` in Russian and Kazakh, ``1,234,567.89 KZT`` in English."""
    if _missing(value):
        return ""
    return _apply(value, "money", decimals, lang)


def format_percent(value, decimals: int = 1, lang: str | None = None) -> str:
    """A share as a percentage: ``26,5 %`` in Russian, ``26,5%`` in Kazakh, ``26.5%`` in
    English (``value`` 0.265)."""
    if _missing(value):
        return ""
    # times 100 in floating point, as the figures were always rounded (byte-identical output)
    return _apply(float(value) * 100, "percent", decimals, lang)


def format_date(value: date | None, lang: str | None = None) -> str:
    """``dd.mm.yyyy`` in Russian and Kazakh, ISO ``yyyy-mm-dd`` in English."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_date

    lang = lang or _lang
    return babel_date(value, DATE_PATTERNS[lang], locale=_locale(lang))


def plan_period(years: tuple[int, int], as_of: date | None = None,
                lang: str | None = None) -> str:
    """The period of a whole-plan figure: «2023–2025 гг., на 30.06.2025» (cumulative from the
    plan's start to ``as_of``), or «2023–2025 гг.» without a day."""
    first, last = years
    span = (t_in(lang or _lang, "period.years", first=first, last=last) if first != last
            else t_in(lang or _lang, "period.year", year=first))
    if as_of is None:
        return span
    return t_in(lang or _lang, "period.to_date", span=span,
                date=format_date(as_of, lang))


def year_period(year: int, as_of: date | None = None, lang: str | None = None) -> str:
    """The period of a figure of one year: «2025 г., на 30.06.2025»."""
    return plan_period((year, year), as_of, lang)


def month_names(lang: str | None = None) -> tuple[str, ...]:
    """The twelve month names, in the nominative as used inside a sentence: «январь»,
    "January", «қаңтар»."""
    return _month_names(lang or _lang)


@cache
def _month_names(lang: str) -> tuple[str, ...]:
    from babel.dates import get_month_names

    names = get_month_names("wide", MONTH_CONTEXT[lang], locale=_locale(lang))
    return tuple(names[number] for number in range(1, 13))


def month_title(month: str, lang: str | None = None) -> str:
    """A month ``YYYY-MM`` as a column title: «март 2025», "March 2025", «наурыз 2025»."""
    year, number = month.split("-")[:2]
    return f"{month_name(int(number), lang)} {year}"


def month_name(number: int, lang: str | None = None) -> str:
    """The name of month ``number`` (1–12), see :func:`month_names`."""
    if not 1 <= number <= 12:
        raise ValueError(f"month must be 1-12, not {number!r}")
    return month_names(lang or _lang)[number - 1]


def _is_integer(value) -> bool:
    import numbers

    return isinstance(value, numbers.Integral)


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except TypeError:  # pandas.NA
        return True
