"""Small-number protection for aggregate figures.

Counts below ``THRESHOLD`` are shown as "< 5" (primary suppression). Where a table shows a total,
a single suppressed cell could be recovered by subtraction, so the smallest other non-zero cell is
suppressed too (secondary suppression).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

THRESHOLD = 5
SUPPRESSED_LABEL = "< 5"

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class ProtectedCount:
    value: int | None  # None when suppressed

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return SUPPRESSED_LABEL if self.value is None else str(self.value)


@dataclass(frozen=True)
class ProtectedTable(Generic[Key]):
    cells: dict[Key, ProtectedCount]
    total: ProtectedCount


def protect_count(value: int) -> ProtectedCount:
    return ProtectedCount(None if 0 < value < THRESHOLD else value)


def protect_table(counts: Mapping[Key, int]) -> ProtectedTable[Key]:
    """Suppress small cells and make sure no suppressed cell can be derived from the total."""
    suppressed = {key for key, value in counts.items() if 0 < value < THRESHOLD}
    if len(suppressed) == 1:
        others = sorted(
            (value, str(key), key)
            for key, value in counts.items()
            if key not in suppressed and value > 0
        )
        if others:
            suppressed.add(others[0][2])
    total = sum(counts.values())
    cells = {
        key: ProtectedCount(None if key in suppressed else value) for key, value in counts.items()
    }
    return ProtectedTable(cells=cells, total=protect_count(total))
