"""The reflection logbook: sessions of the team's own cases, the reminder after four months
without one (once per gap, to the coordinators, shown on the logbook page), and lessons the
coordinator shares with the municipality."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.knowledge import reminders
from elkedagbeter.knowledge.models import ReflectionReminder, ReflectionSession
from elkedagbeter.knowledge.reminders import send_reminders
from elkedagbeter.knowledge.selectors import months_before, reflection_status

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


@pytest.fixture
def coordinator_mail(world: World) -> str:
    coordinator = world.user("coordinator")
    coordinator.email = "coordinator@example.nl"
    coordinator.save()
    return coordinator.email


def _session(world: World, held_on: date) -> ReflectionSession:
    return ReflectionSession.objects.create(team=world.team_a, held_on=held_on, learned="x")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 6, 30), date(2026, 2, 28)),  # no 30 February
        (date(2026, 3, 15), date(2025, 11, 15)),
        (date(2024, 6, 29), date(2024, 2, 29)),
    ],
)
def test_four_months_are_calendar_months(day: date, expected: date) -> None:
    assert months_before(day, 4) == expected


def test_a_team_without_a_session_in_four_months_is_reminded_once(
    world: World, coordinator_mail: str
) -> None:
    last = _session(world, date(2026, 2, 27))

    reminded = {sent.team for sent in send_reminders(TODAY)}
    assert world.team_a in reminded
    to_team_a = [m for m in mail.outbox if world.team_a.name in m.subject]
    assert [m.to for m in to_team_a] == [[coordinator_mail]]
    assert "27 februari 2026" in to_team_a[0].body
    assert f"/wat-werkt/logboek/{world.team_a.pk}/" in to_team_a[0].body
    assert ReflectionReminder.objects.get(team=world.team_a).last_session == last

    mail.outbox.clear()
    assert send_reminders(TODAY + timedelta(days=1)) == []  # this gap has had its reminder
    assert mail.outbox == []


def test_a_recent_session_means_no_reminder_and_a_new_gap_a_new_one(
    world: World, coordinator_mail: str
) -> None:
    _session(world, date(2026, 2, 27))
    send_reminders(TODAY)
    recent = _session(world, date(2026, 3, 1))  # within four months of TODAY
    mail.outbox.clear()

    assert world.team_a not in {sent.team for sent in send_reminders(TODAY)}

    later = date(2026, 7, 2)  # four months after 1 March have passed
    assert world.team_a in {sent.team for sent in send_reminders(later)}
    assert ReflectionReminder.objects.filter(team=world.team_a).count() == 2
    assert ReflectionReminder.objects.filter(last_session=recent).exists()
    assert len([m for m in mail.outbox if world.team_a.name in m.subject]) == 1


def test_the_command_reminds_teams_that_never_reflected(
    world: World, coordinator_mail: str
) -> None:
    call_command("remind_reflection", "--base-url", "https://edb.example/", stdout=None)

    to_team_a = [m for m in mail.outbox if world.team_a.name in m.subject]
    assert len(to_team_a) == 1
    assert f"https://edb.example/wat-werkt/logboek/{world.team_a.pk}/" in to_team_a[0].body
    assert "nog geen reflectiebijeenkomst" in to_team_a[0].body
    # Teams without a coordinator with an e-mail address are recorded too, so never retried.
    assert ReflectionReminder.objects.filter(team=world.team_b, recipients=0).exists()


class Killed(BaseException):
    """The worker process dying: not an error the task could catch and carry on after."""


def test_a_run_killed_half_way_is_finished_by_the_next_without_duplicates(
    world: World, coordinator_mail: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_b_coordinator = world.user("outsider")
    team_b_coordinator.email = "coordinator-b@example.nl"
    team_b_coordinator.save()
    team_b_coordinator.memberships.update(role="coordinator")
    original, calls = reminders._mail, []

    def dies_at_the_second_mail(*args: Any) -> None:
        calls.append(args[0])
        if len(calls) == 2:
            raise Killed
        original(*args)

    monkeypatch.setattr(reminders, "_mail", dies_at_the_second_mail)
    with pytest.raises(Killed):
        send_reminders(TODAY)
    first_run = [message.to for message in mail.outbox]
    monkeypatch.undo()
    send_reminders(TODAY)
    send_reminders(TODAY)  # and the job running once more changes nothing

    assert len(first_run) == 1
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["coordinator-b@example.nl", "coordinator@example.nl"]
    assert ReflectionReminder.objects.filter(team__in=[world.team_a, world.team_b]).count() == 2


def test_the_logbook_page_shows_the_reminder(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    url = reverse("knowledge:logbook", args=[world.team_a.pk])
    today = timezone.localdate()

    _session(world, today - timedelta(days=200))
    assert 'id="reflection-reminder"' in client.get(url).content.decode()
    _session(world, today - timedelta(days=10))
    page = client.get(url).content.decode()
    assert 'id="reflection-reminder"' not in page
    assert not reflection_status(world.team_a, today).overdue


def test_a_session_is_recorded_with_the_teams_own_cases_only(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    url = reverse("knowledge:session_new", args=[world.team_a.pk])
    data = {
        "held_on": timezone.localdate().isoformat(),
        "participant_roles": ["professionals", "ervaringsdeskundige"],
        "cases": [world.case_b.pk],
        "learned": "We betrekken ouders eerder.",
    }

    refused = client.post(url, data)
    assert refused.status_code == 200  # the form again, with what was typed
    assert "We betrekken ouders eerder." in refused.content.decode()
    assert not ReflectionSession.objects.exists()

    data["cases"] = [world.case_a.pk]
    assert client.post(url, data).status_code == 302
    session = ReflectionSession.objects.get()
    assert list(session.cases.all()) == [world.case_a]
    assert session.participant_roles == ["professionals", "ervaringsdeskundige"]
    assert session.created_by == world.user("professional")


def test_the_coordinator_shares_a_lesson_that_the_region_reads(world: World) -> None:
    session = ReflectionSession.objects.create(team=world.team_a, learned="Intern")
    coordinator = log_in(Client(), world.user("coordinator"))
    url = reverse("knowledge:session_share", args=[world.team_a.pk, session.pk])

    empty = coordinator.post(url, {"lesson": "  "})
    assert "Schrijf de les op die u wilt delen." in empty.content.decode()
    response = coordinator.post(
        url, {"lesson": "Jan de Vries uit Utrecht leerde ons: eerst luisteren."}
    )
    assert response.status_code == 302

    session.refresh_from_db()
    assert session.is_shared and session.shared_by == world.user("coordinator")
    assert "Jan de Vries" not in session.lesson and "eerst luisteren" in session.lesson
    lessons = reverse("knowledge:lessons")
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    assert "eerst luisteren" in analyst.get(lessons).content.decode()
    outsider = log_in(Client(), world.user("outsider"))  # team B: not theirs, no area figures
    assert "eerst luisteren" not in outsider.get(lessons).content.decode()
    assert "Intern" not in analyst.get(lessons).content.decode()
