"""Keep a team's figures current: when a case or anything the indicators read changes, rebuild
the figures of the teams that case has belonged to once the transaction commits."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from elkedagbeter.cases.models import (
    AnalysisVersion,
    Case,
    CaseTransfer,
    Event,
    Goal,
    Intervention,
    Involvement,
    PlanVersion,
)
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment

from . import facts, protection

_pending = threading.local()


def _case_id(instance: Any) -> int | None:
    if isinstance(instance, Case):
        return int(instance.pk)
    if isinstance(instance, GoalScore):
        return int(instance.moment.case_id)
    case_id = getattr(instance, "case_id", None)
    return int(case_id) if case_id is not None else None


def _refresh() -> None:
    case_ids: set[int] = getattr(_pending, "case_ids", set())
    team_ids: set[int] = getattr(_pending, "team_ids", set())
    _pending.case_ids, _pending.team_ids = set(), set()
    if not case_ids:
        return
    teams = team_ids | facts.teams_of_cases(case_ids)
    if not settings.INDICATORS_PROTECT_ON_COMMIT:
        facts.rebuild(teams)
        return
    before = protection.team_counts(teams)
    facts.rebuild(teams)
    changed = protection.changed_cells(before, protection.team_counts(teams))
    if changed:
        protection.protect(changed=changed)


def case_changed(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures
    case_id = _case_id(instance)
    if case_id is None:
        return
    # A rolled-back transaction drops its callbacks, so "no callback registered yet" is the sign
    # of a new transaction and the pending sets start afresh.
    connection = transaction.get_connection()
    fresh = not any(entry[1] is _refresh for entry in connection.run_on_commit)
    if fresh:
        _pending.case_ids, _pending.team_ids = set(), set()
    _pending.case_ids.add(case_id)
    if isinstance(instance, Case):  # a deleted case can no longer be looked up
        _pending.team_ids.add(instance.team_id)
    if fresh:
        transaction.on_commit(_refresh)  # in autocommit mode this runs at once


for model in (
    Case,
    Event,
    AnalysisVersion,
    Intervention,
    CaseTransfer,
    MonitoringMoment,
    GoalScore,
    Goal,  # treatments without a formulated goal
    PlanVersion,  # continuity: who worked on the case
    Involvement,  # continuity: which parties were involved
):
    post_save.connect(case_changed, sender=model, dispatch_uid=f"indicators-{model.__name__}")
    post_delete.connect(case_changed, sender=model, dispatch_uid=f"indicators-del-{model.__name__}")
