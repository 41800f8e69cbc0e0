"""Giving people roles. A role that reaches case data, or the admin role, takes two people: one
asks (a functioneel beheerder), a different one with the right to approve accepts (a
coordinator of the team, or another beheerder whose area covers the place).

Every step is announced with a signal; the audit app writes it to the access log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    APPROVAL_ROLES,
    Membership,
    MembershipRequest,
    Municipality,
    Region,
    RequestStatus,
    Role,
    Team,
)
from .scoping import administered_area, forget_memberships
from .signals import membership_granted, membership_request_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

    # Any user model: organisations sits below accounts and does not import it.
    User = AbstractUser


class MembershipEvent:
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    REFUSED_ATTEMPT = "refused_attempt"  # someone tried to decide who may not


class GrantRefused(Exception):
    """A request or decision that may not be made; the message is for the user, in Dutch."""


def _person(user: User) -> Any:
    """The user for a foreign key to AUTH_USER_MODEL, which the type checker knows as the
    accounts app's User: organisations sits below accounts and works with any user model."""
    return user


def _place(
    team: Team | None, municipality: Municipality | None, region: Region | None
) -> dict[str, object]:
    return {"team": team, "municipality": municipality, "region": region}


def may_manage_user(admin: User, user: User) -> bool:
    """A beheerder manages people placed in their area, and people not yet placed anywhere."""
    area = administered_area(admin)
    if area.national:
        return True
    return type(user).objects.filter(area.users_q(), pk=user.pk).exists()


def request_problem(
    requester: User,
    *,
    user: User | None,
    role: str,
    reason: str,
    team: Team | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> str | None:
    """Why ``requester`` may not ask for this role, in Dutch; None when they may."""
    area = administered_area(requester)
    if area.is_empty:
        return _("Only a functioneel beheerder can ask for a role.")
    if role not in APPROVAL_ROLES:
        return _("This role needs no approval: add the membership directly.")
    if not area.covers(team=team, municipality=municipality, region=region):
        return _("You can only ask for roles at places in your own area.")
    if user is None or not may_manage_user(requester, user):
        return _("This person works outside your area; ask their own beheerder.")
    if not reason.strip():
        return _("Say why this person needs the role.")
    return None


def request_membership(
    request: HttpRequest,
    *,
    user: User,
    role: Role,
    reason: str,
    team: Team | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> MembershipRequest:
    """A beheerder asks for ``user`` to get ``role`` at a place in their area."""
    requester: User = request.user  # type: ignore[assignment]
    place = _place(team, municipality, region)
    problem = request_problem(requester, user=user, role=role, reason=reason, **place)  # type: ignore[arg-type]
    if problem is not None:
        raise GrantRefused(problem)
    asked = MembershipRequest(
        user=_person(user),
        role=role,
        reason=reason.strip(),
        requested_by=_person(requester),
        **place,
    )
    try:
        asked.full_clean()
    except ValidationError as error:
        raise GrantRefused(" ".join(error.messages)) from error
    with transaction.atomic():
        asked.save()
        membership_request_changed.send(
            MembershipRequest,
            request=request,
            membership_request=asked,
            event=MembershipEvent.REQUESTED,
        )
        transaction.on_commit(lambda: _tell_approvers(asked))
    return asked


def approvers_of(asked: MembershipRequest) -> QuerySet[User]:
    """Who may accept the request: coordinators of the team and beheerders whose area covers
    the place, never the one who asked nor the person it is for."""
    candidates = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk__in=[asked.user_id, asked.requested_by_id or 0])
    )
    admins = Q(memberships__role=Role.ADMIN) & (
        Q(memberships__team__isnull=True)
        & Q(memberships__municipality__isnull=True)
        & Q(memberships__region__isnull=True)
    )
    if asked.team_id is not None:
        team = asked.team
        assert team is not None
        admins |= Q(memberships__role=Role.ADMIN) & (
            Q(memberships__region_id=team.region_id)
            | Q(memberships__municipality_id=team.municipality_id or 0)
        )
        coordinators = Q(memberships__role=Role.COORDINATOR, memberships__team_id=team.pk)
        return candidates.filter(admins | coordinators).distinct()
    if asked.municipality_id is not None:
        municipality = asked.municipality
        assert municipality is not None
        admins |= Q(memberships__role=Role.ADMIN) & (
            Q(memberships__region_id=municipality.region_id)
            | Q(memberships__municipality_id=municipality.pk)
        )
    elif asked.region_id is not None:
        admins |= Q(memberships__role=Role.ADMIN, memberships__region_id=asked.region_id)
    return candidates.filter(admins).distinct()


def may_decide(user: User, asked: MembershipRequest) -> bool:
    if not user.is_authenticated or user.pk in (asked.user_id, asked.requested_by_id):
        return False
    return approvers_of(asked).filter(pk=user.pk).exists()


def decide_membership_request(
    request: HttpRequest, asked: MembershipRequest, *, approve: bool, note: str = ""
) -> MembershipRequest:
    """Accept or refuse a pending request. Accepting creates the membership. A refused attempt
    is announced too (after the transaction, so its log entry stays)."""
    decider: User = request.user  # type: ignore[assignment]
    with transaction.atomic():
        asked = MembershipRequest.objects.select_for_update().get(pk=asked.pk)
        problem = _decision_problem(decider, asked)
        if problem is None:
            _decide(asked, decider, approve=approve, note=note)
            membership_request_changed.send(
                MembershipRequest,
                request=request,
                membership_request=asked,
                event=MembershipEvent.APPROVED if approve else MembershipEvent.REJECTED,
            )
            transaction.on_commit(lambda: _tell_decision(asked))
    if problem is not None:
        membership_request_changed.send(
            MembershipRequest,
            request=request,
            membership_request=asked,
            event=MembershipEvent.REFUSED_ATTEMPT,
        )
        raise GrantRefused(problem)
    return asked


def _decide(asked: MembershipRequest, decider: User, *, approve: bool, note: str) -> None:
    asked.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    asked.decided_by = _person(decider)
    asked.decided_at = timezone.now()
    asked.decision_note = note.strip()[:1000]
    if approve:
        asked.membership = Membership.objects.create(
            user=asked.user,
            role=asked.role,
            team=asked.team,
            municipality=asked.municipality,
            region=asked.region,
        )
        forget_memberships(asked.user)
    asked.save()


def _decision_problem(decider: User, asked: MembershipRequest) -> str | None:
    if not asked.is_pending:
        return _("This request has already been decided.")
    if decider.pk == asked.requested_by_id:
        return _("You cannot approve your own request: a second person must.")
    if decider.pk == asked.user_id:
        return _("You cannot decide on a role for yourself.")
    if not may_decide(decider, asked):
        return _("You may not decide on this request.")
    return None


def grant_by_operator(
    *,
    user: User,
    role: Role,
    operator: str,
    team: Team | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> Membership:
    """A membership given from the command line by someone who runs the installation (the first
    beheerder, the demo loader). Logged with the operator's name; there is no second person."""
    place = _place(team, municipality, region)
    membership = Membership(user=_person(user), role=role, **place)
    membership.full_clean()
    with transaction.atomic():
        membership.save()
        membership_granted.send(Membership, request=None, membership=membership, operator=operator)
    forget_memberships(user)
    return membership


def announce_direct_grant(request: HttpRequest, membership: Membership) -> None:
    """A role without case data given directly in the admin: announce it for the log."""
    if membership.role in APPROVAL_ROLES:
        raise GrantRefused(_("This role needs a second person's approval."))
    membership_granted.send(Membership, request=request, membership=membership, operator="")


def pending_requests_for(user: User) -> QuerySet[MembershipRequest]:
    """Pending requests this user may decide on (for the team page and the admin)."""
    pending = MembershipRequest.objects.filter(status=RequestStatus.PENDING).select_related(
        "user", "team", "municipality", "region", "requested_by"
    )
    return pending.filter(pk__in=[r.pk for r in pending if may_decide(user, r)])


def _tell_approvers(asked: MembershipRequest) -> None:
    recipients = [u.email for u in approvers_of(asked) if u.email]
    if not recipients:
        return
    subject = _("Elke Dag Beter: a role awaits your approval")
    body = _(
        "%(requester)s asks for %(user)s to get the role %(role)s at %(place)s.\n"
        "Reason: %(reason)s\n\nApprove or refuse it at %(url)s"
    ) % {
        "requester": asked.requested_by or "-",
        "user": asked.user,
        "role": asked.get_role_display(),
        "place": asked.scope_label,
        "reason": asked.reason,
        "url": f"{settings.SITE_URL}/teams/aanvragen/",
    }
    send_mail(subject, body, None, recipients)


def _tell_decision(asked: MembershipRequest) -> None:
    recipients = [u.email for u in (asked.requested_by, asked.user) if u is not None and u.email]
    if not recipients:
        return
    verdict = _("approved") if asked.status == RequestStatus.APPROVED else _("refused")
    subject = _("Elke Dag Beter: role request %(verdict)s") % {"verdict": verdict}
    body = _(
        "%(decider)s has %(verdict)s the role %(role)s for %(user)s at %(place)s.\n%(note)s"
    ) % {
        "decider": asked.decided_by or "-",
        "verdict": verdict,
        "role": asked.get_role_display(),
        "user": asked.user,
        "place": asked.scope_label,
        "note": asked.decision_note,
    }
    send_mail(subject, body, None, recipients)
