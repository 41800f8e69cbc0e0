"""Important writes on "who we need": asking a party for a zero goal, its answer (joined or
declined with a reason) and withdrawing the request. Each owns its transaction; the e-mails
go out after it commits.

The texts are about parties and policy, not about a family, and are written by analysts and
bodies who never see a case: they are not de-identified, which would remove the very names of
organisations and places an ask is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.indicators.places import Level as PlaceLevel
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.organisations.models import Membership, Region, Role, Team

from .actions import recipients_of
from .models import ANSWERS, PartnerAnswer, PartnerRequest, PartnerStatus, ResponsibleBody
from .partner_selectors import (
    acts_for_party,
    askable_bodies,
    askable_teams,
    may_ask,
    may_withdraw,
)


@dataclass(frozen=True)
class Ask:
    """What an analyst asks of one party: a body, a team, or a role in words."""

    region: Region
    zero_goal: str
    ask: str
    body: ResponsibleBody | None = None
    team: Team | None = None
    role_name: str = ""


def party_recipients(request: PartnerRequest) -> list[str]:
    """A body's contact address and handlers; a team's coordinators; nobody for a role."""
    if request.body is not None:
        return recipients_of(request.body)
    if request.team_id is not None:
        addresses = Membership.objects.filter(
            team_id=request.team_id, role=Role.COORDINATOR, user__is_active=True
        ).values_list("user__email", flat=True)
        return sorted({address for address in addresses if address})
    return []


def _send_on_commit(subject: str, text: str, recipients: list[str]) -> None:
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, text, None, recipients))


def _inbox_link() -> str:
    return settings.SITE_URL + reverse("bottlenecks:partners_inbox")


def _plate_link(request: PartnerRequest) -> str:
    path = reverse("indicators:plate", kwargs={"code": request.zero_goal})
    return f"{settings.SITE_URL}{path}?plaats={PlaceLevel.REGION.value}-{request.region_id}"


def _acted_for(actor: User, request: PartnerRequest) -> str:
    if request.body is not None and acts_for_party(actor, request):
        return request.body.name
    if request.team is not None and acts_for_party(actor, request):
        return request.team.name
    return request.region.name


@transaction.atomic
def ask_partner(actor: User, given: Ask, *, at: datetime | None = None) -> PartnerRequest:
    """Ask a party to join the region's work on a zero goal, and tell the party."""
    if not may_ask(actor, given.region.pk):
        raise PermissionDenied
    if given.zero_goal not in ZERO_GOALS:
        raise ValidationError({"zero_goal": _("Choose a zero goal.")})
    role_name = given.role_name.strip()
    if sum([given.body is not None, given.team is not None, bool(role_name)]) != 1:
        raise ValidationError(
            {"party": _("Choose one party: a body, a team or a role described in words.")}
        )
    if given.body is not None and not askable_bodies(given.region).filter(pk=given.body.pk):
        raise ValidationError({"body": _("Choose a body of this region or a national body.")})
    if given.team is not None and not askable_teams(given.region).filter(pk=given.team.pk):
        raise ValidationError({"team": _("Choose a team of this region.")})
    text = deidentify(given.ask.strip())
    if not text:
        raise ValidationError({"ask": _("Write what you ask of them.")})
    open_requests = PartnerRequest.objects.filter(
        region=given.region, zero_goal=given.zero_goal
    ).exclude(status=PartnerStatus.WITHDRAWN)
    if open_requests.filter(body=given.body, team=given.team, role_name__iexact=role_name).exists():
        raise ValidationError({"party": _("This party has already been asked for this zero goal.")})
    request = PartnerRequest.objects.create(
        region=given.region,
        zero_goal=given.zero_goal,
        body=given.body,
        team=given.team,
        role_name=role_name,
        ask=text,
        asked_by=actor,
        asked_at=at or timezone.now(),
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(region)s asks %(party)s to help with %(goal)s") % {
            "region": given.region.name,
            "party": request.party,
            "goal": ZERO_GOALS[given.zero_goal].title,
        }
        body = _(
            "%(region)s needs you for the zero goal %(goal)s. What is asked:\n\n%(ask)s\n\n"
            "Accept or decline here: %(link)s"
        ) % {
            "region": given.region.name,
            "goal": ZERO_GOALS[given.zero_goal].title,
            "ask": text,
            "link": _inbox_link(),
        }
    _send_on_commit(subject, body, party_recipients(request))
    return request


def _locked(given: PartnerRequest) -> PartnerRequest:
    return (
        PartnerRequest.objects.select_for_update(of=("self",))
        .select_related("region", "body", "team")
        .get(pk=given.pk)
    )


@transaction.atomic
def answer_request(
    actor: User,
    given: PartnerRequest,
    status: str,
    reason: str = "",
    *,
    at: datetime | None = None,
) -> PartnerAnswer:
    """The party joins, or declines with a reason; it may change its answer later. The asker
    hears of it."""
    request = _locked(given)
    if not acts_for_party(actor, request):
        raise PermissionDenied
    if status not in ANSWERS[PartnerStatus(request.status)]:
        raise ValidationError(
            {
                "status": _("A request that is %(current)s cannot become %(new)s.")
                % {
                    "current": PartnerStatus(request.status).label,
                    "new": PartnerStatus(status).label,
                }
            }
        )
    reason = deidentify(reason.strip())
    if status == PartnerStatus.DECLINED and not reason:
        raise ValidationError({"reason": _("Say why; the region reads it on the O-plaat.")})
    answer = PartnerAnswer.objects.create(
        request=request,
        status=status,
        reason=reason,
        by=actor,
        acted_for=_acted_for(actor, request),
        at=at or timezone.now(),
    )
    request.status = status
    request.save(update_fields=["status"])
    asker = request.asked_by
    if asker.is_active and asker.email and asker.pk != actor.pk:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Answer from %(party)s: %(answer)s (%(goal)s)") % {
                "party": request.party,
                "answer": PartnerStatus(status).label,
                "goal": ZERO_GOALS[request.zero_goal].title,
            }
            text = _("%(party)s answered: %(answer)s.\n\n%(reason)s\n\nThe O-plaat: %(link)s") % {
                "party": request.party,
                "answer": PartnerStatus(status).label,
                "reason": reason,
                "link": _plate_link(request),
            }
        _send_on_commit(subject, text, [asker.email])
    given.refresh_from_db()
    return answer


@transaction.atomic
def withdraw_request(
    actor: User, given: PartnerRequest, reason: str = "", *, at: datetime | None = None
) -> PartnerAnswer:
    """The region no longer asks this of the party (closed for good; ask again if needed)."""
    request = _locked(given)
    if not may_withdraw(actor, request):
        raise PermissionDenied
    answer = PartnerAnswer.objects.create(
        request=request,
        status=PartnerStatus.WITHDRAWN,
        reason=deidentify(reason.strip()),
        by=actor,
        acted_for=request.region.name,
        at=at or timezone.now(),
    )
    request.status = PartnerStatus.WITHDRAWN
    request.save(update_fields=["status"])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(region)s withdraws its request (%(goal)s)") % {
            "region": request.region.name,
            "goal": ZERO_GOALS[request.zero_goal].title,
        }
        text = _("%(region)s no longer asks this of %(party)s:\n\n%(ask)s\n\n%(reason)s") % {
            "region": request.region.name,
            "party": request.party,
            "ask": request.ask,
            "reason": answer.reason,
        }
    _send_on_commit(subject, text, party_recipients(request))
    given.refresh_from_db()
    return answer
