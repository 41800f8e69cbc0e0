"""Deadlines in Dutch working days, after the Algemene termijnenwet (Atw).

Atw art. 3 names the public holidays that stop a term: New Year's Day, Easter Monday, Ascension
Day, Whit Monday, both Christmas days, the day the King's birthday is celebrated, and 5 May
(Liberation Day) in *every* year. Good Friday is not one of them, and Liberation Day is not
limited to lustrum years as in many collective labour agreements. The ``holidays`` package knows
the moving feasts and the Koningsdag rule (26 April when the 27th is a Sunday); we take its Dutch
calendar, drop Good Friday and add 5 May.

Atw art. 1 also says a term in calendar days that ends on a Saturday, Sunday or public holiday
runs on to the next working day; ``add_calendar_days`` does that.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays
from dateutil.easter import easter  # type: ignore[import-untyped]


@cache
def public_holidays(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("NL", years=year))
    days.discard(easter(year) - timedelta(days=2))  # Good Friday is not an Atw holiday
    days.add(date(year, 5, 5))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (the day of receipt does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def add_calendar_days(start: date, days: int) -> date:
    """``start`` plus ``days``, moved on to a working day when it ends on a day off."""
    return next_working_day(start + timedelta(days=days))


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
