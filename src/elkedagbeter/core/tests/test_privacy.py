"""Small counts in aggregates are hidden, and cannot be recovered from a table's total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from elkedagbeter.core.privacy import protect_count, protect_table


def test_counts_below_five_are_shown_as_less_than_five() -> None:
    assert [str(protect_count(n)) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]


def test_a_single_small_cell_takes_the_smallest_other_cell_with_it() -> None:
    table = protect_table({"Beekdal": 3, "Hoogveen": 7, "Lindewaard": 20})

    assert {key: str(cell) for key, cell in table.cells.items()} == {
        "Beekdal": "< 5",
        "Hoogveen": "< 5",
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
