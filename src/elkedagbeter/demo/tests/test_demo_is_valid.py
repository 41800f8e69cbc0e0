"""Every row the demo and the synthetic generator write obeys every rule the product enforces
on a user's input (``demo/validation.py`` names them): no future dates, nothing before a case
was opened or after it was closed, no overlapping placements, a seclusion with duration and
place, a closed placement with its machtiging, a transfer with from and to, the models' own
validation, the monitoring rules, the knelpunt state machine and the ontwikkelcirkel."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from elkedagbeter.cases.models import Case, Event, EventKind
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.demo import validation
from elkedagbeter.demo.region import load_demo_region

pytestmark = pytest.mark.django_db


def _report(found: list[validation.Violation]) -> str:
    by_rule: dict[str, list[validation.Violation]] = defaultdict(list)
    for violation in found:
        by_rule[violation.rule].append(violation)
    return "\n".join(
        f"rule '{rule}' broken by {len(rows)} rows:\n"
        + "\n".join(f"  {v.row}: {v.detail}" for v in rows[:20])
        for rule, rows in by_rule.items()
    )


def _early_this_morning() -> mock._patch[mock.Mock]:
    """Loaded before the working day starts, the demo still shows nothing later than now."""
    morning = timezone.make_aware(datetime.combine(timezone.localdate(), time(7, 30)))
    return mock.patch("django.utils.timezone.now", return_value=morning)


def test_every_row_of_the_demo_obeys_every_rule() -> None:
    with _early_this_morning():
        load_demo_region(timezone.localdate())  # what `manage.py load_demo` runs
        found = validation.violations()

    assert Case.objects.filter(closed_on__isnull=False).exists()
    assert Event.objects.filter(kind=EventKind.PLACEMENT).exists()

    assert not found, _report(found)


def test_every_row_of_a_small_synthetic_region_obeys_every_rule() -> None:
    with _early_this_morning():
        call_command("generate_synthetic", preset="small", cases=256, no_figures=True, verbosity=0)
        found = validation.violations()

    assert not found, _report(found)


def test_the_rules_name_what_they_catch() -> None:
    """The check is not empty: a row a user could not write is reported under its rule."""
    today = timezone.localdate()
    case = CaseFactory(opened_on=today - timedelta(days=100), closed_on=today - timedelta(days=50))
    Event.objects.create(case=case, kind=EventKind.CRISIS, started_on=today - timedelta(days=10))
    Event.objects.create(case=case, kind=EventKind.RUNAWAY, started_on=today + timedelta(days=3))

    rules = {v.rule for v in validation.violations()}

    assert {
        "nothing after the case was closed",
        "no future dates",
        "timeline rule (started_on)",
        "model validation (full_clean)",  # recorded without its author
    } <= rules
