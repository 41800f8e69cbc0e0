"""Import and update the intervention catalogue from CSV or XLSX, in the house pattern of
cases/imports.py: every row is checked first, then all rows, none, or only the good ones are
written in one transaction. A row with a known ``code`` updates that intervention.

Columns are documented in docs/knowledge.md; data/catalogus.csv is an example (synthetic).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from elkedagbeter.cases.imports import (
    ImportMode,
    Problem,
    RowError,
    RowReport,
    header_problem,
    limited_text,
)

from .models import CatalogueItem, EvidenceLevel

REQUIRED = ["naam", "bewijskracht"]
OPTIONAL = ["code", "doelgroep", "probleemgebied", "richtlijnen", "omschrijving", "meer_informatie"]
COLUMNS = (REQUIRED, OPTIONAL)

# Accepted spellings of an evidence level: its code and its Dutch name, in any case.
_LEVEL_NAMES = {
    EvidenceLevel.NOT_ASSESSED: "niet beoordeeld",
    EvidenceLevel.WELL_DESCRIBED: "goed beschreven",
    EvidenceLevel.WELL_FOUNDED: "goed onderbouwd",
    EvidenceLevel.FIRST_INDICATIONS: "effectief volgens eerste aanwijzingen",
    EvidenceLevel.GOOD_INDICATIONS: "effectief volgens goede aanwijzingen",
    EvidenceLevel.STRONG_INDICATIONS: "effectief volgens sterke aanwijzingen",
}
_LEVELS = {name: level for level, name in _LEVEL_NAMES.items()} | {
    level.value: level for level in EvidenceLevel
}


@dataclass(kw_only=True)
class CatalogueReport(RowReport):
    """A row report that also tells added from updated interventions."""

    created: int = 0
    updated: int = 0


def _level(text: str) -> EvidenceLevel:
    key = " ".join(text.replace("_", " ").lower().split())
    level = _LEVELS.get(key) or _LEVELS.get(key.replace(" ", "_"))
    if level is None:
        raise RowError(
            "bewijskracht",
            _("“%(value)s” is not an evidence level; use one of: %(valid)s.")
            % {"value": text, "valid": "; ".join(_LEVEL_NAMES.values())},
        )
    return level


def _check(row: dict[str, str], seen: set[str]) -> CatalogueItem:
    name = limited_text(row, "naam", 200)
    if not name:
        raise RowError("naam", _("This column is required."))
    if not row.get("bewijskracht"):
        raise RowError("bewijskracht", _("This column is required."))
    level = _level(row["bewijskracht"])
    code = slugify(row.get("code") or name)[:80]
    if not code:
        raise RowError("code", _("A code needs letters or digits."))
    if code in seen:
        raise RowError("code", _("The code “%(code)s” is in the file twice.") % {"code": code})
    url = limited_text(
        row, "meer_informatie", CatalogueItem._meta.get_field("source_url").max_length or 0
    )
    if url:
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            raise RowError(
                "meer_informatie", _("“%(value)s” is not a web address.") % {"value": url}
            ) from None
    seen.add(code)
    item = CatalogueItem.objects.filter(code=code).first() or CatalogueItem(code=code)
    item.name = name
    item.evidence_level = level
    item.target_group = limited_text(row, "doelgroep", 300)
    item.problem_area = limited_text(row, "probleemgebied", 300)
    item.guidelines = "\n".join(part.strip() for part in row.get("richtlijnen", "").split("|"))
    item.description = row.get("omschrijving", "")
    item.source_url = url
    return item


def run_catalogue_import(
    rows: list[dict[str, str]], *, mode: ImportMode, commit: bool
) -> CatalogueReport:
    report = CatalogueReport(rows=len(rows))
    problem = header_problem(rows, REQUIRED)
    if problem is not None:
        report.problems.append(problem)
        return report
    items: list[CatalogueItem] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        try:
            items.append(_check(row, seen))
        except RowError as error:
            report.problems.append(Problem(number, error.column, error.message))
    if not commit or (mode == ImportMode.ALL_OR_NOTHING and report.problems):
        return report
    with transaction.atomic():
        for item in items:
            if item.pk is None:
                report.created += 1
            else:
                report.updated += 1
            item.save()
            report.imported += 1  # the search index follows through the post_save signal
    report.committed = True
    return report
