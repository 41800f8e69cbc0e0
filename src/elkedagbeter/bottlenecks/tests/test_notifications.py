"""E-mails: the body hears of a bottleneck that lands with it, and of each passed deadline
exactly once, however often the cron job runs."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import (
    Bottleneck,
    Category,
    OverdueNotice,
    ResponseNorm,
    Status,
)

from .conftest import Routed

pytestmark = pytest.mark.postgres  # locks, constraints and claims behave per database


@pytest.fixture
def raised(routed: Routed, django_capture_on_commit_callbacks: Any) -> Bottleneck:
    routed.handler.email = "behandelaar@aa.example.nl"
    routed.handler.save()
    ResponseNorm.objects.create(
        region=routed.world.north, category=Category.FINANCING, response_days=5, answer_days=10
    )
    world = routed.world
    draft = actions.Draft(
        region=world.north,
        category=Category.FINANCING,
        title="Niemand betaalt de pleegzorg",
        municipality=world.team_a.municipality,
        team=world.team_a,
    )
    with django_capture_on_commit_callbacks(execute=True):
        bottleneck = actions.raise_bottleneck(world.user("professional"), draft)
    return bottleneck


def test_the_body_hears_of_a_new_bottleneck(raised: Bottleneck) -> None:
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([raised.body.contact_email, "behandelaar@aa.example.nl"])
    assert raised.number in message.subject
    assert f"/knelpunten/{raised.pk}/" in message.body


def _after_deadline(bottleneck: Bottleneck) -> date:
    assert bottleneck.due_on is not None
    return bottleneck.due_on + timedelta(days=1)


def test_an_overdue_deadline_is_notified_once(raised: Bottleneck) -> None:
    mail.outbox.clear()
    assert raised.due_on is not None
    assert actions.send_overdue_notices(raised.due_on) == 0  # due today is not overdue
    later = _after_deadline(raised)
    assert actions.send_overdue_notices(later) == 1
    assert actions.send_overdue_notices(later) == 0
    assert actions.send_overdue_notices(later + timedelta(days=7)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Termijn verstreken: knelpunt KP-")
    notice = OverdueNotice.objects.get()
    assert notice.status_change == raised.history.get()
    assert "behandelaar@aa.example.nl" in notice.recipients


def test_a_new_deadline_gets_its_own_notice(routed: Routed, raised: Bottleneck) -> None:
    mail.outbox.clear()
    actions.send_overdue_notices(_after_deadline(raised))
    actions.transition(routed.handler, raised, Status.IN_PROGRESS)
    later = _after_deadline(raised)  # the answer deadline
    assert actions.send_overdue_notices(later) == 1
    assert actions.send_overdue_notices(later) == 0
    assert OverdueNotice.objects.count() == 2
    assert len(mail.outbox) == 2


def test_closed_and_timely_bottlenecks_get_no_notice(routed: Routed, raised: Bottleneck) -> None:
    mail.outbox.clear()
    later = _after_deadline(raised)
    actions.transition(routed.handler, raised, Status.NOT_SOLVABLE, "Landelijke wet")
    assert actions.send_overdue_notices(later) == 0
    assert mail.outbox == []


def test_a_failed_send_is_tried_again_next_run(
    raised: Bottleneck, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("mail server down")

    monkeypatch.setattr(actions, "send_mail", broken)
    with pytest.raises(OSError):
        actions.send_overdue_notices(_after_deadline(raised))
    assert not OverdueNotice.objects.exists()
    monkeypatch.undo()
    assert actions.send_overdue_notices(_after_deadline(raised)) == 1


def test_the_cron_command(raised: Bottleneck, monkeypatch: pytest.MonkeyPatch) -> None:
    mail.outbox.clear()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: _after_deadline(raised))
    out = StringIO()
    call_command("notify_overdue_bottlenecks", stdout=out)
    call_command("notify_overdue_bottlenecks", stdout=out)
    assert out.getvalue().splitlines() == ["Sent 1 overdue notices.", "Sent 0 overdue notices."]
    assert len(mail.outbox) == 1


class Killed(BaseException):
    """The worker process dying: not an error the task could catch and carry on after."""


def test_a_run_killed_half_way_is_finished_by_the_next_without_duplicates(
    routed: Routed, raised: Bottleneck, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = routed.world
    second = actions.raise_bottleneck(
        world.user("professional"),
        actions.Draft(
            region=world.north,
            category=Category.FINANCING,
            title="Wachtlijst voor de crisisopvang",
            municipality=world.team_a.municipality,
            team=world.team_a,
        ),
    )
    mail.outbox.clear()
    later = _after_deadline(raised) + timedelta(days=1)
    original, calls = actions._send_overdue, []

    def dies_at_the_second_mail(bottleneck: Bottleneck, recipients: list[str]) -> None:
        calls.append(bottleneck)
        if len(calls) == 2:
            raise Killed
        original(bottleneck, recipients)

    monkeypatch.setattr(actions, "_send_overdue", dies_at_the_second_mail)
    with pytest.raises(Killed):
        actions.send_overdue_notices(later)
    assert len(mail.outbox) == 1 and OverdueNotice.objects.count() == 1
    monkeypatch.undo()

    assert actions.send_overdue_notices(later) == 1
    assert actions.send_overdue_notices(later) == 0
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert any(raised.number in subject for subject in subjects)
    assert any(second.number in subject for subject in subjects)
