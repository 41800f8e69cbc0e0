"""Protection against ranges: which cell is hidden to give a narrowed cell room."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from elkedagbeter.core.privacy import (
    WIDTH,
    Reason,
    Relation,
    _widening_partner,
    attacker_ranges,
    hidden_cells,
    knowledge,
    linked_cells,
    protect_ranges,
)


def _containing(relations: list[Relation[str]]) -> dict[str, list[Relation[str]]]:
    found: dict[str, list[Relation[str]]] = {}
    for relation in relations:
        for cell in relation.cells:
            found.setdefault(cell, []).append(relation)
    return found


def test_a_zero_is_hidden_only_when_no_other_cell_one_ring_further_out_will_do() -> None:
    # "x" is narrowed; its only relation holds a zero and its hidden total "t"; "t" is a part
    # of "p", beside a shown 7. Hiding the zero would call for the zeros around it too.
    relations = [Relation("t", ("x", "zero")), Relation("p", ("t", "seven"))]
    values = {"t": 2, "x": 2, "zero": 0, "p": 9, "seven": 7}
    reasons: dict[str, Reason] = {"x": "secondary", "t": "secondary"}

    partner = _widening_partner("x", values, _containing(relations), reasons)

    assert partner == "seven"


def test_a_zero_is_still_hidden_when_nothing_else_is_left() -> None:
    relations = [Relation("t", ("x", "zero"))]
    values = {"t": 2, "x": 2, "zero": 0}
    reasons: dict[str, Reason] = {"x": "secondary", "t": "secondary"}

    assert _widening_partner("x", values, _containing(relations), reasons) == "zero"


def test_a_sparse_grid_ends_with_no_hidden_cell_narrowed_and_no_zero_hidden_for_it() -> None:
    # Two teams of a municipality over the three months of a quarter; team B had nothing. Team
    # A's three months are "< 5" and its quarter shows 12, so each month is pinned at 4.
    values = {
        "A1": 4, "A2": 4, "A3": 4, "Aq": 12,
        "B1": 0, "B2": 0, "B3": 0, "Bq": 0,
        "M1": 4, "M2": 4, "M3": 4, "Mq": 12,
    }  # fmt: skip
    relations = [
        Relation("Aq", ("A1", "A2", "A3")),
        Relation("Bq", ("B1", "B2", "B3")),
        Relation("Mq", ("M1", "M2", "M3")),
        *(Relation(f"M{m}", (f"A{m}", f"B{m}")) for m in ("1", "2", "3", "q")),
    ]
    reasons = hidden_cells(values, relations)
    before = attacker_ranges(knowledge(values, reasons), relations, reasons)
    assert before["A1"].pinned

    protect_ranges(values, relations, reasons)

    ranges = attacker_ranges(knowledge(values, reasons), relations, reasons)
    assert all(found.values >= WIDTH for found in ranges.values())
    assert not [cell for cell in reasons if values[cell] == 0]


def test_after_a_change_only_the_hidden_cells_it_can_move_are_audited_again() -> None:
    # Two quarters that share nothing. A change in the first cannot move the second's ranges.
    values = {"A1": 3, "A2": 9, "Aq": 12, "B1": 2, "B2": 8, "Bq": 10}
    relations = [Relation("Aq", ("A1", "A2")), Relation("Bq", ("B1", "B2"))]
    reasons = hidden_cells(values, relations)
    known = knowledge(values, reasons)

    assert linked_cells(known, relations, {"Aq"}) == {"A1", "A2"}
    assert linked_cells(known, relations, {"B2"}) == {"B1", "B2"}
    assert linked_cells(known, relations, set()) == set()


def test_after_a_change_the_cells_it_narrows_get_room_and_the_rest_is_left_as_audited() -> None:
    # Two quarters of three "< 5" months that add up to 12: each month is pinned at 4. Only the
    # first quarter changed; the second stands for a pattern audited before, which is trusted.
    values = {"A1": 4, "A2": 4, "A3": 4, "Aq": 12, "B1": 4, "B2": 4, "B3": 4, "Bq": 12}
    relations = [Relation("Aq", ("A1", "A2", "A3")), Relation("Bq", ("B1", "B2", "B3"))]
    reasons = hidden_cells(values, relations)

    protect_ranges(values, relations, reasons, changed={"A1", "A2", "A3", "Aq"})

    ranges = attacker_ranges(knowledge(values, reasons), relations, reasons)
    assert all(ranges[cell].values >= WIDTH for cell in ("A1", "A2", "A3"))
    assert all(ranges[cell].pinned for cell in ("B1", "B2", "B3"))


# A country of regions, each of teams, over the three months of a quarter: the regions are tied
# together only by the country's sums, so the audit may work on them region by region.
REGIONS = ("R", "S", "T")
TEAMS = ("a", "b")
MONTHS = ("1", "2", "3")


def _country(counts: list[int]) -> tuple[dict[str, int], list[Relation[str]]]:
    """Cells named area + period ("Ra2": team a of region R in month 2, "Lq": the country's
    quarter) from one count per team and month."""
    values: dict[str, int] = {}
    numbers = iter(counts)
    for region in REGIONS:
        for team in TEAMS:
            for month in MONTHS:
                values[f"{region}{team}{month}"] = next(numbers)
    areas = {region: [f"{region}{team}" for team in TEAMS] for region in REGIONS}
    areas["L"] = list(REGIONS)
    relations: list[Relation[str]] = []
    for whole in ("R", "S", "T", "L"):  # regions before the country that adds them up
        for month in MONTHS:
            cell = f"{whole}{month}"
            values[cell] = sum(values[f"{part}{month}"] for part in areas[whole])
            relations.append(Relation(cell, tuple(f"{part}{month}" for part in areas[whole])))
    for area in [*(f"{r}{t}" for r in REGIONS for t in TEAMS), *REGIONS, "L"]:
        values[f"{area}q"] = sum(values[f"{area}{month}"] for month in MONTHS)
        relations.append(Relation(f"{area}q", tuple(f"{area}{month}" for month in MONTHS)))
    for whole in ("R", "S", "T", "L"):
        relations.append(Relation(f"{whole}q", tuple(f"{part}q" for part in areas[whole])))
    return values, relations


# One count per team and month: small ones and zeros often, so that much is hidden.
country_examples = settings(max_examples=40, deadline=None)(
    given(st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 6, 9]), min_size=18, max_size=18))
)


def _region(cell: str) -> str | None:
    return None if cell.startswith("L") else cell[0]


@country_examples
def test_region_by_region_the_audit_finds_ranges_within_the_tightest_ones(
    counts: list[int],
) -> None:
    values, relations = _country(counts)
    reasons = hidden_cells(values, relations)
    known = knowledge(values, reasons)

    whole = attacker_ranges(known, relations, reasons)
    by_region = attacker_ranges(known, relations, reasons, truth=values, blocks=_region)

    for cell in reasons:
        assert whole[cell].low - 1e-6 <= by_region[cell].low <= values[cell] + 1e-6
        assert values[cell] - 1e-6 <= by_region[cell].high <= whole[cell].high + 1e-6


@country_examples
def test_protected_region_by_region_no_cell_is_narrowed_in_the_whole_program(
    counts: list[int],
) -> None:
    values, relations = _country(counts)
    reasons = hidden_cells(values, relations)

    protect_ranges(values, relations, reasons, blocks=_region)

    ranges = attacker_ranges(knowledge(values, reasons), relations, reasons)
    assert [cell for cell, found in ranges.items() if found.values < WIDTH] == []
