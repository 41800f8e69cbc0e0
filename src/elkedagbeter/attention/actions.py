"""Writes on signals, case conferences and consultations. Each owns its transaction and its
access-log entry (through the case record's own helpers)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode
from elkedagbeter.bottlenecks.actions import Draft, raise_bottleneck
from elkedagbeter.bottlenecks.models import Bottleneck, Category
from elkedagbeter.cases.actions import created_in_history, log_case_update, write_grant
from elkedagbeter.cases.models import Case
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.organisations.models import Membership, Role, Team, TeamType
from elkedagbeter.organisations.scoping import team_membership

from .models import (
    Agreement,
    CaseConference,
    Consultation,
    FollowUp,
    NextStep,
    SetAsideReason,
    Signal,
    Status,
    Theme,
    Triage,
)
from .refresh import refresh_cases


def act_on_case(request: HttpRequest, case: Case, step: NextStep) -> int:
    """The team takes a next step on a case: its open signals count as acted on with that
    step. Returns how many signals it closed."""
    grant = write_grant(request, case)
    with transaction.atomic():
        count = Signal.objects.filter(case=case, status=Status.OPEN).update(
            status=Status.ACTED,
            next_step=step,
            decided_by=request.user,
            decided_at=timezone.now(),
        )
        log_case_update(request, case, grant, f"signals acted on: {step}")
    return count


def set_aside(
    request: HttpRequest, signal: Signal, reason: SetAsideReason, note: str = ""
) -> Signal:
    """Set one signal aside with a reason; reasons are counted per rule."""
    case = signal.case
    grant = write_grant(request, case)
    if signal.status != Status.OPEN:
        raise PermissionDenied
    signal.status = Status.SET_ASIDE
    signal.set_aside_reason = reason
    signal.set_aside_note = note[:300]
    signal.decided_by = request.user  # type: ignore[assignment]
    signal.decided_at = timezone.now()
    with transaction.atomic():
        signal.save(
            update_fields=[
                "status",
                "set_aside_reason",
                "set_aside_note",
                "decided_by",
                "decided_at",
            ]
        )
        log_case_update(request, case, grant, f"signal {signal.pk} set aside: {reason}")
    return signal


# --- Case conferences --------------------------------------------------------------------------


def record_conference(
    request: HttpRequest,
    case: Case,
    conference: CaseConference,
    agreements: list[Agreement],
) -> CaseConference:
    """A casusoverleg on the case's timeline with its agreements; free text is de-identified.
    Agreements that pass their date become a signal (``rules.overdue_agreements``)."""
    grant = write_grant(request, case)
    if any(a.due_on < conference.held_on for a in agreements):
        raise ValidationError(_("An agreement cannot be due before the case conference."))
    conference.case = case
    conference.question = deidentify(conference.question)
    conference.participants = deidentify(conference.participants)
    conference.created_by = request.user  # type: ignore[assignment]
    with transaction.atomic():
        conference.save()
        for agreement in agreements:
            agreement.conference = conference
            agreement.what = deidentify(agreement.what)
        Agreement.objects.bulk_create(agreements)
        created_in_history(request, case, conference)
        log_case_update(request, case, grant, f"case conference {conference.pk}")
    refresh_after_commit(case)
    return conference


def agreement_done(request: HttpRequest, agreement: Agreement) -> Agreement:
    case = agreement.conference.case
    grant = write_grant(request, case)
    agreement.done_on = timezone.localdate()
    with transaction.atomic():
        agreement.save(update_fields=["done_on"])
        log_case_update(request, case, grant, f"agreement {agreement.pk} done")
    refresh_after_commit(case)
    return agreement


def refresh_after_commit(case: Case) -> None:
    """Bulk inserts send no signal: re-evaluate the case once the change is committed."""
    if settings.ATTENTION_REFRESH_ON_COMMIT:
        transaction.on_commit(lambda: refresh_cases([case.pk]))


# --- Consultation of the expert team -----------------------------------------------------------

FOLLOW_UP_MONTHS = (3, 6)


def expert_teams_for(case: Case) -> list[Team]:
    return list(Team.objects.filter(team_type=TeamType.EXPERT, region_id=case.team.region_id))


def ask_expert_team(request: HttpRequest, case: Case, consultation: Consultation) -> Consultation:
    """The case's team asks its region's expert team; nothing is handed over."""
    grant = write_grant(request, case)
    if consultation.expert_team not in expert_teams_for(case):
        raise ValidationError({"expert_team": _("Choose an expert team of the case's region.")})
    consultation.case = case
    consultation.asked_by = request.user  # type: ignore[assignment]
    for name in ("situation", "tried", "needed"):
        setattr(consultation, name, deidentify(getattr(consultation, name)))
    with transaction.atomic():
        consultation.save()
        created_in_history(request, case, consultation)
        log_case_update(request, case, grant, f"consultation {consultation.pk} asked")
    return consultation


def _expert_membership(request: HttpRequest, consultation: Consultation) -> Membership:
    membership = team_membership(request.user, consultation.expert_team_id, Role.EXPERT)
    if membership is None:
        raise PermissionDenied
    return membership


def _log_expert(
    request: HttpRequest, consultation: Consultation, membership: Membership, what: str
) -> None:
    record_access(
        request,
        event=EventCode.CASE_UPDATE,
        action=ActionCode.UPDATE,
        rule=AuthorisationRule.CONSULTATION,
        membership=membership,
        object_type=OBJECT_TYPE_CASE,
        object_ref=consultation.case.reference,
        reason=what,
    )


def triage(
    request: HttpRequest,
    consultation: Consultation,
    decision: Triage,
    *,
    theme: str = "",
    reason: str = "",
) -> Consultation:
    """The expert team's first answer: advise, join in, take part in a case conference, or
    decline with a reason."""
    membership = _expert_membership(request, consultation)
    if decision == Triage.DECLINE and not reason.strip():
        raise ValidationError({"decline_reason": _("Give the reason to decline.")})
    consultation.triage = decision
    consultation.theme = theme
    consultation.decline_reason = deidentify(reason) if decision == Triage.DECLINE else ""
    consultation.triaged_at = consultation.triaged_at or timezone.now()
    consultation.triaged_by = request.user  # type: ignore[assignment]
    with transaction.atomic():
        consultation.save()
        _log_expert(request, consultation, membership, f"consultation {consultation.pk} triage")
    return consultation


def advise(request: HttpRequest, consultation: Consultation, advice: str) -> Consultation:
    """The expert team's advice; the asker gets a follow-up question after 3 and 6 months."""
    membership = _expert_membership(request, consultation)
    if not consultation.triage or consultation.triage == Triage.DECLINE:
        raise ValidationError(_("Triage the question first."))
    now = timezone.now()
    consultation.advice = deidentify(advice)
    consultation.advised_at = now
    with transaction.atomic():
        consultation.save()
        for months in FOLLOW_UP_MONTHS:
            FollowUp.objects.get_or_create(
                consultation=consultation,
                months=months,
                defaults={"due_on": _months_after(timezone.localdate(now), months)},
            )
        _log_expert(request, consultation, membership, f"consultation {consultation.pk} advice")
    return consultation


def _months_after(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of a shorter month)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def answer_follow_up(
    request: HttpRequest, follow_up: FollowUp, *, helped: str, stabilised: str
) -> FollowUp:
    case = follow_up.consultation.case
    grant = write_grant(request, case)
    follow_up.helped, follow_up.stabilised = helped, stabilised
    follow_up.answered_at = timezone.now()
    with transaction.atomic():
        follow_up.save(update_fields=["helped", "stabilised", "answered_at"])
        log_case_update(request, case, grant, f"consultation follow-up {follow_up.pk}")
    return follow_up


def theme_to_bottleneck(request: HttpRequest, team: Team, theme: Theme, count: str) -> Bottleneck:
    """A theme that keeps coming back in an expert team's consultations becomes a knelpunt:
    the expert team learns from cases. Only the theme and a protected count leave."""
    if team_membership(request.user, team.pk, Role.EXPERT) is None:
        raise PermissionDenied
    actor = request.user
    assert isinstance(actor, User)
    draft = Draft(
        region=team.region,
        category=THEME_CATEGORY[theme],
        title=_("Recurring in consultations of the expert team: %(theme)s")
        % {"theme": theme.label},
        description=_(
            "%(team)s was consulted %(count)s times on this theme. The expert team raises it "
            "so the body with the mandate can address what lies behind it."
        )
        % {"team": team.name, "count": count},
        team=team,
    )
    return raise_bottleneck(actor, draft)


THEME_CATEGORY = {
    Theme.NO_SUITABLE_CARE: Category.NO_SUITABLE_CARE,
    Theme.COMPLEX: Category.NO_SUITABLE_CARE,
    Theme.WAITING: Category.WAITING,
    Theme.TRANSITION_18: Category.TRANSITION_18,
    Theme.COOPERATION: Category.COOPERATION,
    Theme.FINANCING: Category.FINANCING,
    Theme.RULES: Category.RULES,
}
