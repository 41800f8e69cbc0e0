"""What registering costs: every saved form records how long it was open and how many inputs
changed (no values, nothing before saving), and the indicator "registratie_minuten" adds it up
per household and month."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.cases.models import Case, FormTiming, Goal
from elkedagbeter.cases.registration import SALT, record_form_timing
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import IndicatorFact

pytestmark = pytest.mark.django_db


def _page_token(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    found = re.search(r'<meta name="edb-form-opened" content="([^"]+)">', html)
    assert found is not None
    return found.group(1)


def _moment(world: World, client: Client, **extra: str) -> int:
    goal = Goal.objects.create(case=world.case_a, text="Rust in huis")
    url = reverse("cases:moment_new", args=[world.case_a.reference])
    token = _page_token(client, url)
    data = {f"goal_{goal.pk}": "0", "safety": "7", "plan_fits": "ja", "_edb_opened": token}
    return client.post(url, {**data, **extra}).status_code


def test_a_saved_form_records_its_time_and_changed_inputs(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    assert _moment(world, client, _edb_changed="3") == 302
    timing = FormTiming.objects.get()
    assert timing.case == world.case_a and timing.team == world.team_a
    assert timing.form == "cases:moment_new"
    assert timing.changed_inputs == 3
    assert 0 <= timing.seconds < 60


def test_nothing_is_recorded_without_a_valid_token_or_a_save(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    assert _moment(world, client, _edb_opened="forged") == 302
    assert _moment(world, client, safety="") == 200  # not saved: errors
    assert not FormTiming.objects.exists()


def test_a_form_with_errors_keeps_its_first_opening_time(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    goal = Goal.objects.create(case=world.case_a, text="Rust in huis")
    url = reverse("cases:moment_new", args=[world.case_a.reference])
    early = signing.dumps(int(timezone.now().timestamp()) - 90, salt=SALT)
    html = client.post(url, {"_edb_opened": early, "_edb_changed": "2"}).content.decode()
    assert f'content="{early}"' in html and '<meta name="edb-form-changed" content="2">' in html
    client.post(
        url,
        {
            f"goal_{goal.pk}": "1",
            "safety": "7",
            "plan_fits": "ja",
            "_edb_opened": early,
            "_edb_changed": "4",
        },
    )
    assert FormTiming.objects.get().seconds >= 90


def test_registration_minutes_per_household_per_month(world: World) -> None:
    at = timezone.make_aware(datetime(2026, 10, 5, 10))
    Case.objects.filter(pk__in=[world.case_a.pk]).update(opened_on=date(2026, 1, 1))
    second = Case.objects.create(team=world.team_a, opened_on=date(2026, 1, 1))
    for seconds in (90, 150):  # four minutes on case A
        record_form_timing(
            user_id=None, form="x", seconds=seconds, changed=2, case=world.case_a, at=at
        )
    facts.rebuild(today=date(2026, 11, 23))
    fact = IndicatorFact.objects.get(
        indicator="registratie_minuten",
        period_kind="maand",
        period_start=date(2026, 10, 1),
        team_id=world.team_a.pk,
    )
    assert (fact.numerator, fact.denominator) == (4, 2)  # 2 minutes per household
    assert second.pk
