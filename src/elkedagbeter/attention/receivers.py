"""Keep a case's signals current: when something the rules read changes, re-evaluate the case
once the transaction commits. Rules that depend on the passing of time (no monitoring moment,
waiting above the norm, overdue agreements) are caught by ``manage.py refresh_signals`` daily."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save

from elkedagbeter.cases.models import (
    AnalysisVersion,
    Case,
    Event,
    Goal,
    HouseholdMember,
    Intervention,
)
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment

from . import refresh
from .models import Agreement

_pending = threading.local()


def _case_id(instance: Any) -> int | None:
    if isinstance(instance, Case):
        return int(instance.pk)
    if isinstance(instance, GoalScore):
        return int(instance.moment.case_id)
    if isinstance(instance, Agreement):
        return int(instance.conference.case_id)
    case_id = getattr(instance, "case_id", None)
    return int(case_id) if case_id is not None else None


def _run() -> None:
    case_ids: set[int] = getattr(_pending, "case_ids", set())
    _pending.case_ids = set()
    if case_ids:
        refresh.refresh_cases(case_ids)


def case_changed(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or not settings.ATTENTION_REFRESH_ON_COMMIT:
        return
    case_id = _case_id(instance)
    if case_id is None:
        return
    connection = transaction.get_connection()
    fresh = not any(entry[1] is _run for entry in connection.run_on_commit)
    if fresh:
        _pending.case_ids = set()
    _pending.case_ids.add(case_id)
    if fresh:
        transaction.on_commit(_run)


for model in (
    Case,
    Event,
    AnalysisVersion,
    Intervention,
    Goal,
    HouseholdMember,
    MonitoringMoment,
    Agreement,
):
    post_save.connect(case_changed, sender=model, dispatch_uid=f"attention-{model.__name__}")
