"""Every user-facing text, grouped by the part of the tool that shows it.

:data:`LABELS` maps a key (``area.name``) to its texts, one per language of
:data:`mics_budget.i18n.LANGS`; :func:`mics_budget.i18n.t` renders one. A test checks that
every label has every language with the same placeholders, and that no key is defined twice.
"""

from __future__ import annotations

from . import (
    access,
    cli,
    closeout,
    data,
    face,
    forecast,
    general,
    plan,
    portal,
    procurement,
    rates,
    register,
    report,
    screens,
    settings,
    summary,
)

AREAS = (general, data, plan, procurement, register, report, summary, forecast, screens,
         access, settings, cli, portal, rates, face, closeout)
LABELS: dict[str, tuple[str, ...]] = {}
for _area in AREAS:
    LABELS.update(_area.LABELS)
ARGPARSE = cli.ARGPARSE
