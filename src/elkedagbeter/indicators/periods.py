"""Reporting periods: months, quarters and years, each identified by its first day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.parameters import FIRST_YEAR, LAST_YEAR, BadParameter, shown_value


class PeriodKind(StrEnum):
    MONTH = "maand"
    QUARTER = "kwartaal"
    YEAR = "jaar"

    @property
    def label(self) -> str:
        return str(_PERIOD_LABELS[self])

    @property
    def months(self) -> int:
        return {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self]


_PERIOD_LABELS = {
    PeriodKind.MONTH: _("month"),
    PeriodKind.QUARTER: _("quarter"),
    PeriodKind.YEAR: _("year"),
}


# A parameter may name the periods of the years FIRST_YEAR to LAST_YEAR (core/parameters.py),
# far enough from date's limits that a page can step back or forth from them.
EXAMPLES = {PeriodKind.MONTH: "2026-11", PeriodKind.QUARTER: "2026-K4", PeriodKind.YEAR: "2026"}
_SLUGS = {
    PeriodKind.MONTH: re.compile(r"(?P<year>[0-9]{4})-(?P<part>[0-9]{1,2})"),
    PeriodKind.QUARTER: re.compile(r"(?P<year>[0-9]{4})-[Kk]?(?P<part>[1-4])"),
    PeriodKind.YEAR: re.compile(r"(?P<year>[0-9]{4})"),
}


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    kind: PeriodKind
    start: date

    @classmethod
    def containing(cls, kind: PeriodKind, day: date) -> Period:
        first_month = (day.month - 1) // kind.months * kind.months + 1
        return cls(kind, date(day.year, first_month, 1))

    @classmethod
    def parse(cls, kind: PeriodKind, slug: str) -> Period | None:
        """``2026-11`` (month), ``2026-K4`` (quarter) or ``2026`` (year) in the years
        FIRST_YEAR to LAST_YEAR; None when malformed or outside them."""
        match = _SLUGS[kind].fullmatch(slug.strip())
        if match is None:
            return None
        year = int(match["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        if kind is PeriodKind.YEAR:
            return cls(kind, date(year, 1, 1))
        part = int(match["part"])
        if kind is PeriodKind.QUARTER:
            return cls(kind, date(year, 3 * part - 2, 1))
        return cls(kind, date(year, part, 1)) if 1 <= part <= 12 else None

    @property
    def end(self) -> date:
        """The last day of the period."""
        return _add_months(self.start, self.kind.months) - timedelta(days=1)

    @property
    def slug(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}-K{(self.start.month + 2) // 3}"
        return f"{self.start.year}-{self.start.month:02d}"

    def __str__(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return date_format(self.start, "F Y")
        return self.slug

    def shifted(self, steps: int) -> Period:
        return Period(self.kind, _add_months(self.start, steps * self.kind.months))

    def overlaps(self, start: date, end: date | None) -> bool:
        return start <= self.end and (end is None or end >= self.start)

    def parts(self) -> list[Period]:
        """The quarters of a year, the months of a quarter; a month has none."""
        smaller = {PeriodKind.YEAR: PeriodKind.QUARTER, PeriodKind.QUARTER: PeriodKind.MONTH}
        kind = smaller.get(self.kind)
        if kind is None:
            return []
        return [
            Period(kind, _add_months(self.start, i * kind.months))
            for i in range(self.kind.months // kind.months)
        ]


def periods_between(kind: PeriodKind, first: date, last: date) -> list[Period]:
    """Every period of ``kind`` from the one containing ``first`` to the one containing ``last``."""
    period, final = Period.containing(kind, first), Period.containing(kind, last)
    periods = []
    while period <= final:
        periods.append(period)
        period = period.shifted(1)
    return periods


def kind_parameter(
    raw: str | None, kinds: tuple[PeriodKind, ...], default: PeriodKind
) -> PeriodKind:
    """The period kind a ``periode`` parameter names; raises BadParameter (a 400 that names
    the parameter) for anything but one of ``kinds``. Absent or empty: ``default``."""
    if not raw:
        return default
    for kind in kinds:
        if kind.value == raw:
            return kind
    raise BadParameter(
        "periode",
        gettext("The parameter “%(name)s” must be one of: %(valid)s; “%(value)s” is not.")
        % {
            "name": "periode",
            "valid": ", ".join(kind.value for kind in kinds),
            "value": shown_value(raw),
        },
    )


def period_parameter(name: str, raw: str | None, kind: PeriodKind) -> Period | None:
    """The period a parameter such as ``tot`` names; raises BadParameter (a 400 that names the
    parameter) for a malformed one or one outside the years FIRST_YEAR to LAST_YEAR. Absent or
    empty: None."""
    if not raw:
        return None
    period = Period.parse(kind, raw)
    if period is None:
        raise BadParameter(
            name,
            gettext(
                "The parameter “%(name)s” must be a %(kind)s in the years %(first)d to %(last)d, "
                "written as %(example)s; “%(value)s” is not."
            )
            % {
                "name": name,
                "kind": kind.label,
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
                "example": EXAMPLES[kind],
                "value": shown_value(raw),
            },
        )
    return period
