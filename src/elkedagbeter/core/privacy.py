"""Small-number protection for aggregate figures.

1. Primary suppression: a count of 1 to 4 identifies people and is shown as "< 5". Zero is shown.
2. Secondary suppression: counts are linked by ``Relation``s (a region is the sum of its
   municipalities, a quarter the sum of its months). A relation with exactly one hidden cell
   gives that cell away by subtraction, so its smallest other cell is hidden too and shown as
   a multiplication sign. This repeats until no relation has exactly one hidden cell.
3. Publication: shown counts are rounded to a multiple of 5; a rate or mean is only given when
   its numerator and denominator are 0 or at least 5.

This stops exact recovery by subtraction (the differencing attack). It does not compute
protection intervals as τ-ARGUS does, so bounds (counts are never negative) can still narrow a
hidden cell down.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Generic, Literal, TypeVar

THRESHOLD = 5
SUPPRESSED_LABEL = "< 5"
SECONDARY_LABEL = "\N{MULTIPLICATION SIGN}"

Key = TypeVar("Key", bound=Hashable)
Cell = TypeVar("Cell", bound=Hashable, covariant=True)  # a relation is read-only
Reason = Literal["small", "secondary"]


@dataclass(frozen=True)
class ProtectedCount:
    value: int | None  # None when suppressed
    reason: Reason | None = None  # why it is suppressed: its own size, or to protect another

    def __post_init__(self) -> None:
        if (self.value is None) != (self.reason is not None):
            raise ValueError("A suppressed count has no value and a reason; a shown one neither.")

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.reason == "small":
            return SUPPRESSED_LABEL
        if self.reason == "secondary":
            return SECONDARY_LABEL
        return str(self.value)


@dataclass(frozen=True)
class Relation(Generic[Cell]):
    """``value(total) == sum(value(part) for part in parts)``, e.g. a row of a table."""

    total: Cell
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class ProtectedTable(Generic[Key]):
    cells: dict[Key, ProtectedCount]
    total: ProtectedCount


def protect_count(value: int) -> ProtectedCount:
    return ProtectedCount(None, "small") if 0 < value < THRESHOLD else ProtectedCount(value)


def suppress(
    values: Mapping[Key, int],
    relations: Iterable[Relation[Key]],
    hidden: Collection[Key] = (),
) -> dict[Key, ProtectedCount]:
    """Protect ``values`` cell by cell and against subtraction along ``relations``.

    ``hidden`` names cells that are already hidden elsewhere (a pattern worked out for the whole
    table, see the indicators' ``protection``); they stay hidden, as small only when they still
    are.
    """
    relations = list(relations)
    missing = {str(key) for relation in relations for key in relation.cells if key not in values}
    if missing:
        raise KeyError(f"Relations name cells that have no value: {', '.join(sorted(missing))}")
    reasons = hidden_cells(values, relations, hidden)
    return {
        key: ProtectedCount(None, reasons[key]) if key in reasons else ProtectedCount(value)
        for key, value in values.items()
    }


def hidden_cells(
    values: Mapping[Key, int], relations: list[Relation[Key]], hidden: Collection[Key] = ()
) -> dict[Key, Reason]:
    """The cells ``suppress`` hides and why, for callers that build very large tables and have
    made sure every cell of every relation has a value."""
    reasons: dict[Key, Reason] = {key: "secondary" for key in hidden if key in values}
    reasons.update({key: "small" for key, value in values.items() if 0 < value < THRESHOLD})
    _spread(values, relations, reasons)
    return reasons


def _spread(
    values: Mapping[Key, int], relations: list[Relation[Key]], reasons: dict[Key, Reason]
) -> None:
    """Hide partners until no relation has exactly one hidden cell. A worklist of relations in
    their given order: a relation is looked at again only when one of its cells was hidden."""
    containing: dict[Key, list[int]] = {}
    for index, relation in enumerate(relations):
        for key in relation.cells:
            containing.setdefault(key, []).append(index)
    queue = deque(i for i, relation in enumerate(relations) if reasons.keys() & relation.cells)
    queued = set(queue)
    while queue:
        index = queue.popleft()
        queued.discard(index)
        relation = relations[index]
        if sum(key in reasons for key in relation.cells) != 1:
            continue
        partner = _partner(relation, values, reasons.keys())
        if partner is None:
            continue
        reasons[partner] = "secondary"
        for other in containing[partner]:
            if other not in queued:
                queue.append(other)
                queued.add(other)


def _partner(
    relation: Relation[Key], values: Mapping[Key, int], hidden: Collection[Key]
) -> Key | None:
    """The cell to hide along with the one hidden cell of ``relation``: its smallest shown part
    (non-zero parts first, ties by name), else its total."""
    parts = [part for part in relation.parts if part not in hidden]
    if parts:
        return min(parts, key=lambda part: (values[part] == 0, values[part], str(part)))
    return None if relation.total in hidden else relation.total


class _Total(Enum):
    TOTAL = "total"


def protect_table(counts: Mapping[Key, int]) -> ProtectedTable[Key]:
    """Suppress small cells and make sure no suppressed cell can be derived from the total."""
    values: dict[Key | _Total, int] = {_Total.TOTAL: sum(counts.values())}
    values.update(counts.items())
    relation: Relation[Key | _Total] = Relation(_Total.TOTAL, tuple(counts))
    protected = suppress(values, [relation])
    return ProtectedTable(
        cells={key: protected[key] for key in counts}, total=protected[_Total.TOTAL]
    )


def round_for_publication(value: int) -> int:
    """The nearest multiple of 5 (2 → 0, 3 → 5), as CBS publishes youth-care tables."""
    return (value + 2) // 5 * 5


def publish(protected: Mapping[Key, ProtectedCount]) -> dict[Key, ProtectedCount]:
    """Suppressed cells stay suppressed; the others are rounded."""
    return {
        key: count if count.value is None else ProtectedCount(round_for_publication(count.value))
        for key, count in protected.items()
    }


def protect_ratio(numerator: int, denominator: int) -> float | None:
    """A share, or None when there is nothing to divide by or when the counted, the rest or the
    whole is 1 to 4 (48 of 50 would reveal the 2 who were not counted)."""
    rest = denominator - numerator
    if denominator == 0 or any(0 < n < THRESHOLD for n in (numerator, rest, denominator)):
        return None
    return numerator / denominator
