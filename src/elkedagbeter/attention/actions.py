"""Writes on signals, case conferences and consultations. Each owns its transaction and its
access-log entry (through the case record's own helpers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from elkedagbeter.cases.actions import log_case_update, write_grant
from elkedagbeter.cases.models import Case

from .models import NextStep, SetAsideReason, Signal, Status


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
