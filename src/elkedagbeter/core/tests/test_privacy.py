"""Small counts in aggregates are hidden, and cannot be recovered from a table's total."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from elkedagbeter.core.privacy import (
    SECONDARY_LABEL,
    SUPPRESSED_LABEL,
    ProtectedCount,
    Relation,
    protect_count,
    protect_ratio,
    protect_table,
    publish,
    round_for_publication,
    suppress,
)

X = SECONDARY_LABEL  # a multiplication sign: hidden to protect another cell


def test_counts_below_five_are_shown_as_less_than_five() -> None:
    assert [str(protect_count(n)) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]


def test_a_single_small_cell_takes_the_smallest_other_cell_with_it() -> None:
    table = protect_table({"Beekdal": 3, "Hoogveen": 7, "Lindewaard": 20})

    assert {key: str(cell) for key, cell in table.cells.items()} == {
        "Beekdal": "< 5",
        "Hoogveen": X,  # hidden to protect Beekdal, but not itself small
        "Lindewaard": "20",
    }
    assert str(table.total) == "30"


def test_two_small_cells_need_no_extra_suppression() -> None:
    table = protect_table({"a": 2, "b": 3, "c": 9})

    assert [str(cell) for cell in table.cells.values()] == ["< 5", "< 5", "9"]


def test_a_small_total_is_suppressed_too() -> None:
    assert str(protect_table({"a": 1, "b": 2}).total) == "< 5"


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=8))
def test_no_suppressed_cell_can_be_derived_from_the_total(counts: dict[str, int]) -> None:
    table = protect_table(counts)
    hidden = [key for key, cell in table.cells.items() if cell.suppressed]
    shown = [cell.value for cell in table.cells.values() if not cell.suppressed]

    assert all(counts[key] > 0 for key in hidden)
    assert all(not 0 < value < 5 for value in shown if value is not None)
    if len(hidden) == 1 and not table.total.suppressed:
        # Total minus the shown cells would give the hidden one away; only fine if nothing
        # else could be hidden with it.
        assert all(value == 0 for value in shown)


# --- the general engine -------------------------------------------------------------------------


def labels(protected: dict[str, ProtectedCount]) -> dict[str, str]:
    return {key: str(count) for key, count in protected.items()}


def test_labels_tell_small_from_secondary() -> None:
    assert SUPPRESSED_LABEL == "< 5"
    assert SECONDARY_LABEL == "\N{MULTIPLICATION SIGN}"
    assert str(ProtectedCount(None, "small")) == "< 5"
    assert str(ProtectedCount(None, "secondary")) == X
    with pytest.raises(ValueError):
        ProtectedCount(None)
    with pytest.raises(ValueError):
        ProtectedCount(12, "secondary")


def test_a_single_small_municipality_takes_the_smallest_other_with_it() -> None:
    values = {"region": 40, "Beekdal": 3, "Hoogveen": 12, "Lindewaard": 25, "Zandvoort": 0}
    relation = Relation("region", ("Beekdal", "Hoogveen", "Lindewaard", "Zandvoort"))

    protected = suppress(values, [relation])

    assert labels(protected) == {
        "region": "40",
        "Beekdal": "< 5",
        "Hoogveen": X,  # the smallest non-zero other; the zero stays shown
        "Lindewaard": "25",
        "Zandvoort": "0",
    }
    assert protected["Beekdal"].reason == "small"
    assert protected["Hoogveen"].reason == "secondary"


def test_a_small_month_takes_another_month_of_its_quarter_with_it() -> None:
    values = {"Q1": 15, "jan": 7, "feb": 2, "mar": 6}

    protected = suppress(values, [Relation("Q1", ("jan", "feb", "mar"))])

    assert labels(protected) == {"Q1": "15", "jan": "7", "feb": "< 5", "mar": X}


def test_ties_are_broken_by_name() -> None:
    values = {"total": 16, "b": 6, "a": 6, "c": 3, "d": 1}

    protected = suppress(values, [Relation("total", ("b", "a", "c"))])

    # c is hidden; a and b tie on 6, a goes first. d is in no relation but small.
    assert labels(protected) == {"total": "16", "b": "6", "a": X, "c": "< 5", "d": "< 5"}


def test_the_total_is_hidden_when_no_part_is_left() -> None:
    # A municipality hidden to protect a small neighbour is the only part of its region.
    values = {"province": 10, "municipality": 8, "neighbour": 2, "region": 8}
    relations = [
        Relation("province", ("municipality", "neighbour")),
        Relation("region", ("municipality",)),
    ]

    assert labels(suppress(values, relations)) == {
        "province": "10",
        "municipality": X,
        "neighbour": "< 5",
        "region": X,
    }


def test_secondary_suppression_spreads_through_a_grid() -> None:
    # Two areas by two months, with totals per area, per month and overall.
    grid = {("A", "jan"): 2, ("A", "feb"): 9, ("B", "jan"): 8, ("B", "feb"): 20}
    protected = suppress(*grid_relations(grid))

    assert str(protected[("cell", "A", "jan")]) == "< 5"
    # Row A loses A/feb, which leaves column feb with one hidden cell: B/feb goes too, though it
    # shares no relation with the small cell.
    assert str(protected[("cell", "A", "feb")]) == X
    assert str(protected[("cell", "B", "feb")]) == X
    assert str(protected[("cell", "B", "jan")]) == X
    assert [str(protected[key]) for key in [("area", "A"), ("month", "jan"), ("all",)]] == [
        "11",
        "10",
        "39",
    ]


def test_a_relation_naming_an_unknown_cell_is_an_error() -> None:
    with pytest.raises(KeyError, match="Hoogveen"):
        suppress({"region": 5, "Beekdal": 5}, [Relation("region", ("Beekdal", "Hoogveen"))])


def test_zero_is_shown_and_nothing_else_changes_without_small_counts() -> None:
    values = {"Q1": 10, "jan": 0, "feb": 5, "mar": 5}

    assert labels(suppress(values, [Relation("Q1", ("jan", "feb", "mar"))])) == {
        "Q1": "10",
        "jan": "0",
        "feb": "5",
        "mar": "5",
    }


# --- the differencing attack --------------------------------------------------------------------

GridKey = tuple[str, ...]


def grid_relations(
    grid: dict[tuple[str, str], int],
) -> tuple[dict[GridKey, int], list[Relation[GridKey]]]:
    """Cells, area totals (their quarter), month totals (the parent area) and the grand total."""
    areas = sorted({area for area, _ in grid})
    months = sorted({month for _, month in grid})
    values: dict[GridKey, int] = {("cell", a, m): v for (a, m), v in grid.items()}
    for area in areas:
        values[("area", area)] = sum(v for (a, _), v in grid.items() if a == area)
    for month in months:
        values[("month", month)] = sum(v for (_, m), v in grid.items() if m == month)
    values[("all",)] = sum(grid.values())
    relations = [
        *(Relation(("area", a), tuple(("cell", a, m) for m in months)) for a in areas),
        *(Relation(("month", m), tuple(("cell", a, m) for a in areas)) for m in months),
        Relation(("all",), tuple(("area", a) for a in areas)),
        Relation(("all",), tuple(("month", m) for m in months)),
    ]
    return values, relations


def attack(shown: dict[GridKey, int], relations: list[Relation[GridKey]]) -> dict[GridKey, int]:
    """Everything an attacker learns by solving relations with a single unknown, over and over."""
    known = dict(shown)
    progress = True
    while progress:
        progress = False
        for relation in relations:
            unknown = [key for key in relation.cells if key not in known]
            if len(unknown) != 1:
                continue
            (key,) = unknown
            parts = sum(known[part] for part in relation.parts if part != key)
            known[key] = parts if key == relation.total else known[relation.total] - parts
            progress = True
    return known


counts = st.one_of(st.integers(0, 4), st.integers(0, 12))
grids = st.integers(2, 5).flatmap(
    lambda n_areas: st.integers(2, 4).flatmap(
        lambda n_months: st.fixed_dictionaries(
            {(f"area {a}", f"month {m}"): counts for a in range(n_areas) for m in range(n_months)}
        )
    )
)


@given(grids)
def test_differencing_recovers_no_suppressed_cell(grid: dict[tuple[str, str], int]) -> None:
    values, relations = grid_relations(grid)

    protected = suppress(values, relations)

    shown = {key: count.value for key, count in protected.items() if count.value is not None}
    known = attack(shown, relations)
    assert all(known[key] == values[key] for key in known)  # the attacker's sums are right
    assert not [key for key, count in protected.items() if count.suppressed and key in known]
    for key, value in values.items():
        if 0 < value < 5:
            assert str(protected[key]) == "< 5"
        if str(protected[key]) == "< 5":
            assert 0 < value < 5
        assert protected[key].value in (None, value)


# --- publication --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "published"),
    [(0, 0), (2, 0), (3, 5), (5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (102, 100)],
)
def test_counts_are_rounded_to_a_multiple_of_five(value: int, published: int) -> None:
    assert round_for_publication(value) == published


def test_publishing_rounds_shown_cells_and_keeps_hidden_ones_hidden() -> None:
    values = {"Q1": 15, "jan": 7, "feb": 2, "mar": 6}
    protected = suppress(values, [Relation("Q1", ("jan", "feb", "mar"))])

    published = publish(protected)

    assert labels(published) == {"Q1": "15", "jan": "5", "feb": "< 5", "mar": X}
    assert [published[key].reason for key in values] == [None, None, "small", "secondary"]


@pytest.mark.parametrize(
    ("numerator", "denominator", "ratio"),
    [
        (0, 0, None),
        (5, 0, None),
        (0, 10, 0.0),
        (3, 10, None),
        (5, 3, None),
        (5, 20, 0.25),
        (48, 50, None),  # the 2 not counted would show
        (45, 50, 0.9),
        (10, 10, 1.0),
    ],
)
def test_ratios_hide_small_numerators_denominators_and_complements(
    numerator: int, denominator: int, ratio: float | None
) -> None:
    assert protect_ratio(numerator, denominator) == ratio
