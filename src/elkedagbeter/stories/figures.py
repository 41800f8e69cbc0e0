"""Figures over a group of stories for the views: triads, dyads, choices, pattern sizes.

Counts go through core/privacy.py: 1 to 4 shows as "< 5", and a histogram's cells are protected
against subtraction from its total. A group of fewer than 5 stories gets no charts at all: its
dots would say as much as its numbers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import DateField, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from elkedagbeter.core.privacy import THRESHOLD, ProtectedCount, protect_count, protect_table

from . import charts
from .models import SCALE, Answer, Pattern, Signifier, SignifierKind, Story

BINS = 5


@dataclass(frozen=True)
class Filters:
    role: str = ""
    region_id: int | None = None
    pattern_id: int | None = None
    start: date | None = None
    end: date | None = None

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> Filters:
        return cls(
            role=data.get("rol") or "",
            region_id=data["regio"].pk if data.get("regio") else None,
            pattern_id=data["patroon"].pk if data.get("patroon") else None,
            start=data.get("van"),
            end=data.get("tot"),
        )

    @property
    def any(self) -> bool:
        return bool(self.role or self.region_id or self.pattern_id or self.start or self.end)


def with_story_date(stories: QuerySet[Story]) -> QuerySet[Story]:
    """When it happened, or else when it was told."""
    return stories.annotate(
        story_date=Coalesce("happened_on", TruncDate("submitted_at"), output_field=DateField())
    )


def filtered(stories: QuerySet[Story], filters: Filters) -> QuerySet[Story]:
    q = Q()
    if filters.role:
        q &= Q(narrator_role=filters.role)
    if filters.region_id:
        q &= Q(region_id=filters.region_id)
    if filters.pattern_id:
        q &= Q(pattern_memberships__pattern_id=filters.pattern_id)
    stories = stories.filter(q)
    if filters.start or filters.end:
        stories = with_story_date(stories)
        if filters.start:
            stories = stories.filter(Q(story_date__gte=filters.start))
        if filters.end:
            stories = stories.filter(Q(story_date__lte=filters.end))
    return stories


@dataclass(frozen=True)
class TriadFigure:
    signifier: Signifier
    chart: charts.Ternary
    answered: ProtectedCount
    not_applicable: ProtectedCount
    means: list[tuple[str, str]]  # corner, mean share in percent (or "-")


@dataclass(frozen=True)
class DyadFigure:
    signifier: Signifier
    chart: charts.Histogram
    rows: list[tuple[str, ProtectedCount]]
    not_applicable: ProtectedCount


@dataclass(frozen=True)
class ChoiceFigure:
    signifier: Signifier
    rows: list[tuple[str, ProtectedCount, charts.Meter]]


@dataclass(frozen=True)
class GroupFigures:
    total: ProtectedCount
    enough: bool
    triads: list[TriadFigure]
    dyads: list[DyadFigure]
    choices: list[ChoiceFigure]
    patterns: list[tuple[Pattern, ProtectedCount, charts.Meter]]


def _signifiers(stories: QuerySet[Story]) -> tuple[list[Signifier], dict[int, str]]:
    """One signifier per code (the newest wording) for the frameworks of these stories, and the
    code of every signifier id."""
    frameworks = stories.values("framework_id").distinct()
    newest: dict[str, Signifier] = {}
    codes: dict[int, str] = {}
    for signifier in Signifier.objects.filter(framework_id__in=frameworks).order_by(
        "framework__version", "order"
    ):
        newest[signifier.code] = signifier
        codes[signifier.pk] = signifier.code
    return sorted(newest.values(), key=lambda s: (s.order, s.code)), codes


def _answers(
    stories: QuerySet[Story], codes: dict[int, str], *, triads_only: bool = False
) -> dict[str, list[Any]]:
    """Answer values per signifier code: (not applicable, a, b, c, position, choices)."""
    by_code: dict[str, list[Any]] = defaultdict(list)
    answers = Answer.objects.filter(story__in=stories.values("pk"), signifier_id__in=codes)
    if triads_only:
        answers = answers.filter(share_a__isnull=False)
    rows = answers.values_list(
        "signifier_id", "not_applicable", "share_a", "share_b", "share_c", "position", "choices"
    )
    for row in rows.iterator(5000):
        by_code[codes[row[0]]].append(row[1:])
    return by_code


def _bin(position: int) -> int:
    return min(position * BINS // (SCALE + 1), BINS - 1)


def bin_labels() -> list[str]:
    step = 100 // BINS
    return [f"{i * step}-{(i + 1) * step}" for i in range(BINS)]


def group_figures(
    selected: QuerySet[Story],
    context: QuerySet[Story],
    patterns: QuerySet[Pattern],
    *,
    filtered_out: bool = True,
) -> GroupFigures:
    """Figures for ``selected``; in triads, the stories of ``context`` outside it are faded
    (``filtered_out=False`` says there are none: the group is the whole context)."""
    total = selected.count()
    enough = total >= THRESHOLD
    signifiers, codes = _signifiers(context)
    answers = _answers(selected, codes) if enough else {}
    faded_answers = (
        _answers(context.exclude(pk__in=selected.values("pk")), codes, triads_only=True)
        if enough and filtered_out
        else {}
    )
    triads, dyads, choices = [], [], []
    for s in signifiers if enough else []:
        rows = answers.get(s.code, [])
        if s.kind == SignifierKind.TRIAD:
            triads.append(_triad(s, rows, faded_answers.get(s.code, [])))
        elif s.kind == SignifierKind.DYAD:
            dyads.append(_dyad(s, rows))
        elif s.kind == SignifierKind.MULTIPLE_CHOICE:
            choices.append(_choice(s, rows))
    return GroupFigures(
        total=protect_count(total),
        enough=enough,
        triads=triads,
        dyads=dyads,
        choices=choices,
        patterns=_pattern_sizes(selected, patterns) if enough else [],
    )


def _triad(s: Signifier, rows: list[Any], faded_rows: list[Any]) -> TriadFigure:
    shown = [(r[1], r[2], r[3]) for r in rows if r[1] is not None]
    faded = [(r[1], r[2], r[3]) for r in faded_rows if r[1] is not None]
    cells = Counter(charts.cell_of(p) for p in shown)
    density = {cell: protect_count(count) for cell, count in cells.items()}
    not_applicable = sum(1 for r in rows if r[0])
    means = []
    for index, corner in enumerate(s.labels[:3]):
        value = sum(p[index] for p in shown) / len(shown) / 10 if len(shown) >= THRESHOLD else None
        means.append((corner, "-" if value is None else f"{value:.0f}%"))
    return TriadFigure(
        signifier=s,
        chart=charts.ternary(list(s.labels[:3]), shown, faded, density),
        answered=protect_count(len(shown)),
        not_applicable=protect_count(not_applicable),
        means=means,
    )


def _dyad(s: Signifier, rows: list[Any]) -> DyadFigure:
    counts = Counter(_bin(r[4]) for r in rows if r[4] is not None)
    labels = bin_labels()
    table = protect_table({labels[i]: counts.get(i, 0) for i in range(BINS)})
    protected = [table.cells[label] for label in labels]
    return DyadFigure(
        signifier=s,
        chart=charts.histogram(labels, protected),
        rows=list(zip(labels, protected, strict=True)),
        not_applicable=protect_count(sum(1 for r in rows if r[0])),
    )


def _choice(s: Signifier, rows: list[Any]) -> ChoiceFigure:
    counts = Counter(index for r in rows for index in (r[5] or []))
    protected = [protect_count(counts.get(i, 0)) for i in range(len(s.labels))]
    meters = charts.meters(protected)
    return ChoiceFigure(
        signifier=s,
        rows=list(zip(s.labels, protected, meters, strict=True)),
    )


def _pattern_sizes(
    selected: QuerySet[Story], patterns: QuerySet[Pattern]
) -> list[tuple[Pattern, ProtectedCount, charts.Meter]]:
    counts = Counter(
        selected.filter(pattern_memberships__pattern__in=patterns).values_list(
            "pattern_memberships__pattern_id", flat=True
        )
    )
    listed = [p for p in patterns if counts.get(p.pk)]
    protected = [protect_count(counts[p.pk]) for p in listed]
    return list(zip(listed, protected, charts.meters(protected), strict=True))


def describe(filters: Filters, regions: dict[int, str], patterns: dict[int, str]) -> str:
    """The group in words, for headings and chart titles."""
    from .models import NarratorRole

    parts = []
    if filters.role:
        parts.append(str(NarratorRole(filters.role).label))
    if filters.region_id:
        parts.append(regions.get(filters.region_id, ""))
    if filters.pattern_id:
        parts.append(patterns.get(filters.pattern_id, ""))
    if filters.start or filters.end:
        start = filters.start.isoformat() if filters.start else "..."
        end = filters.end.isoformat() if filters.end else "..."
        parts.append(f"{start} - {end}")
    return ", ".join(p for p in parts if p) or _("All stories")
