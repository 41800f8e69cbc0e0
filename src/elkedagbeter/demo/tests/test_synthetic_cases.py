"""Generated case histories obey every rule a user's input obeys."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elkedagbeter.cases.models import EventKind
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.cases.timeline import event_errors
from elkedagbeter.demo.synthetic_cases import fill_case

TODAY = date(2026, 11, 23)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6), closed=st.booleans())
def test_generated_histories_obey_every_rule(seed: int, closed: bool) -> None:
    rng = random.Random(seed)
    opened = TODAY - timedelta(days=rng.randint(30, 900))
    closed_on = min(TODAY, opened + timedelta(days=rng.randint(30, 400))) if closed else None
    case = CaseFactory(opened_on=opened, closed_on=closed_on)
    fill_case(case, random.Random(seed), TODAY)  # refuses a history that breaks a rule

    events = list(case.events.all())
    last = closed_on or TODAY
    for event in events:
        others = [other for other in events if other.pk != event.pk]
        assert event_errors(event, TODAY, others) == {}, event
        assert opened <= event.started_on <= last, event
        assert event.ended_on is None or event.ended_on <= last, event
        assert event.ended_on is not None or closed_on is None or event.kind != EventKind.PLACEMENT
    assert all(m.recorded_on <= last for m in case.monitoring_moments.all())
