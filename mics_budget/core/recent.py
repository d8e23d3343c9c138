"""A bounded memo of the last results asked for (a viewer's filters and dates go back and
forth; loaded data never change, so a result of the same arguments is the same)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    """The results of the last ``size`` keys, the least recently asked dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[Hashable, T] = {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The result kept for ``key``, else ``make()`` (then kept)."""
        found = self._kept.pop(key, None)
        if found is None:
            found = make()
            while self._kept and len(self._kept) >= self.size:
                self._kept.pop(next(iter(self._kept)))
        self._kept[key] = found  # the most recent last
        return found

    def __len__(self) -> int:
        return len(self._kept)
