"""The language of everything a person reads, and how numbers, money and dates are written.

``t("key", **params)`` renders a label of :mod:`mics_budget.texts` in the current language.
The language comes from :func:`set_lang` (the CLI's ``--lang``) or the ``MICS_LANG``
environment variable; Russian by default.
"""

from __future__ import annotations

import os
from datetime import date

from .texts import LABELS

LANGS = ("ru", "en")
_lang = os.environ.get("MICS_LANG", "ru") if os.environ.get("MICS_LANG") in LANGS else "ru"


def set_lang(lang: str) -> None:
    global _lang
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    _lang = lang


def get_lang() -> str:
    return _lang


def t(key: str, /, **params: object) -> str:
    """The label ``key`` in the current language, formatted with ``params`` (any names,
    ``key`` and ``lang`` included)."""
    return t_in(_lang, key, **params)


def t_in(lang: str, key: str, /, **params: object) -> str:
    """The label ``key`` in ``lang``, formatted with ``params``."""
    text = LABELS[key][LANGS.index(lang)]
    return text.format(**params) if params else text


MONTH_NAMES = {
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def format_date(value: date | None, lang: str | None = None) -> str:
    """``dd.mm.yyyy`` in Russian, ISO ``yyyy-mm-dd`` in English."""
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if (lang or _lang) == "ru" else value.isoformat()


def format_number(value, decimals: int = 2, lang: str | None = None) -> str:
    """``1 234 567,89`` (no-break spaces) in Russian, ``1,234,567.89`` in English."""
    if _missing(value):
        return ""
    text = f"{value:,.{decimals}f}"
    if (lang or _lang) == "ru":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_money(value, decimals: int = 2, lang: str | None = None) -> str:
    """``1 234 567,89 ₸`` in Russian, ``1,234,567.89 KZT`` in English."""
    if _missing(value):
        return ""
    lang = lang or _lang
    return format_number(value, decimals, lang) + ("\u00a0₸" if lang == "ru" else " KZT")


def format_percent(value, decimals: int = 1, lang: str | None = None) -> str:
    if _missing(value):
        return ""
    return format_number(value * 100, decimals, lang) + "\u00a0%"


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except TypeError:  # pandas.NA
        return True
