"""Import and update the intervention catalogue from CSV or XLSX, in the house pattern of
cases/imports.py: every row is checked first, then all rows, none, or only the good ones are
written in one transaction. A row with a known ``code`` updates that intervention, if the
importing administrator keeps it: national interventions a national administrator, a region's
those of the region (the ``regio`` column, a region code; empty: national for a national
administrator, the own region for a regional one). Every write goes through
``actions.save_catalogue_item``, which records who made it.

Columns are documented in docs/knowledge.md; data/catalogus.csv is an example (synthetic).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
from elkedagbeter.organisations.models import Region

from . import actions, selectors
from .models import CatalogueItem, EvidenceLevel

if TYPE_CHECKING:
    from elkedagbeter.accounts.models import User

REQUIRED = ["naam", "bewijskracht"]
OPTIONAL = [
    "code",
    "doelgroep",
    "probleemgebied",
    "richtlijnen",
    "omschrijving",
    "meer_informatie",
    "regio",
]
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


@dataclass(frozen=True)
class _Keeper:
    """Who imports: the system (the demo data), a national or a regional administrator."""

    user: User | None
    national: bool
    region_ids: frozenset[int]
    own_region: Region | None  # a regional administrator's only region

    @classmethod
    def of(cls, user: User | None) -> _Keeper:
        if user is None:
            return cls(None, True, frozenset(), None)
        national, regions = selectors.catalogue_regions(user)
        own = Region.objects.filter(pk__in=regions).first() if len(regions) == 1 else None
        return cls(user, national, regions, own)

    def region(self, code: str) -> Region | None:
        """The region a new item belongs to, from the ``regio`` column."""
        if code:
            region = Region.objects.filter(code__iexact=code).first()
            if region is None or not (self.national or region.pk in self.region_ids):
                raise RowError(
                    "regio", _("“%(value)s” is not a region you keep.") % {"value": code}
                )
            return region
        if self.national:
            return None
        if self.own_region is not None:
            return self.own_region
        raise RowError("regio", _("Give the code of the region this intervention belongs to."))

    def may_change(self, item: CatalogueItem) -> bool:
        return self.user is None or selectors.may_change_catalogue_item(self.user, item)


def _check(row: dict[str, str], seen: set[str], keeper: _Keeper) -> CatalogueItem:
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
    existing = CatalogueItem.objects.filter(code=code).first()
    if existing is not None and not keeper.may_change(existing):
        raise RowError(
            "code",
            _("“%(code)s” is a national intervention; only a national administrator changes it.")
            % {"code": code}
            if existing.region_id is None
            else _("“%(code)s” belongs to another region's catalogue.") % {"code": code},
        )
    item = existing or CatalogueItem(code=code, region=keeper.region(row.get("regio", "")))
    item.name = name
    item.evidence_level = level
    item.target_group = limited_text(row, "doelgroep", 300)
    item.problem_area = limited_text(row, "probleemgebied", 300)
    item.guidelines = "\n".join(part.strip() for part in row.get("richtlijnen", "").split("|"))
    item.description = row.get("omschrijving", "")
    item.source_url = url
    return item


def run_catalogue_import(
    rows: list[dict[str, str]], *, mode: ImportMode, commit: bool, user: User | None = None
) -> CatalogueReport:
    """Check every row as ``user`` may write it (None: the system, for the demo data)."""
    keeper = _Keeper.of(user)
    report = CatalogueReport(rows=len(rows))
    problem = header_problem(rows, REQUIRED)
    if problem is not None:
        report.problems.append(problem)
        return report
    items: list[CatalogueItem] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        try:
            items.append(_check(row, seen, keeper))
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
            actions.save_catalogue_item(user, item)
            report.imported += 1
    report.committed = True
    return report
