"""Vectorised parsing of the values people type: dates and money in Russian and ISO styles."""

from __future__ import annotations

import pandas as pd

# formats accepted for dates, in order; anything else is an error, never a guess
DATE_FORMATS = {
    r"^\d{4}-\d{2}-\d{2}$": "%Y-%m-%d",
    r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$": "ISO8601",
    r"^\d{1,2}\.\d{1,2}\.\d{4}$": "%d.%m.%Y",
    r"^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}(:\d{2})?$": "mixed_ru",
}


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (``datetime64``, midnight) and a mask of non-empty values that are not dates."""
    text = text.astype("str").str.strip()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    for pattern, fmt in DATE_FORMATS.items():
        match = text.str.match(pattern)
        if not match.any():
            continue
        part = text[match]
        if fmt == "mixed_ru":
            part = part.str.split(" ").str[0]
            fmt = "%d.%m.%Y"
        parsed = pd.to_datetime(part, format=fmt, errors="coerce")
        out[match] = parsed.dt.normalize().astype("datetime64[us]")
    bad = out.isna() & (text != "")
    return out, bad
