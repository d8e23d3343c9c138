"""altair, imported fast (see :func:`mics_budget.core._imports.without_rfc3987`)."""

from __future__ import annotations

from ..core._imports import without_rfc3987


def _import_altair():  # untyped on purpose: altair's own annotations are not checked here
    return without_rfc3987("altair")


alt = _import_altair()
