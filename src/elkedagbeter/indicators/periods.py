"""Reporting periods: months, quarters and years, each identified by its first day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


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
        """``2026-11`` (month), ``2026-K4`` (quarter) or ``2026`` (year); None when malformed."""
        try:
            if kind is PeriodKind.YEAR:
                return cls(kind, date(int(slug), 1, 1))
            year, part = slug.split("-")
            if kind is PeriodKind.QUARTER:
                quarter = int(part.removeprefix("K"))
                return cls(kind, date(int(year), 3 * quarter - 2, 1)) if 1 <= quarter <= 4 else None
            return cls(kind, date(int(year), int(part), 1))
        except ValueError:
            return None

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
