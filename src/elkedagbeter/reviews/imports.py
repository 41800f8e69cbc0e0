"""Anonymised dossiers from a file (CSV or XLSX) as a round's population. Every row is checked
first, with a Dutch message naming row and column; the user then imports all rows or none, or
only the good ones, in one transaction. Free text is de-identified before it is stored.

Columns (docs/reviews.md):

- ``bron_id`` (required): the dossier's number in the source, unique within the round;
- ``organisatie``: the institution or team, used as a stratum;
- ``leeftijdsgroep``: 0-3, 4-11, 12-17, 18-22 or 23+;
- ``verblijfsketen``: the residence types of the placements in order, CBS codes 11 to 14
  separated by ``>``, e.g. ``14>14>13``;
- ``overplaatsingen``: the number of transfers (default: the placements minus one);
- ``samenvatting``: a short summary of the dossier for the reviewers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from elkedagbeter.cases.imports import (
    ImportMode,
    Problem,
    RowError,
    RowReport,
    _choice,
    _number,
    header_problem,
)
from elkedagbeter.cases.models import AgeBand, ResidenceType
from elkedagbeter.core.deidentify import deidentify

from .models import ImportedDossier, ReviewRound

REQUIRED = ["bron_id"]
OPTIONAL = ["organisatie", "leeftijdsgroep", "verblijfsketen", "overplaatsingen", "samenvatting"]
MAX_SUMMARY = 5000
MAX_TRANSFERS = 32_767  # the largest number the database's small integer column holds
_CHAIN_SEPARATORS = re.compile(r"[>,;\s]+")


def _chain(row: dict[str, str]) -> list[str]:
    text = row.get("verblijfsketen", "").strip()
    if not text:
        return []
    codes = [code for code in _CHAIN_SEPARATORS.split(text) if code]
    valid = {str(choice.value) for choice in ResidenceType}
    for code in codes:
        if code not in valid:
            raise RowError(
                "verblijfsketen",
                _("“%(value)s” is not a type of residential care; use 11, 12, 13 or 14.")
                % {"value": code},
            )
    return codes


def _check(
    row: dict[str, str], round_: ReviewRound, seen: set[str]
) -> Callable[[], ImportedDossier]:
    source_ref = row.get("bron_id", "").strip()
    if not source_ref:
        raise RowError("bron_id", _("This column is required."))
    if len(source_ref) > 64:
        raise RowError("bron_id", _("A bron_id has at most 64 characters."))
    if source_ref in seen:
        raise RowError("bron_id", _("This bron_id occurs more than once in this round."))
    organisation = row.get("organisatie", "").strip()
    if len(organisation) > 120:
        raise RowError("organisatie", _("An organisation name has at most 120 characters."))
    age_band = _choice(row, "leeftijdsgroep", AgeBand, required=False)
    chain = _chain(row)
    transfers = _number(row, "overplaatsingen", required=False)
    if transfers is not None and transfers < 0:
        raise RowError("overplaatsingen", _("The number of transfers cannot be negative."))
    if transfers is not None and transfers > MAX_TRANSFERS:
        raise RowError(
            "overplaatsingen",
            _("The number of transfers is at most %(max)d.") % {"max": MAX_TRANSFERS},
        )
    summary = row.get("samenvatting", "").strip()
    if len(summary) > MAX_SUMMARY:
        raise RowError(
            "samenvatting", _("A summary has at most %(max)d characters.") % {"max": MAX_SUMMARY}
        )
    seen.add(source_ref)

    def save() -> ImportedDossier:
        return ImportedDossier.objects.create(
            round=round_,
            source_ref=source_ref,
            organisation=organisation,
            age_band=age_band,
            residence_chain=chain,
            transfers=max(len(chain) - 1, 0) if transfers is None else transfers,
            summary=deidentify(summary),
        )

    return save


def run_import(
    rows: list[dict[str, str]], round_: ReviewRound, *, mode: ImportMode, commit: bool
) -> RowReport:
    report = RowReport(rows=len(rows))
    problem = header_problem(rows, REQUIRED)
    if problem is not None:
        report.problems.append(problem)
        return report
    seen = set(round_.imported_dossiers.values_list("source_ref", flat=True))
    saves = []
    for number, row in enumerate(rows, start=2):
        try:
            saves.append(_check(row, round_, seen))
        except RowError as error:
            report.problems.append(Problem(number, error.column, error.message))
    if not commit or (mode == ImportMode.ALL_OR_NOTHING and report.problems):
        return report
    with transaction.atomic():
        for save in saves:
            save()
    report.imported = len(saves)
    report.committed = True
    return report
