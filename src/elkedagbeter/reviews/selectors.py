"""Reads of review rounds, scoped at the source.

- The round's expert team sees its rounds, the full findings and, for the reviewers assigned to
  a dossier, that dossier; case data only through the round, and every read is logged.
- Shared (closed) rounds: their findings, with small numbers hidden, for other expert teams,
  the analysts and executives whose area covers the round's region, and the coordinators of
  teams that agreed to take part. Never their dossiers.
- Coordinators see the rounds that ask their team's consent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from elkedagbeter.cases.models import Case, EventKind
from elkedagbeter.organisations.models import Membership, Role, Team, TeamType
from elkedagbeter.organisations.scoping import (
    aggregate_area,
    expert_team_ids,
    memberships_of,
    team_ids_with_role,
    team_membership,
)

from .chains import History, histories_of_cases, placement_band
from .models import (
    Dossier,
    ImportedDossier,
    Lesson,
    Population,
    Review,
    ReviewRound,
    RoundStatus,
    SampleMethod,
    Stratum,
    TeamConsent,
)
from .sampling import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User

    AnyUser = User | AnonymousUser


class View(Enum):
    """How much of a round's findings a user sees."""

    FULL = "full"  # the expert team itself
    PROTECTED = "protected"  # anyone else it is shared with: small numbers hidden


def expert_membership(user: AnyUser, round_: ReviewRound) -> Membership | None:
    return team_membership(user, round_.expert_team_id, Role.EXPERT)


def rounds_of_own_teams(user: AnyUser) -> QuerySet[ReviewRound]:
    return ReviewRound.objects.filter(expert_team_id__in=expert_team_ids(user)).select_related(
        "expert_team__region"
    )


def team_round(user: AnyUser, pk: int) -> tuple[ReviewRound, Membership]:
    """A round of one of the user's expert teams, or 404."""
    round_ = ReviewRound.objects.select_related("expert_team__region").filter(pk=pk).first()
    membership = expert_membership(user, round_) if round_ is not None else None
    if round_ is None or membership is None:
        raise Http404
    return round_, membership


def _shared_q(user: AnyUser) -> Q:
    """Shared rounds the user may see the protected findings of."""
    memberships = memberships_of(user)
    if any(m.role == Role.EXPERT for m in memberships):
        return Q(shared=True)  # intervisie: expert teams learn from each other's rounds
    area = aggregate_area(user)
    visible = Q(pk__in=[])
    if any(m.role in {Role.ANALYST, Role.VIEWER} for m in memberships):
        if area.national:
            visible = Q()
        else:
            visible = Q(expert_team__region_id__in=area.region_ids) | Q(
                expert_team__region__municipalities__in=area.municipality_ids
            )
    coordinated = team_ids_with_role(user, Role.COORDINATOR)
    if coordinated:
        visible |= Q(consents__team_id__in=coordinated, consents__withdrawn_at__isnull=True)
    return Q(shared=True) & visible


def shared_rounds_visible_to(user: AnyUser) -> QuerySet[ReviewRound]:
    return (
        ReviewRound.objects.filter(_shared_q(user))
        .exclude(expert_team_id__in=expert_team_ids(user))
        .select_related("expert_team__region")
        .distinct()
    )


def findings_view(user: AnyUser, round_: ReviewRound) -> View | None:
    if expert_membership(user, round_) is not None:
        return View.FULL
    if shared_rounds_visible_to(user).filter(pk=round_.pk).exists():
        return View.PROTECTED
    return None


def comparable_rounds(user: AnyUser) -> QuerySet[ReviewRound]:
    """Rounds to compare: the user's own expert teams' rounds and the shared ones they may see."""
    own = Q(expert_team_id__in=expert_team_ids(user))
    return (
        ReviewRound.objects.filter(own | _shared_q(user))
        .exclude(status=RoundStatus.PREPARING)
        .select_related("expert_team__region")
        .distinct()
        .order_by("expert_team__name", "created_at")
    )


def coordinated_teams(user: AnyUser) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=team_ids_with_role(user, Role.COORDINATOR)).select_related(
        "region"
    )


def consent_requests_for(user: AnyUser) -> QuerySet[ReviewRound]:
    """Rounds that draw on the cases of the region of a team the user coordinates."""
    regions = {team.region_id for team in coordinated_teams(user)}
    return ReviewRound.objects.filter(
        population=Population.REGION, expert_team__region_id__in=regions
    ).select_related("expert_team__region")


def consent_round(user: AnyUser, pk: int) -> tuple[ReviewRound, list[Team]]:
    """A round asking consent, with the user's teams it asks it of; 404 otherwise."""
    round_ = consent_requests_for(user).filter(pk=pk).first()
    if round_ is None:
        raise Http404
    teams = [
        team
        for team in coordinated_teams(user)
        if team.region_id == round_.expert_team.region_id
        and team.team_type == TeamType.NEIGHBOURHOOD
    ]
    return round_, teams


def active_consents(round_: ReviewRound) -> QuerySet[TeamConsent]:
    return round_.consents.filter(withdrawn_at__isnull=True).select_related("team", "given_by")


def shared_lessons() -> QuerySet[Lesson]:
    return (
        Lesson.objects.filter(shareable=True)
        .select_related("round__expert_team")
        .prefetch_related("zero_goals", "statements")
    )


# --- The population and the sample ----------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A dossier the sample may draw: a case or an imported dossier."""

    unit: Unit[str]
    case: Case | None = None
    imported: ImportedDossier | None = None
    consent: TeamConsent | None = None


def _population_cases(round_: ReviewRound) -> tuple[QuerySet[Case], dict[int, TeamConsent]]:
    consents: dict[int, TeamConsent] = {}
    if round_.population == Population.ESCALATED:
        cases = Case.objects.filter(escalated_to_id=round_.expert_team_id)
    else:
        # Without a team's consent its cases are never drawn.
        consents = {
            consent.team_id: consent
            for consent in active_consents(round_).filter(team__region_id=round_.region.pk)
        }
        cases = Case.objects.filter(team_id__in=list(consents))
    if round_.only_placed:
        cases = cases.filter(
            pk__in=Case.objects.filter(events__kind=EventKind.PLACEMENT).values("pk")
        )
    return cases.select_related("team"), consents


def population(round_: ReviewRound) -> list[Candidate]:
    if round_.population == Population.IMPORTED:
        return [
            Candidate(
                Unit(dossier.source_ref, _imported_stratum(round_, dossier)), imported=dossier
            )
            for dossier in round_.imported_dossiers.all()
            if dossier.residence_chain or not round_.only_placed
        ]
    cases, consents = _population_cases(round_)
    listed = list(cases)
    by_placements = (
        round_.sample_method == SampleMethod.STRATIFIED and round_.stratum == Stratum.PLACEMENTS
    )
    histories = histories_of_cases(cases.values_list("pk", flat=True)) if by_placements else {}
    return [
        Candidate(
            Unit(case.reference, _case_stratum(case, histories.get(case.pk))),
            case=case,
            consent=consents.get(case.team_id),
        )
        for case in listed
    ]


def _case_stratum(case: Case, history: History | None) -> str:
    """The number-of-placements band when stratifying by it, else the case's team."""
    return placement_band(history.placements) if history is not None else case.team.name


def _imported_stratum(round_: ReviewRound, dossier: ImportedDossier) -> str:
    if round_.stratum == Stratum.PLACEMENTS:
        return placement_band(len(dossier.residence_chain))
    return dossier.organisation


# --- Dossiers and reviews -------------------------------------------------------------------------


def dossiers_of(round_: ReviewRound) -> QuerySet[Dossier]:
    return round_.dossiers.select_related("case__team", "imported").prefetch_related(
        "reviews__reviewer"
    )


def own_reviews(user: AnyUser, round_: ReviewRound) -> QuerySet[Review]:
    return Review.objects.filter(dossier__round=round_, reviewer_id=user.pk).select_related(
        "dossier"
    )


def reviewer_dossier(user: AnyUser, round_: ReviewRound, dossier_id: int) -> Dossier:
    """A dossier of the round that the user is one of the two reviewers of; 404 otherwise."""
    dossier = (
        round_.dossiers.filter(pk=dossier_id, reviews__reviewer_id=user.pk)
        .select_related("case__team__region", "imported", "consent")
        .first()
    )
    if dossier is None:
        raise Http404
    return dossier
