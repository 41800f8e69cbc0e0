"""Hand-made case histories in the database, written directly (the rules are tested without a
database in test_rules.py; these feed the list, the refresh and the pages)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from elkedagbeter.cases.models import Case
from elkedagbeter.monitoring.models import MonitoringMoment


def moments(case: Case, *plan_fits: str, safety: int = 7, start_days_ago: int = 30) -> None:
    """One moment per answer, a week apart, ending a few days ago."""
    today = timezone.localdate()
    for n, fits in enumerate(plan_fits):
        MonitoringMoment.objects.create(
            case=case,
            recorded_on=today - timedelta(days=start_days_ago - 7 * n),
            scale="gas",
            safety=safety,
            plan_fits=fits,
        )


def backdate(case: Case, days: int) -> Case:
    Case.objects.filter(pk=case.pk).update(opened_on=timezone.localdate() - timedelta(days=days))
    case.refresh_from_db()
    return case


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
