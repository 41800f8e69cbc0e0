"""Reads for Wat werkt, scoped at the source. Figures from case data leave this module only
protected against small numbers (core/privacy.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, F, Max, Q, QuerySet

from elkedagbeter.cases.models import Case, Intervention
from elkedagbeter.core.privacy import THRESHOLD, ProtectedCount, protect_count
from elkedagbeter.monitoring.models import GoalScore, ScoreScale
from elkedagbeter.organisations.models import Membership, Region, Role, Team, TeamType
from elkedagbeter.organisations.scoping import (
    Area,
    administered_area,
    aggregate_area,
    case_team_ids,
    has_role,
    memberships_of,
    team_ids_with_role,
)

from .models import (
    CatalogueItem,
    GoodExample,
    ImprovementInitiative,
    ReflectionReminder,
    ReflectionSession,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User

# Teams reflect at least three times a year: a gap of four months is a reminder.
REFLECTION_GAP_MONTHS = 4
# Roles that share good examples and see catalogue usage in their region.
SHARING_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ANALYST)
INITIATIVE_ROLES = (Role.COORDINATOR, Role.EXPERT, Role.ANALYST)


# --- The catalogue and its use in the user's region -----------------------------------------------


def usage_area(user: User | AnonymousUser) -> Area:
    """Where catalogue usage is counted for the user: the whole region of each of their
    memberships (the country for national ones). Aggregates only, so no single case shows."""
    return _regions_of(memberships_of(user))


def _region_id(membership: Membership) -> int | None:
    """The region a membership lies in; None for a national one."""
    if membership.team_id is not None:
        return membership.team.region_id  # type: ignore[union-attr]
    if membership.municipality_id is not None:
        return membership.municipality.region_id  # type: ignore[union-attr]
    return membership.region_id


def _regions_of(memberships: Iterable[Membership]) -> Area:
    regions = [_region_id(membership) for membership in memberships]
    if None in regions:
        return Area(national=True)
    return Area(region_ids=frozenset(r for r in regions if r is not None))


def usage_area_label(area: Area) -> str:
    if area.national:
        return "Nederland"
    return ", ".join(Region.objects.filter(pk__in=area.region_ids).values_list("name", flat=True))


@dataclass(frozen=True)
class Usage:
    """How often a catalogue intervention is used on cases in an area, and the mean goal
    attainment (GAS, -2 to +2) scored on those cases since it started."""

    cases: ProtectedCount
    mean_attainment: float | None  # None when fewer than THRESHOLD cases or scores
    scores: int

    @property
    def attainment_label(self) -> str:
        if self.mean_attainment is None:
            return "-" if self.cases.value == 0 else "< 5"
        return f"{self.mean_attainment:+.1f}".replace(".", ",")


def catalogue_usage(area: Area, items: Iterable[CatalogueItem]) -> dict[int, Usage]:
    ids = [item.pk for item in items]
    if area.is_empty or not ids:
        return {}
    cases = (
        Intervention.objects.filter(area.team_q("case__team__"), catalogue_item_id__in=ids)
        .values("catalogue_item_id")
        .annotate(n=Count("case_id", distinct=True))
    )
    counts = {row["catalogue_item_id"]: row["n"] for row in cases}
    # Goal scores on those cases recorded on or after the intervention started.
    scores = (
        GoalScore.objects.filter(
            area.team_q("moment__case__team__"),
            scale=ScoreScale.GAS,
            moment__case__interventions__catalogue_item_id__in=ids,
            moment__recorded_on__gte=F("moment__case__interventions__started_on"),
        )
        .values("moment__case__interventions__catalogue_item_id")
        .annotate(mean=Avg("score"), n=Count("id"))
    )
    means = {
        row["moment__case__interventions__catalogue_item_id"]: (row["mean"], row["n"])
        for row in scores
    }
    result = {}
    for pk in ids:
        count = counts.get(pk, 0)
        mean, n = means.get(pk, (None, 0))
        shown = mean if count >= THRESHOLD and n >= THRESHOLD else None
        result[pk] = Usage(protect_count(count), shown, n)
    return result


def catalogue(query: str = "", evidence: str = "") -> QuerySet[CatalogueItem]:
    items = CatalogueItem.objects.all()
    if query:
        items = items.filter(
            Q(name__icontains=query)
            | Q(target_group__icontains=query)
            | Q(problem_area__icontains=query)
        )
    if evidence:
        items = items.filter(evidence_level=evidence)
    return items.select_related("region").order_by("name")


# Who keeps the catalogue: a national item (no region) only a national administrator (an admin
# membership with neither team, municipality nor region); a region's item that region's
# administrators. A municipal administrator reads it like everyone else.


def catalogue_regions(user: User | AnonymousUser) -> tuple[bool, frozenset[int]]:
    """Whether ``user`` keeps the national catalogue, and the regions whose items they keep."""
    area = administered_area(user)
    return area.national, area.region_ids


def may_add_catalogue_items(user: User | AnonymousUser) -> bool:
    national, regions = catalogue_regions(user)
    return national or bool(regions)


def may_change_catalogue_item(user: User | AnonymousUser, item: CatalogueItem) -> bool:
    """For a new item, whether ``user`` may add it where it says (its region, or national)."""
    national, regions = catalogue_regions(user)
    return national or (item.region_id is not None and item.region_id in regions)


# --- Good examples --------------------------------------------------------------------------------


def examples(
    *, theme: str = "", zero_goal: str = "", region_id: int | None = None
) -> QuerySet[GoodExample]:
    found = GoodExample.objects.select_related("region", "municipality").prefetch_related(
        "themes", "zero_goals"
    )
    if theme:
        found = found.filter(themes__theme=theme)
    if zero_goal:
        found = found.filter(zero_goals__zero_goal=zero_goal)
    if region_id:
        found = found.filter(region_id=region_id)
    return found.distinct()


def may_edit_example(user: User | AnonymousUser, example: GoodExample) -> bool:
    return bool(user.is_authenticated and example.created_by_id == user.pk)


# --- Reflection logbook ---------------------------------------------------------------------------


def logbook_teams(user: User | AnonymousUser) -> QuerySet[Team]:
    """The teams whose logbook the user keeps: their own, as professional or coordinator."""
    return Team.objects.filter(pk__in=case_team_ids(user)).select_related("municipality")


def may_share(user: User | AnonymousUser, team: Team) -> bool:
    return team.pk in team_ids_with_role(user, Role.COORDINATOR)


def team_cases_for_logbook(team: Team) -> QuerySet[Case]:
    return Case.objects.filter(team=team).order_by("-opened_on")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class ReflectionStatus:
    team: Team
    last_held_on: date | None
    due_since: date  # a session on or after this date keeps the team on track
    overdue: bool
    sessions_last_year: int


def reflection_status(team: Team, today: date) -> ReflectionStatus:
    since = months_before(today, REFLECTION_GAP_MONTHS)
    sessions = ReflectionSession.objects.filter(team=team)
    numbers = sessions.aggregate(
        last=Max("held_on"),
        year=Count("id", filter=Q(held_on__gt=months_before(today, 12))),
    )
    last = numbers["last"]
    return ReflectionStatus(
        team=team,
        last_held_on=last,
        due_since=since,
        overdue=last is None or last <= since,
        sessions_last_year=numbers["year"],
    )


def teams_to_remind(today: date) -> list[tuple[Team, ReflectionSession | None]]:
    """Active local and expert teams without a session in four months that have not been
    reminded for this gap, each with the last session before the gap (None if there is none)."""
    since = months_before(today, REFLECTION_GAP_MONTHS)
    due: list[tuple[Team, ReflectionSession | None]] = []
    teams = Team.objects.filter(
        is_active=True, team_type__in=[TeamType.NEIGHBOURHOOD, TeamType.EXPERT]
    ).order_by("pk")
    for team in teams:
        last = ReflectionSession.objects.filter(team=team).order_by("-held_on", "-id").first()
        if last is not None and last.held_on > since:
            continue
        reminded = ReflectionReminder.objects.filter(team=team, last_session=last)
        if not reminded.exists():
            due.append((team, last))
    return due


def shared_lessons(user: User | AnonymousUser) -> QuerySet[ReflectionSession]:
    """Shared lessons of the user's own teams and of teams in the area whose figures they see."""
    if not user.is_authenticated:
        return ReflectionSession.objects.none()
    own = {m.team_id for m in memberships_of(user) if m.team_id is not None}
    in_area = Team.objects.filter(aggregate_area(user).team_q()).values("id")
    return (
        ReflectionSession.objects.filter(shared_at__isnull=False)
        .filter(Q(team_id__in=own) | Q(team_id__in=in_area))
        .select_related("team", "team__municipality")
        .order_by("-shared_at")
    )


# --- Improvement initiatives ----------------------------------------------------------------------


def initiatives(*, zero_goal: str = "", stage: str = "") -> QuerySet[ImprovementInitiative]:
    """Initiatives are readable by every signed-in user: they hold no case data."""
    found = ImprovementInitiative.objects.select_related("region", "team")
    if zero_goal:  # its own zero goal, or one it also works towards
        found = found.filter(
            Q(zero_goal=zero_goal) | Q(also_zero_goals__zero_goal=zero_goal)
        ).distinct()
    if stage:
        found = found.filter(stage=stage)
    return found


def initiative_regions(user: User | AnonymousUser) -> QuerySet[Region]:
    """The regions in which the user may start and move initiatives."""
    area = _regions_of(m for m in memberships_of(user) if m.role in INITIATIVE_ROLES)
    return Region.objects.all() if area.national else Region.objects.filter(pk__in=area.region_ids)


def may_move(user: User | AnonymousUser, initiative: ImprovementInitiative) -> bool:
    return initiative_regions(user).filter(pk=initiative.region_id).exists()


def _earlier(initiative: ImprovementInitiative) -> list[ImprovementInitiative]:
    earlier: list[ImprovementInitiative] = []
    seen = {initiative.pk}
    current = initiative.follows
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        earlier.insert(0, current)
        current = current.follows
    return earlier


def round_number(initiative: ImprovementInitiative) -> int:
    """Which round of the circle this is: 1 for a first initiative, 2 for its follow-up, ..."""
    return len(_earlier(initiative)) + 1


def rounds(initiative: ImprovementInitiative) -> list[ImprovementInitiative]:
    """Every round of the initiative's circle, first to last (each round is an initiative that
    follows the one before)."""
    found = [*_earlier(initiative), initiative]
    seen = {r.pk for r in found}
    current = initiative.followed_by.first()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        found.append(current)
        current = current.followed_by.first()
    return found


# --- The O-plaat ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlateKnowledge:
    """What Wat werkt adds to a zero goal's O-plaat for a place."""

    zero_goal: str
    examples: list[GoodExample]
    more_examples: bool
    initiatives: list[ImprovementInitiative]
    can_share: bool
    can_start: bool
    sessions: list[ReflectionSession] = field(default_factory=list)  # linked reflection sessions


PLATE_EXAMPLES = 5


def plate_knowledge(
    user: User | AnonymousUser, zero_goal: str, region_id: int | None
) -> PlateKnowledge:
    """Good examples for the zero goal (the place's region first) and the initiatives that
    target it in the place's region (all regions for the country)."""
    found = list(examples(zero_goal=zero_goal)[: PLATE_EXAMPLES * 4])
    found.sort(key=lambda example: example.region_id != region_id)
    running = initiatives(zero_goal=zero_goal)
    if region_id is not None:
        running = running.filter(region_id=region_id)
    return PlateKnowledge(
        zero_goal=zero_goal,
        examples=found[:PLATE_EXAMPLES],
        more_examples=len(found) > PLATE_EXAMPLES,
        initiatives=list(running[:10]),
        can_share=has_role(user, *SHARING_ROLES),
        can_start=initiative_regions(user).exists(),
        sessions=plate_sessions(user, zero_goal, region_id),
    )


def plate_sessions(
    user: User | AnonymousUser, zero_goal: str, region_id: int | None
) -> list[ReflectionSession]:
    """Reflection sessions linked to the zero goal: the user's own teams' (their logbook) and
    the lessons shared with the municipality that they may read. Never the cases discussed."""
    if not user.is_authenticated:
        return []
    own = Q(team_id__in=case_team_ids(user))
    shared = Q(pk__in=shared_lessons(user).values("pk"))
    found = ReflectionSession.objects.filter(own | shared, zero_goals__zero_goal=zero_goal)
    if region_id is not None:
        found = found.filter(team__region_id=region_id)
    return list(found.select_related("team").distinct().order_by("-held_on", "-id")[:10])
