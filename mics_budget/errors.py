"""Errors meant for people: a label key and its parameters, rendered in the current language
only when shown (the CLI prints one line per error and exits with status 2)."""

from __future__ import annotations

from .i18n import t


class UserError(Exception):
    """An error meant for a person: a label key plus its parameters, rendered on demand."""

    def __init__(self, key: str, **params: object):
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **{k: str(v) for k, v in self.params.items()})


class ConfirmationNeeded(UserError):
    """A step that contradicts what the register knows (``warnings``: label keys and their
    values): recorded only when the person confirms it (``--confirm``, the app's button)."""

    def __init__(self, warnings: list[tuple[str, dict[str, object]]]):
        key, params = warnings[0]
        super().__init__(key, **params)
        self.warnings = warnings
        self.field = "status"

    def __str__(self) -> str:
        from .i18n import t

        return "\n".join(t(key, **{k: str(v) for k, v in params.items()})
                         for key, params in self.warnings)


class RecordError(UserError):
    """A refused step or lot; ``field`` names the input at fault (for forms)."""

    def __init__(self, key: str, field: str | None = None, **params: object):
        super().__init__(key, **params)
        self.field = field
