"""altair, imported fast (see :func:`_import_altair`)."""

from __future__ import annotations

import sys


def _import_altair():
    """Import altair without jsonschema's optional ``rfc3987_syntax`` format checker.

    jsonschema (which altair imports) builds that checker's Lark grammar at import time:
    0.9 of altair's 1.2 s import here, paid by every report and dashboard kernel. Altair never
    checks that format; only ``iri``/``uri`` format checks of jsonschema in this process are
    left out (and only when altair is imported before jsonschema).
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import altair
        return altair
    sys.modules["rfc3987_syntax"] = None
    try:
        import altair
    finally:
        del sys.modules["rfc3987_syntax"]
    return altair


alt = _import_altair()
