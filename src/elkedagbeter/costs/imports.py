"""Import a region's tariffs from CSV or XLSX, in the house pattern of cases/imports.py: every row
is checked first, then all rows, none, or only the good ones are written in one transaction.
A row with the region, key and start date of a tariff already there updates its amount and end.

Columns (docs/costs.md): ``regio`` (a region code), ``soort`` (11 to 14 for a hulpvorm met
verblijf, priced per day; licht, midden or zwaar for an arrangement, priced per trajectory),
``bedrag`` (euro, a comma or a point before the cents), ``geldig_van`` and optional
``geldig_tot``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from elkedagbeter.cases.imports import ImportMode, Problem, RowError, RowReport, header_problem
from elkedagbeter.organisations.models import Region
from elkedagbeter.organisations.scoping import Area

from .models import Tariff, TariffKey

REQUIRED = ["regio", "soort", "bedrag", "geldig_van"]
OPTIONAL = ["geldig_tot"]
COLUMNS = (REQUIRED, OPTIONAL)
MAX_CENTS = 100_000_000  # one million euro: larger is a typing error


@dataclass(kw_only=True)
class TariffReport(RowReport):
    created: int = 0
    updated: int = 0


def _date(row: dict[str, str], column: str, *, required: bool) -> date | None:
    text = row.get(column, "")
    if not text:
        if required:
            raise RowError(column, _("This column is required."))
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(
        column, _("“%(value)s” is not a date; use 2026-01-31 or 31-01-2026.") % {"value": text}
    )


def parse_euro(text: str) -> int:
    """Cents from "1.234,56", "1234.56", "€ 6000" or "6000"."""
    cleaned = re.sub(r"[€\s]", "", text)
    if "," in cleaned:  # Dutch: a point between thousands, a comma before the cents
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise RowError(
            "bedrag", _("“%(value)s” is not an amount in euro.") % {"value": text}
        ) from None
    cents = value * 100
    if cents != cents.to_integral_value() or not 0 <= cents <= MAX_CENTS:
        raise RowError(
            "bedrag",
            _("“%(value)s” is not an amount in euro and cents up to one million.")
            % {"value": text},
        )
    return int(cents)


def _check(row: dict[str, str], area: Area | None, seen: set[tuple[int, str, date]]) -> Tariff:
    for column in REQUIRED:
        if not row.get(column):
            raise RowError(column, _("This column is required."))
    region = Region.objects.filter(code__iexact=row["regio"]).first()
    if region is None or not (area is None or area.covers(region=region)):
        raise RowError(
            "regio", _("“%(value)s” is not a region you keep.") % {"value": row["regio"]}
        )
    key = row["soort"].strip().lower()
    if key not in TariffKey.values:
        raise RowError(
            "soort",
            _("“%(value)s” is not a hulpvorm or arrangement; use one of: %(valid)s.")
            % {"value": row["soort"], "valid": ", ".join(TariffKey.values)},
        )
    cents = parse_euro(row["bedrag"])
    valid_from = _date(row, "geldig_van", required=True)
    valid_to = _date(row, "geldig_tot", required=False)
    assert valid_from is not None
    if valid_to is not None and valid_to < valid_from:
        raise RowError("geldig_tot", _("The end lies before the start."))
    if (region.pk, key, valid_from) in seen:
        raise RowError("geldig_van", _("This tariff is in the file twice."))
    seen.add((region.pk, key, valid_from))
    tariff = Tariff.objects.filter(region=region, key=key, valid_from=valid_from).first()
    tariff = tariff or Tariff(region=region, key=key, valid_from=valid_from)
    tariff.amount_cents = cents
    tariff.valid_to = valid_to
    overlap = (
        Tariff.objects.filter(region=region, key=key)
        .exclude(pk=tariff.pk)
        .filter(valid_from__lte=valid_to or date.max)
        .exclude(valid_to__lt=valid_from)
    )
    if tariff.pk is None and overlap.exists():
        raise RowError(
            "geldig_van",
            _("Another tariff for this hulpvorm or arrangement is valid in the same period."),
        )
    return tariff


def _overlaps_within(tariffs: list[Tariff]) -> list[int]:
    """Indexes of tariffs in the file whose period overlaps an earlier row's for the same key."""
    bad = []
    for index, tariff in enumerate(tariffs):
        for other in tariffs[:index]:
            if (other.region_id, other.key) != (tariff.region_id, tariff.key):
                continue
            if tariff.valid_from <= (other.valid_to or date.max) and other.valid_from <= (
                tariff.valid_to or date.max
            ):
                bad.append(index)
                break
    return bad


def run_tariff_import(
    rows: list[dict[str, str]], *, mode: ImportMode, commit: bool, area: Area | None = None
) -> TariffReport:
    """Check every row as the keeper of ``area`` may write it (None: every region, for the
    demo data and the management command)."""
    report = TariffReport(rows=len(rows))
    problem = header_problem(rows, REQUIRED)
    if problem is not None:
        report.problems.append(problem)
        return report
    checked: list[tuple[int, Tariff]] = []
    seen: set[tuple[int, str, date]] = set()
    for number, row in enumerate(rows, start=2):
        try:
            checked.append((number, _check(row, area, seen)))
        except RowError as error:
            report.problems.append(Problem(number, error.column, error.message))
    for index in reversed(_overlaps_within([tariff for _row, tariff in checked])):
        number, _tariff = checked.pop(index)
        report.problems.append(
            Problem(
                number,
                "geldig_van",
                _("Another row gives this hulpvorm or arrangement a tariff in the same period."),
            )
        )
    report.problems.sort(key=lambda problem: problem.row)
    if not commit or (mode == ImportMode.ALL_OR_NOTHING and report.problems):
        return report
    with transaction.atomic():
        for _number, tariff in checked:
            if tariff.pk is None:
                report.created += 1
            else:
                report.updated += 1
            tariff.full_clean()
            tariff.save()
            report.imported += 1
    report.committed = True
    return report
