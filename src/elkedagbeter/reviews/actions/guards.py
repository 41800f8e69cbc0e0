"""The checks every write on a round starts with: who acts, as which member, in which phase."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Membership

from ..models import ReviewRound
from ..selectors import expert_membership


def acting_user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def team_member(request: HttpRequest, round_: ReviewRound) -> Membership:
    membership = expert_membership(request.user, round_)
    if membership is None:
        raise PermissionDenied
    return membership


def require_preparing(round_: ReviewRound) -> None:
    if not round_.is_preparing:
        raise ValidationError(_("Only a round in preparation can be changed this way."))


def require_drawn(round_: ReviewRound) -> None:
    if round_.is_preparing:
        raise ValidationError(_("Draw the sample first."))
