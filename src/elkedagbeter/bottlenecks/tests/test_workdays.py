"""Deadlines in Dutch working days, with the Algemene termijnenwet's holidays."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from elkedagbeter.bottlenecks.workdays import (
    add_calendar_days,
    add_working_days,
    is_working_day,
    public_holidays,
    working_days_between,
)


def test_the_atw_holidays_of_2026() -> None:
    assert public_holidays(2026) == {
        date(2026, 1, 1),  # Nieuwjaarsdag
        date(2026, 4, 5),  # Eerste Paasdag (a Sunday anyway)
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),  # Bevrijdingsdag, also outside lustrum years
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 24),  # Eerste Pinksterdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_good_friday_is_a_working_day_and_liberation_day_is_not() -> None:
    assert is_working_day(date(2026, 4, 3))  # Goede Vrijdag
    assert not is_working_day(date(2026, 5, 5))
    assert not is_working_day(date(2027, 5, 5))


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday() -> None:
    assert date(2025, 4, 26) in public_holidays(2025)
    assert date(2025, 4, 27) not in public_holidays(2025)


def test_working_days_skip_easter_monday() -> None:
    # Thursday 2 April 2026: Good Friday counts, Easter Monday does not.
    assert add_working_days(date(2026, 4, 2), 3) == date(2026, 4, 8)


def test_working_days_across_christmas_and_new_year() -> None:
    assert add_working_days(date(2025, 12, 23), 3) == date(2025, 12, 30)
    assert add_working_days(date(2025, 12, 30), 2) == date(2026, 1, 2)


def test_working_days_across_kings_day_liberation_day_and_ascension() -> None:
    # Friday 24 April 2026 + 10 working days: skips 27 April, 5 May and the weekends.
    assert add_working_days(date(2026, 4, 24), 10) == date(2026, 5, 12)
    # Wednesday 13 May 2026 + 1: Ascension Day is skipped.
    assert add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 15)


def test_calendar_days_ending_on_a_day_off_run_on_to_the_next_working_day() -> None:
    assert add_calendar_days(date(2026, 1, 2), 8) == date(2026, 1, 12)  # Saturday → Monday
    assert add_calendar_days(date(2026, 4, 1), 5) == date(2026, 4, 7)  # Easter Monday → Tuesday
    assert add_calendar_days(date(2026, 1, 5), 3) == date(2026, 1, 8)  # a Thursday stays


@given(st.dates(date(2020, 1, 1), date(2035, 12, 31)), st.integers(1, 60))
def test_a_working_day_deadline_is_a_working_day_that_many_working_days_on(
    start: date, days: int
) -> None:
    due = add_working_days(start, days)
    assert is_working_day(due)
    assert working_days_between(start, due) == days
    assert working_days_between(start, due - timedelta(days=1)) == days - 1
