"""Writes of the costs app on a case: recording its arrangement. Like every write on a case it
needs the case's own team or its expert team (``cases.actions.write_grant``), keeps the change
in the case's history and writes an access-log entry."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.actions import created_in_history, log_case_update, write_grant
from elkedagbeter.cases.models import Case, ChangeRecord

from .arrangements import arrangement_errors
from .models import Arrangement


def set_arrangement(
    request: HttpRequest, case: Case, *, level: str, agreed_on: date
) -> Arrangement:
    """Record (or change) the arrangement the case's trajectory was placed in. Raises
    ValidationError by field on a bad level or date."""
    grant = write_grant(request, case)
    if not isinstance(request.user, User):
        raise PermissionDenied
    errors = arrangement_errors(level, agreed_on, case=case, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).exists()
        arrangement = Arrangement.objects.filter(case=case).first()
        if arrangement is None:
            arrangement = Arrangement.objects.create(case=case, level=level, agreed_on=agreed_on)
            created_in_history(request, case, arrangement)
        else:
            before = {"level": arrangement.level, "agreed_on": arrangement.agreed_on}
            arrangement.level = level
            arrangement.agreed_on = agreed_on
            arrangement.save(update_fields=["level", "agreed_on"])
            for name, old in before.items():
                new = getattr(arrangement, name)
                if old != new:
                    ChangeRecord.objects.create(
                        case=case,
                        object_type="arrangement",
                        object_id=arrangement.pk,
                        field=name,
                        old_value=str(old),
                        new_value=str(new),
                        changed_by=request.user,
                    )
        log_case_update(request, case, grant, f"arrangement {level} {agreed_on.isoformat()}")
    return arrangement
