"""Case conferences: recorded on the case's timeline with agreements; an agreement past its date
becomes a signal until it is done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.attention.models import Agreement, CaseConference, Rule, Signal, Status
from elkedagbeter.attention.refresh import refresh_cases

pytestmark = pytest.mark.django_db


def _post(client: Client, world: World, due: str, held: str | None = None) -> int:
    today = timezone.localdate()
    data = {
        "held_on": held or (today - timedelta(days=20)).isoformat(),
        "participants": "Jeugdprofessional wijkteam\nMentor school\nGGZ-behandelaar",
        "question": "Hoe krijgen we de thuissituatie rustig?",
        "afspraak-TOTAL_FORMS": "2",
        "afspraak-INITIAL_FORMS": "0",
        "afspraak-MIN_NUM_FORMS": "0",
        "afspraak-MAX_NUM_FORMS": "10",
        "afspraak-0-what": "Gesprek met school over verzuim",
        "afspraak-0-who": "Mentor, school",
        "afspraak-0-due_on": due,
        "afspraak-1-what": "",
        "afspraak-1-who": "",
        "afspraak-1-due_on": "",
    }
    url = reverse("attention:conference_new", args=[world.case_a.reference])
    return client.post(url, data).status_code


def test_a_conference_lands_on_the_timeline_and_an_overdue_agreement_signals(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    due = timezone.localdate() - timedelta(days=2)
    assert _post(client, world, due.isoformat()) == 302
    conference = CaseConference.objects.get(case=world.case_a)
    agreement = Agreement.objects.get(conference=conference)
    body = client.get(reverse("cases:detail", args=[world.case_a.reference])).content.decode()
    assert "Gesprek met school over verzuim" in body and "edb-conference" in body
    refresh_cases([world.case_a.pk])
    signal = Signal.objects.get(case=world.case_a, rule=Rule.OVERDUE_AGREEMENT)
    assert signal.key == f"a{agreement.pk}"

    url = reverse("attention:agreement_done", args=[world.case_a.reference, agreement.pk])
    assert client.post(url).status_code == 302
    refresh_cases([world.case_a.pk])
    signal.refresh_from_db()
    assert signal.status == Status.CLEARED


def test_an_agreement_is_not_due_before_the_conference(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    held = timezone.localdate() - timedelta(days=5)
    assert _post(client, world, (held - timedelta(days=1)).isoformat(), held.isoformat()) == 200
    assert not CaseConference.objects.exists()


def test_another_team_cannot_record_or_close(world: World) -> None:
    outsider = log_in(Client(), world.user("outsider"))
    assert _post(outsider, world, timezone.localdate().isoformat()) == 404
    assert not CaseConference.objects.exists()
