"""A round's own life: opening it with its reviewers, editing it, closing and sharing it."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Role, Team, TeamType
from elkedagbeter.organisations.scoping import team_membership

from ..models import ReviewRound, RoundStatus
from .checklist import add_default_checklist
from .guards import acting_user, require_preparing, team_member


def new_seed() -> int:
    return secrets.randbelow(1_000_000) + 1


def expert_colleagues(team: Team) -> list[User]:
    """Who may review in a round of ``team``: its expert members."""
    return list(
        User.objects.filter(
            is_active=True, memberships__team=team, memberships__role=Role.EXPERT
        ).order_by("first_name", "last_name", "username")
    )


def _check_reviewers(team: Team, reviewers: Iterable[User]) -> list[User]:
    allowed = {user.pk for user in expert_colleagues(team)}
    chosen = list(reviewers)
    if any(user.pk not in allowed for user in chosen):
        raise PermissionDenied
    return chosen


@transaction.atomic
def create_round(
    request: HttpRequest,
    *,
    expert_team: Team,
    fields: Mapping[str, Any],
    reviewers: Iterable[User] = (),
) -> ReviewRound:
    """Open a round for one of the user's expert teams, with the default checklist."""
    if (
        expert_team.team_type != TeamType.EXPERT
        or team_membership(request.user, expert_team.pk, Role.EXPERT) is None
    ):
        raise PermissionDenied
    values = dict(fields)
    if not values.get("seed"):
        values["seed"] = new_seed()
    round_ = ReviewRound.objects.create(
        expert_team=expert_team, created_by=acting_user(request), **values
    )
    round_.reviewers.set(_check_reviewers(expert_team, reviewers) or [acting_user(request)])
    add_default_checklist(round_)
    return round_


@transaction.atomic
def update_round(
    request: HttpRequest,
    round_: ReviewRound,
    *,
    fields: Mapping[str, Any],
    reviewers: Iterable[User],
) -> ReviewRound:
    team_member(request, round_)
    require_preparing(round_)
    for name, value in fields.items():
        setattr(round_, name, value)
    if not round_.seed:
        round_.seed = new_seed()
    round_.save()
    round_.reviewers.set(_check_reviewers(round_.expert_team, reviewers))
    return round_


@transaction.atomic
def close_round(request: HttpRequest, round_: ReviewRound, *, open_work: int) -> ReviewRound:
    """Close a round once every dossier is reviewed twice and every difference resolved
    (``open_work`` is what the findings still count as missing)."""
    team_member(request, round_)
    if open_work:
        raise ValidationError(
            _("Not every dossier has two handed-in reviews with all differences resolved yet.")
        )
    round_.set_status(RoundStatus.CLOSED)
    round_.save()
    return round_


@transaction.atomic
def set_shared(request: HttpRequest, round_: ReviewRound, *, shared: bool) -> ReviewRound:
    team_member(request, round_)
    if shared and not round_.is_closed:
        raise ValidationError(_("Only a closed round can be shared."))
    round_.shared = shared
    round_.save(update_fields=["shared"])
    return round_
