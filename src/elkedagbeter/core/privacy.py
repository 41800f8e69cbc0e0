"""Small-number protection for aggregate figures.

1. Primary suppression: a count of 1 to 4 identifies people and is shown as "< 5". Zero is shown.
2. Secondary suppression: counts are linked by ``Relation``s (a region is the sum of its
   municipalities, a quarter the sum of its months). A relation with exactly one hidden cell
   gives that cell away by subtraction, so its smallest other non-zero cell is hidden too and
   shown as a multiplication sign (a zero only when nothing else is left). This repeats until no
   relation has exactly one hidden cell.
3. Ranges: subtraction is not the only attack. Someone who reads every "< 5" as 1 to 4, every
   hidden cell as at least 0 and every relation as an equation can narrow a hidden cell down by
   linear programming, even pin it. ``attacker_ranges`` runs that attack (HiGHS through
   ``highspy``) and ``protect_ranges`` hides more cells until every hidden cell's range holds at
   least ``WIDTH`` whole numbers: a sliding protection interval in τ-ARGUS's terms.
4. Publication: shown counts are rounded to a multiple of 5; a rate or mean is only given when
   its numerator and denominator are 0 or at least 5.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Solution = NDArray[np.float64]

THRESHOLD = 5
# A hidden count must keep at least this many whole numbers in the range an attacker can derive
# for it from everything shown (a "< 5" stays at least as vague as three of 1, 2, 3 and 4).
WIDTH = 3

logger = logging.getLogger(__name__)
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
    """``value(total) == sum(value(part) for part in parts)``, e.g. a row of a table.

    Not ``exact``: distinct counts (a youth counted once per quarter, however many months), where
    the total is at most the sum of its parts and at least the largest part. Subtraction treats
    them as exact, which hides more than needed but never less."""

    total: Cell
    parts: tuple[Cell, ...]
    exact: bool = True

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
    crossed: Collection[Key] = (),
) -> dict[Key, ProtectedCount]:
    """Protect ``values`` cell by cell and against subtraction along ``relations``.

    ``hidden`` names cells that are already hidden elsewhere (a pattern worked out for the whole
    table, see the indicators' ``protection``); they stay hidden, as small only when they still
    are and are not ``crossed``: small cells shown as a cross, because "< 5" (at least 1, at most
    4) would help narrow another cell down (``protect_ranges``).
    """
    relations = list(relations)
    missing = {str(key) for relation in relations for key in relation.cells if key not in values}
    if missing:
        raise KeyError(f"Relations name cells that have no value: {', '.join(sorted(missing))}")
    reasons = hidden_cells(values, relations, hidden, crossed)
    return {
        key: ProtectedCount(None, reasons[key]) if key in reasons else ProtectedCount(value)
        for key, value in values.items()
    }


def hidden_cells(
    values: Mapping[Key, int],
    relations: list[Relation[Key]],
    hidden: Collection[Key] = (),
    crossed: Collection[Key] = (),
) -> dict[Key, Reason]:
    """The cells ``suppress`` hides and why, for callers that build very large tables and have
    made sure every cell of every relation has a value."""
    reasons: dict[Key, Reason] = {key: "secondary" for key in hidden if key in values}
    reasons.update(
        {
            key: "small"
            for key, value in values.items()
            if 0 < value < THRESHOLD and key not in crossed
        }
    )
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
    """The cell to hide along with the one hidden cell of ``relation``: its smallest shown
    non-zero part (ties by name), else its total when that is not zero, else a zero part.

    A hidden zero is a poor partner: the other sums it is part of are mostly zeros too (a team
    with nothing that month, in a municipality with nothing that month), and each then needs a
    zero of its own, through much of a sparse table."""
    shown = [cell for cell in relation.cells if cell not in hidden]
    if not shown:
        return None
    return min(
        shown,
        key=lambda cell: (
            values[cell] == 0,
            cell == relation.total,
            values[cell],
            str(cell),
        ),
    )


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


# Ranges an attacker can derive -------------------------------------------------------------

UNBOUNDED = math.inf
_EPS = 1e-6
# A cell hidden with a cross has no highest value; HiGHS's presolve may call an unbounded program
# infeasible, so the programs cap every cell far above any count instead.
_CAP = 1e9
Bounds = tuple[float, float]  # what a reader knows of one cell: its lowest and highest value


@dataclass(frozen=True)
class Range:
    """The values a hidden cell can take given everything shown, by linear programming.

    ``tight`` is False when the audit stopped as soon as the range was known to be wide enough:
    the cell then reaches at least from ``low`` to ``high``."""

    low: float
    high: float
    tight: bool = True

    @property
    def values(self) -> float:
        """How many whole numbers the range holds (infinite when unbounded)."""
        if math.isinf(self.high):
            return math.inf
        return max(0, math.floor(self.high + _EPS) - math.ceil(self.low - _EPS) + 1)

    @property
    def pinned(self) -> bool:
        return self.values <= 1


def knowledge(values: Mapping[Key, int], reasons: Mapping[Key, Reason]) -> dict[Key, Bounds]:
    """What a reader of the shown table knows of every cell: a shown count exactly, "< 5" as 1 to
    4, a cell hidden to protect another as at least 0. (That a hidden cell is not 1 to 4 is not
    linear; the attack leaves it out.)"""
    known: dict[Key, Bounds] = {}
    for key, value in values.items():
        reason = reasons.get(key)
        if reason is None:
            known[key] = (value, value)
        elif reason == "small":
            known[key] = (1, THRESHOLD - 1)
        else:
            known[key] = (0, UNBOUNDED)
    return known


def published_knowledge(
    values: Mapping[Key, int], reasons: Mapping[Key, Reason]
) -> dict[Key, Bounds]:
    """What a reader of the public pages knows: a shown count is rounded to a multiple of 5, so
    it lies within 2 of what is shown, and is 0 or at least 5 (1 to 4 would be hidden)."""
    known = knowledge(values, reasons)
    for key, value in values.items():
        if key not in reasons:
            shown = round_for_publication(value)
            known[key] = (0, 0) if shown == 0 else (max(shown - 2, THRESHOLD), shown + 2)
    return known


class _Components(Generic[Key]):
    """Union-find over the cells a reader does not know exactly."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, key: Key) -> Key:
        parent = self.parent.setdefault(key, key)
        while parent != key:
            grand = self.parent[parent]
            self.parent[key] = grand
            key, parent = parent, grand
        return key

    def union(self, first: Key, second: Key) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[a] = b


def attacker_ranges(
    known: Mapping[Key, Bounds],
    relations: Iterable[Relation[Key]],
    targets: Collection[Key],
    *,
    width: int | None = None,
    truth: Mapping[Key, int] | None = None,
    blocks: Blocks[Key] | None = None,
) -> dict[Key, Range]:
    """The tightest range of every target cell a reader can derive from ``known`` and the
    ``relations``, each end found by a linear program (HiGHS, through ``highspy``).

    The cells a reader does not know exactly fall apart into independent groups linked by the
    relations; each group is one small program. With ``width`` the audit stops working on a cell
    as soon as feasible solutions (``truth`` is one) show it can take ``width`` whole numbers;
    without it, every range is tight.

    ``blocks`` (with ``truth``): which block a cell belongs to (a region), or None for the cells
    that link blocks (the country's). A group that spans blocks is worked on block by block
    (``_ranges_by_block``): the ranges found there are within the tightest ones, never wider."""
    relations = list(relations)
    free, components, touching = _groups(known, relations)
    groups: dict[Key, list[Key]] = {}
    for key in sorted(free, key=str):
        groups.setdefault(components.find(key), []).append(key)
    group_relations: dict[Key, list[Relation[Key]]] = {}
    for first, found in touching.items():
        group_relations.setdefault(components.find(first), []).extend(found)
    result: dict[Key, Range] = {}
    wanted: dict[Key, list[Key]] = {}
    for key in targets:
        low, high = known[key]
        if key not in free:
            result[key] = Range(low, high)
        else:
            wanted.setdefault(components.find(key), []).append(key)
    for root, keys in wanted.items():
        cells, found = groups[root], group_relations.get(root, [])
        if blocks is not None and truth is not None and _spans_blocks(cells, blocks):
            result.update(_ranges_by_block(cells, found, known, keys, width, truth, blocks))
        else:
            program = _Program(cells, found, known)
            result.update(program.ranges(sorted(keys, key=str), width, truth))
    return result


Blocks = Callable[[Key], Hashable | None]
# With how many other blocks a block's cells are audited, in turn: alone first, then with the
# blocks it shares the most linking sums with. A cell is taken to the next step only while it
# has not been seen to take enough values.
_PARTNERS = (0, 3, 12)


def _spans_blocks(cells: Iterable[Key], blocks: Blocks[Key]) -> bool:
    found = {blocks(key) for key in cells}
    return len(found - {None}) > 1


def _ranges_by_block(
    cells: list[Key],
    relations: list[Relation[Key]],
    known: Mapping[Key, Bounds],
    targets: list[Key],
    width: int | None,
    truth: Mapping[Key, int],
    blocks: Blocks[Key],
) -> dict[Key, Range]:
    """The ranges of ``targets`` in one group of unknown cells that spans blocks (the regions of
    a country, tied together only by the country's sums), too large to solve as one program.

    Each block's cells are audited in a program of their own in which every cell of the other
    blocks is fixed at its true value, the linking cells left free; a cell not yet wide enough
    there is audited again with its block's closest partners free as well (``_PARTNERS``).
    That is sound: such a program is the whole one with more cells known, every solution of it
    (with the fixed cells at their true values) is a solution of the whole, so a range found in
    it is reached by the whole program too. It can only be narrower than the tightest range,
    so a cell is at worst hidden with more company than it needed."""
    block_of = {key: blocks(key) for key in cells}
    members: dict[Hashable | None, list[Key]] = {}
    for key, block in block_of.items():
        members.setdefault(block, []).append(key)
    touching: dict[Hashable | None, list[Relation[Key]]] = {}
    linking: list[set[Hashable]] = []  # per sum that ties blocks, the blocks it ties
    for relation in relations:
        tied = {block_of[key] for key in relation.cells if key in block_of}
        for block in tied:
            touching.setdefault(block, []).append(relation)
        if None in tied or len(tied) > 1:
            linking.append({block for block in tied if block is not None})
    open_: dict[Hashable | None, list[Key]] = {}
    for key in targets:
        open_.setdefault(block_of[key], []).append(key)
    result: dict[Key, Range] = {}
    for partners in _PARTNERS:
        for block, keys in open_.items():
            chosen = [block, *_closest_blocks(block, linking, partners)]
            free = {key for b in {None, *chosen} for key in members.get(b, [])}
            sub_relations = list(
                {id(r): r for b in {None, *chosen} for r in touching.get(b, [])}.values()
            )
            sub_known = {
                key: known[key] if key in free else (truth[key], truth[key])
                for relation in sub_relations
                for key in relation.cells
            }
            ranges = attacker_ranges(sub_known, sub_relations, keys, width=width, truth=truth)
            for key, seen in ranges.items():
                before = result.get(key, seen)
                # Every end found is reached by the whole program, and so is all in between.
                result[key] = Range(min(before.low, seen.low), max(before.high, seen.high), False)
        open_ = {
            block: still
            for block, keys in open_.items()
            if (still := [key for key in keys if width is None or result[key].values < width])
        }
        if not open_:
            break
    return result


def _closest_blocks(
    block: Hashable | None, linking: list[set[Hashable]], count: int
) -> list[Hashable]:
    """Up to ``count`` other blocks that share linking sums with ``block`` (any block, for the
    linking cells themselves), chosen one by one so that each of its sums is shared with as
    many different blocks as possible."""
    mine = [tied for tied in linking if block is None or block in tied]
    chosen: list[Hashable] = []
    covered = [0] * len(mine)
    for _ in range(count):
        score: dict[Hashable, float] = {}
        for i, tied in enumerate(mine):
            for other in tied:
                if other != block and other not in chosen:
                    score[other] = score.get(other, 0.0) + 1 / (1 + covered[i])
        if not score:
            break
        best = min(score, key=lambda other: (-score[other], str(other)))
        chosen.append(best)
        covered = [n + (best in tied) for tied, n in zip(mine, covered, strict=True)]
    return chosen


def _groups(
    known: Mapping[Key, Bounds], relations: list[Relation[Key]]
) -> tuple[set[Key], _Components[Key], dict[Key, list[Relation[Key]]]]:
    """The cells a reader does not know exactly, the groups the relations link them into, and
    the relations of each group (under the first of its unknown cells)."""
    free = {key for key, (low, high) in known.items() if high > low}
    components: _Components[Key] = _Components()
    for key in free:
        components.find(key)
    touching: dict[Key, list[Relation[Key]]] = {}
    for relation in relations:
        cells = [key for key in relation.cells if key in free]
        for key in cells[1:]:
            components.union(cells[0], key)
        if cells:
            touching.setdefault(cells[0], []).append(relation)
    return free, components, touching


def linked_cells(
    known: Mapping[Key, Bounds], relations: Iterable[Relation[Key]], changed: Collection[Key]
) -> set[Key]:
    """The unknown cells whose range a change to the ``changed`` cells can move: those in a group
    with a changed cell or with a relation that names one. Every other group's program is the
    same as before the change, and so are its ranges."""
    relations = list(relations)
    free, components, _touching = _groups(known, relations)
    moved = {components.find(key) for key in changed if key in free}
    for relation in relations:
        if any(key in changed for key in relation.cells):
            moved.update(components.find(key) for key in relation.cells if key in free)
    return {key for key in free if components.find(key) in moved}


class _Program(Generic[Key]):
    """One group of unknown cells as a linear program: the relations as equations (or, for
    distinct counts, inequalities), what is known of each cell as its bounds.

    One HiGHS model (``highspy``) per group, built once: between solves only the objective
    changes, so each solve starts from the last basis and takes a few simplex steps."""

    def __init__(
        self, cells: list[Key], relations: list[Relation[Key]], known: Mapping[Key, Bounds]
    ) -> None:
        import highspy  # loads only when a table is audited
        import numpy as np

        self.cells = cells
        self.index = {key: i for i, key in enumerate(cells)}
        rows: list[tuple[dict[int, float], float, bool]] = []  # coefficients, rhs, equation
        for relation in relations:
            terms = [(relation.total, 1.0)] + [(part, -1.0) for part in relation.parts]
            coefficients, rhs = self._row(terms, known)
            rows.append((coefficients, rhs, relation.exact))
            if not relation.exact:  # the whole is at least each of its parts
                for part in relation.parts:
                    coefficients, rhs = self._row([(part, 1.0), (relation.total, -1.0)], known)
                    rows.append((coefficients, rhs, False))
        rows = [row for row in rows if row[0]]
        n = len(cells)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.array([known[key][0] for key in cells], dtype=np.float64)
        lp.col_upper_ = np.array([min(known[key][1], _CAP) for key in cells], dtype=np.float64)
        lp.row_lower_ = np.array(
            [rhs if exact else -inf for _c, rhs, exact in rows], dtype=np.float64
        )
        lp.row_upper_ = np.array([rhs for _c, rhs, _exact in rows], dtype=np.float64)
        starts: list[int] = [0]
        indices: list[int] = []
        data: list[float] = []
        for coefficients, _rhs, _exact in rows:
            indices += coefficients.keys()
            data += coefficients.values()
            starts.append(len(indices))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(data, dtype=np.float64)
        self.highs = highspy.Highs()
        self.highs.silent()
        self.highs.setOptionValue("presolve", "off")
        self.highs.passModel(lp)
        self.costs: dict[int, float] = {}
        self._optimal = highspy.HighsModelStatus.kOptimal

    def _row(
        self, terms: list[tuple[Key, float]], known: Mapping[Key, Bounds]
    ) -> tuple[dict[int, float], float]:
        coefficients: dict[int, float] = {}
        constant = 0.0
        for key, sign in terms:
            if key in self.index:
                i = self.index[key]
                coefficients[i] = coefficients.get(i, 0.0) + sign
            else:
                constant += sign * known[key][0]
        return {i: c for i, c in coefficients.items() if c}, -constant

    def solve(self, target: int, sign: float) -> tuple[float, Solution | None]:
        """The lowest (``sign`` 1) or highest (-1) value of one cell, and a solution reaching
        it; ``inf`` when only the cap holds it (no highest value)."""
        solution = self._solve({target: sign})
        if solution[target] >= _CAP / 2:
            return UNBOUNDED, solution
        return float(solution[target]), solution

    def _solve(self, costs: dict[int, float]) -> Solution:
        import numpy as np

        changed = dict.fromkeys(self.costs, 0.0) | costs
        if changed:
            keys = np.fromiter(changed, dtype=np.int32, count=len(changed))
            values = np.fromiter(changed.values(), dtype=np.float64, count=len(changed))
            self.highs.changeColsCost(len(keys), keys, values)
        self.costs = {i: c for i, c in costs.items() if c}
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != self._optimal:
            raise ValueError(
                f"The attacker's linear program failed: {self.highs.modelStatusToString(status)}"
            )
        solution: Solution = np.asarray(self.highs.getSolution().col_value, dtype=np.float64)
        return solution

    def ranges(
        self, targets: list[Key], width: int | None, truth: Mapping[Key, int] | None
    ) -> dict[Key, Range]:
        import numpy as np

        n = len(self.cells)
        seen_low = np.full(n, np.inf)
        seen_high = np.full(n, -np.inf)

        def see(solution: Solution | None) -> None:
            if solution is not None:
                np.minimum(seen_low, solution, out=seen_low)
                np.maximum(seen_high, solution, out=seen_high)

        def spread() -> Solution:  # whole numbers seen so far per cell
            found: Solution = np.maximum(
                0, np.floor(seen_high + _EPS) - np.ceil(seen_low - _EPS) + 1
            )
            return found

        def wide(i: int) -> bool:
            return width is not None and Range(seen_low[i], seen_high[i]).values >= width

        if truth is not None:
            see(np.array([float(truth[key]) for key in self.cells]))
        wanted = [self.index[key] for key in targets]
        if width is not None:
            # Feasible solutions that push many cells at once, all up, all down and a few mixed
            # ways: most cells are then seen to take enough values without a program of their
            # own.
            for attempt, sign in enumerate([1.0, -1.0, 1.0, -1.0]):
                shown = spread()
                open_ = [i for i in wanted if shown[i] < width]
                if not open_:
                    break
                see(
                    self._solve(
                        {
                            i: sign * (-1.0 if attempt >= 2 and (k + attempt) % 2 else 1.0)
                            for k, i in enumerate(open_)
                        }
                    )
                )
        result: dict[Key, Range] = {}
        for key in targets:
            i = self.index[key]
            if wide(i):
                result[key] = Range(seen_low[i], seen_high[i], tight=False)
                continue
            high, solution = self.solve(i, -1.0)
            see(solution)
            if math.isinf(high):
                seen_high[i] = high
            if wide(i):
                result[key] = Range(seen_low[i], seen_high[i], tight=False)
                continue
            low, solution = self.solve(i, 1.0)
            see(solution)
            result[key] = Range(low, high)
        return result


Knowledge = Callable[[Mapping[Key, int], Mapping[Key, Reason]], dict[Key, Bounds]]


def protect_ranges(
    values: Mapping[Key, int],
    relations: list[Relation[Key]],
    reasons: dict[Key, Reason],
    *,
    width: int = WIDTH,
    known: Knowledge[Key] = knowledge,
    changed: Collection[Key] | None = None,
    blocks: Blocks[Key] | None = None,
) -> None:
    """Hide more (secondary suppression) until no hidden cell's range, as a reader of ``known``
    can derive it, holds fewer than ``width`` whole numbers.

    ``reasons`` (from ``hidden_cells``) is changed in place. For a cell that is narrowed down, one
    cell around it gives up what it tells, whichever costs least: a "< 5" in a relation with it
    becomes a cross (which tells nothing of its size), the relation's total first; else a shown
    cell is hidden, the smallest non-zero one first, a part before a total, a zero last. Then
    subtraction is prevented again (``_spread``) and the cells that were narrowed or changed are
    audited again. A cell next to one changed this round waits for the next. Hiding only widens
    ranges, so a cell found wide enough stays so, and the loop ends: at worst all is hidden.

    ``changed``: when ``reasons`` holds a pattern audited before and only these cells have
    changed since (in value or in what is shown of them), only the hidden cells whose range the
    change can move are audited (``linked_cells``).

    ``blocks``: see ``attacker_ranges``; a cell found narrow there may be wide enough in the
    whole program, so with blocks a few more cells are hidden than strictly needed."""
    containing: dict[Key, list[Relation[Key]]] = {}
    for relation in relations:
        for key in relation.cells:
            containing.setdefault(key, []).append(relation)
    if blocks is not None and changed is None:
        _protect_each_block(values, relations, reasons, width=width, known=known, blocks=blocks)
        _spread(values, relations, reasons)
    pending: set[Key] = set(reasons)
    if changed is not None:
        linked: set[Key] = linked_cells(known(values, reasons), relations, changed)
        pending &= linked
    while pending:
        ranges = attacker_ranges(
            known(values, reasons), relations, pending, width=width, truth=values, blocks=blocks
        )
        narrow = sorted((key for key, found in ranges.items() if found.values < width), key=str)
        logger.debug("Range audit: %d cells audited, %d narrowed", len(pending), len(narrow))
        if not narrow:
            return
        before = dict(reasons)
        given_up: set[Key] = set()
        for key in narrow:
            around = {key} | {cell for r in containing.get(key, []) for cell in r.cells}
            if around & given_up:
                continue  # the change next to it may well widen it: audit it again first
            partner = _widening_partner(key, values, containing, reasons)
            if partner is not None:
                reasons[partner] = "secondary"
                given_up.add(partner)
        if not given_up:
            logger.warning("Range audit: %d cells stay narrowed, nothing left to hide", len(narrow))
            return
        _spread(values, relations, reasons)
        pending = set(narrow) | {
            key for key, reason in reasons.items() if before.get(key) != reason
        }


def _protect_each_block(
    values: Mapping[Key, int],
    relations: list[Relation[Key]],
    reasons: dict[Key, Reason],
    *,
    width: int,
    known: Knowledge[Key],
    blocks: Blocks[Key],
) -> None:
    """Protect each block against its own sums first (a region as if it stood alone).

    A reader of one block's sums alone knows less than a reader of all of them, so a cell
    narrowed there is narrowed in the whole table too: what this hides, the whole loop would
    have to hide as well. It is cheap (each block's loop audits only its own cells) and leaves
    the whole loop the few cells that the sums linking the blocks narrow (issue 23: a sparse
    indicator needs some 25 rounds, each of which audited the whole country)."""
    inside: dict[Hashable, list[Relation[Key]]] = {}
    for relation in relations:
        found = {blocks(key) for key in relation.cells}
        if len(found) == 1 and None not in found:
            inside.setdefault(found.pop(), []).append(relation)
    if len(inside) < 2:
        return  # one block: the whole loop is this loop, with the sums that span it besides
    for own in inside.values():
        cells = {key for relation in own for key in relation.cells}
        own_values = {key: values[key] for key in cells}
        own_reasons = {key: reason for key, reason in reasons.items() if key in cells}
        protect_ranges(own_values, own, own_reasons, width=width, known=known)
        reasons.update(own_reasons)


# How far (in hidden cells) ``_widening_partner`` looks for a non-zero cell before a zero.
_RINGS = 2


def _widening_partner(
    key: Key,
    values: Mapping[Key, int],
    containing: Mapping[Key, list[Relation[Key]]],
    reasons: Mapping[Key, Reason],
) -> Key | None:
    """The cell whose hiding costs least and gives ``key`` room: in a relation with it, or else
    in a relation with a hidden cell beside it, and so on ``_RINGS`` deep.

    A shown zero comes last, after the cells further out: a hidden zero needs room of its own,
    and a sum whose other cells are all shown zeros pins it at 0, so hiding one zero calls for
    its zero neighbours too, and in a sparse table that runs through most of it (issue 23). Of
    the zeros, the one fewest such sums would pin goes first."""

    def pins(zero: Key) -> int:
        """How many sums would pin ``zero`` at 0 once hidden: all their other cells are shown
        zeros (those would have to go too)."""
        return sum(
            all(values[other] == 0 and other not in reasons for other in r.cells if other != zero)
            for r in containing.get(zero, [])
        )

    def candidates(cell: Key, ring: int) -> list[tuple[bool, int, int, int, int, bool, str, Key]]:
        found = []
        if reasons.get(cell) == "small":
            found.append((False, 0, ring, 1, 0, False, str(cell), cell))
        for relation in containing.get(cell, []):
            for other in relation.cells:
                if other == cell or reasons.get(other) == "secondary":
                    continue
                is_total = other == relation.total
                # A "< 5" becomes a cross (no upper bound), the total first; else a shown cell
                # is hidden.
                rank = (0 if is_total else 2) if reasons.get(other) == "small" else 3
                zero = other not in reasons and values[other] == 0
                cost = pins(other) if zero else 0
                found.append((zero, cost, ring, rank, values[other], is_total, str(other), other))
        return found

    found = candidates(key, 0)
    seen, frontier = {key}, {key}
    for ring in range(1, _RINGS):
        if not all(zero for zero, *_rest in found):
            break
        # nothing but zeros so far: look around the hidden cells beside them
        frontier = {
            other
            for cell in frontier
            for relation in containing.get(cell, [])
            for other in relation.cells
            if other in reasons and other not in seen
        }
        seen |= frontier
        found += [candidate for cell in frontier for candidate in candidates(cell, ring)]
    return min(found)[-1] if found else None
