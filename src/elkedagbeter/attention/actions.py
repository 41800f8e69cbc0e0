"""Writes on signals, case conferences and consultations. Each owns its transaction and its
access-log entry (through the case record's own helpers)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.actions import created_in_history, log_case_update, write_grant
from elkedagbeter.cases.models import Case
from elkedagbeter.core.deidentify import deidentify

from .models import (
    Agreement,
    CaseConference,
    NextStep,
    SetAsideReason,
    Signal,
    Status,
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
