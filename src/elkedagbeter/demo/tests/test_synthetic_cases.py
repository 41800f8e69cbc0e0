"""Generated case histories obey every rule a user's input obeys."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.cases.timeline import event_errors
from elkedagbeter.demo.synthetic_cases import fill_case

TODAY = date(2026, 11, 23)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_generated_histories_obey_every_rule(seed: int) -> None:
    case = CaseFactory(opened_on=TODAY - timedelta(days=random.Random(seed).randint(30, 900)))
    fill_case(case, random.Random(seed), TODAY)

    events = list(case.events.all())
    for event in events:
        others = [other for other in events if other.pk != event.pk]
        assert event_errors(event, TODAY, others) == {}, event
