"""The consent of the teams whose cases a regional round reads, given or withdrawn."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.organisations.models import Membership, Role, Team, TeamType
from elkedagbeter.organisations.scoping import team_membership

from ..models import Population, ReviewRound, TeamConsent
from .guards import acting_user


def _coordinator_of(request: HttpRequest, team: Team) -> Membership:
    membership = team_membership(request.user, team.pk, Role.COORDINATOR)
    if membership is None:
        raise PermissionDenied
    return membership


def _consent_allowed(round_: ReviewRound, team: Team) -> None:
    if (
        round_.population != Population.REGION
        or team.region_id != round_.region.pk
        or team.team_type != TeamType.NEIGHBOURHOOD
    ):
        raise PermissionDenied
    if not round_.is_preparing:
        raise ValidationError(
            _("The sample has been drawn; consent can no longer be given or withdrawn.")
        )


@transaction.atomic
def give_consent(
    request: HttpRequest, round_: ReviewRound, team: Team, *, note: str = ""
) -> TeamConsent:
    """The team's coordinator agrees that the expert team reviews the team's cases."""
    _coordinator_of(request, team)
    _consent_allowed(round_, team)
    running = round_.consents.filter(team=team, withdrawn_at__isnull=True).first()
    if running is not None:
        return running
    return TeamConsent.objects.create(
        round=round_, team=team, given_by=acting_user(request), note=note.strip()
    )


@transaction.atomic
def withdraw_consent(request: HttpRequest, round_: ReviewRound, team: Team) -> None:
    _coordinator_of(request, team)
    _consent_allowed(round_, team)
    round_.consents.filter(team=team, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=acting_user(request)
    )
