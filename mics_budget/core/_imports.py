"""Fast imports: altair, jsonschema, papermill and nbconvert without jsonschema's optional
``rfc3987_syntax`` format checker.

jsonschema builds that checker's Lark grammar when it is imported: about 0.9 s of altair's
1.2 s import here, paid by every report and dashboard kernel and by the report's own process
(papermill and nbconvert import jsonschema through nbformat). Nothing of ours checks the
``iri``/``uri`` formats it serves; they are left out only when jsonschema is first imported
through :func:`without_rfc3987`.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def without_rfc3987(name: str) -> ModuleType:
    """``import name``, with jsonschema (if this imports it first) built without the
    ``rfc3987_syntax`` grammar."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return importlib.import_module(name)
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module(name)
    finally:
        del sys.modules["rfc3987_syntax"]
