"""The access log: written for every case read and write, readable by the right people, and
impossible to alter through the app, the admin, the ORM or plain SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from elkedagbeter.audit.models import (
    AccessLogEntry,
    ActionCode,
    AppendOnlyError,
    AuthorisationRule,
    EventCode,
    Result,
)
from elkedagbeter.cases.models import Case
from elkedagbeter.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db


def _entries_for(reference: str) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(object_ref=reference).order_by("id"))


def test_reading_a_case_writes_the_nen7513_facts(world: World) -> None:
    client = log_in(Client(), world.user("professional"))

    response = client.get(
        reverse("cases:detail", args=[world.case_a.reference]),
        HTTP_USER_AGENT="Testbrowser/1.0",
        REMOTE_ADDR="192.0.2.10",
    )

    assert response.status_code == 200
    [entry] = _entries_for(world.case_a.reference)
    assert entry.event_code == EventCode.CASE_READ
    assert entry.action_code == ActionCode.READ
    assert entry.result == Result.SUCCESS
    assert entry.user_id_ref == str(world.user("professional").pk)
    assert entry.user_display == "professional"
    assert entry.user_role == Role.PROFESSIONAL
    assert entry.organisation == str(world.team_a)
    assert entry.region_code == world.north.code
    assert entry.object_type == "casus"
    assert entry.authorisation_rule == AuthorisationRule.TEAM_MEMBERSHIP
    assert entry.client_address == "192.0.2.10"
    assert entry.user_agent == "Testbrowser/1.0"


def test_registering_a_case_writes_a_create_entry(world: World) -> None:
    client = log_in(Client(), world.user("coordinator"))

    response = client.post(
        reverse("cases:new"),
        {"team": world.team_a.pk, "lid-TOTAL_FORMS": "0", "lid-INITIAL_FORMS": "0"},
    )

    case = Case.objects.exclude(pk__in=[world.case_a.pk]).get(team=world.team_a)
    assert response.status_code == 302
    [created] = _entries_for(case.reference)
    assert (created.event_code, created.action_code) == (EventCode.CASE_CREATE, ActionCode.CREATE)
    assert created.user_role == Role.COORDINATOR


def test_an_expert_gives_a_reason_that_is_logged(world: World) -> None:
    client = log_in(Client(), world.user("expert"))
    reference = world.case_escalated.reference
    reason = "Overleg over crisisplaatsing met het wijkteam"

    first = client.get(reverse("cases:detail", args=[reference]))
    assert first["Location"] == reverse("cases:reason", args=[reference])
    assert _entries_for(reference) == []  # no read without a reason

    client.post(reverse("cases:reason", args=[reference]), {"reason": reason})
    response = client.get(reverse("cases:detail", args=[reference]))

    assert response.status_code == 200
    [entry] = _entries_for(reference)
    assert entry.authorisation_rule == AuthorisationRule.ESCALATION
    assert entry.reason == reason
    assert entry.user_role == Role.EXPERT


def test_a_refused_read_is_logged_without_showing_the_case(world: World) -> None:
    client = log_in(Client(), world.user("outsider"))

    response = client.get(reverse("cases:detail", args=[world.case_a.reference]))

    assert response.status_code == 404
    [entry] = _entries_for(world.case_a.reference)
    assert entry.result == Result.REFUSED
    assert entry.authorisation_rule == AuthorisationRule.NONE


def test_the_team_sees_who_read_its_case(world: World) -> None:
    log_in(Client(), world.user("coordinator")).get(
        reverse("cases:detail", args=[world.case_a.reference])
    )
    client = log_in(Client(), world.user("professional"))

    response = client.get(reverse("cases:access_log", args=[world.case_a.reference]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "coordinator" in page
    # Reading the log is itself logged.
    assert _entries_for(world.case_a.reference)[-1].event_code == EventCode.CASE_ACCESS_LOG_READ


def test_administrators_see_only_their_regions_entries(world: World) -> None:
    log_in(Client(), world.user("professional")).get(
        reverse("cases:detail", args=[world.case_a.reference])
    )
    south_admin = UserFactory(username="admin-zuid")
    Membership.objects.create(user=south_admin, role=Role.ADMIN, region=world.south)
    TOTPDeviceFactory(user=south_admin)
    search = reverse("audit:search") + f"?object_ref={world.case_a.reference}"

    north_page = log_in(Client(), world.user("admin")).get(search).content.decode()
    south_page = log_in(Client(), south_admin).get(search).content.decode()

    assert "professional" in north_page
    assert "professional" not in south_page


def test_entries_cannot_be_changed_or_removed_through_the_orm(world: World) -> None:
    log_in(Client(), world.user("professional")).get(
        reverse("cases:detail", args=[world.case_a.reference])
    )
    entry = AccessLogEntry.objects.filter(object_ref=world.case_a.reference).get()

    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.reason == ""


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_accesslogentry SET reason = 'rewritten'",
        "DELETE FROM audit_accesslogentry",
    ],
)
def test_the_database_refuses_updates_and_deletes(world: World, statement: str) -> None:
    log_in(Client(), world.user("professional")).get(
        reverse("cases:detail", args=[world.case_a.reference])
    )

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)

    assert AccessLogEntry.objects.filter(object_ref=world.case_a.reference, reason="").exists()


@pytest.mark.postgres
def test_the_database_refuses_emptying_the_table(world: World) -> None:
    # SQLite's TRUNCATE is an unqualified DELETE, which the trigger also stops.
    statement = (
        "TRUNCATE audit_accesslogentry"
        if connection.vendor == "postgresql"
        else ("DELETE FROM audit_accesslogentry")
    )
    log_in(Client(), world.user("professional")).get(
        reverse("cases:detail", args=[world.case_a.reference])
    )

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)

    assert AccessLogEntry.objects.exists()


def test_the_admin_shows_entries_read_only(world: World) -> None:
    national_admin = UserFactory(username="landelijk-beheer")
    Membership.objects.create(user=national_admin, role=Role.ADMIN)
    TOTPDeviceFactory(user=national_admin)
    log_in(Client(), world.user("professional")).get(
        reverse("cases:detail", args=[world.case_a.reference])
    )
    entry = AccessLogEntry.objects.filter(object_ref=world.case_a.reference).get()
    client = log_in(Client(), national_admin)

    change = client.post(
        reverse("admin:audit_accesslogentry_change", args=[entry.pk]), {"reason": "rewritten"}
    )
    delete = client.post(
        reverse("admin:audit_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert client.get(reverse("admin:audit_accesslogentry_changelist")).status_code == 200
    assert change.status_code == 403
    assert delete.status_code == 403
    entry.refresh_from_db()
    assert entry.reason == ""


def _old_entry(days: int) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        occurred_at=timezone.now() - timedelta(days=days),
        event_code=EventCode.CASE_READ,
        action_code=ActionCode.READ,
        result=Result.SUCCESS,
        authorisation_rule=AuthorisationRule.TEAM_MEMBERSHIP,
        object_ref=f"old-{days}",
    )


@pytest.mark.postgres
def test_purge_removes_only_entries_past_retention(settings: object) -> None:
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "access_log": 365}
    expired, kept = _old_entry(400), _old_entry(300)

    call_command("purge_access_log")  # dry run
    assert AccessLogEntry.objects.filter(pk=expired.pk).exists()

    call_command("purge_access_log", "--apply")

    assert not AccessLogEntry.objects.filter(pk=expired.pk).exists()
    assert AccessLogEntry.objects.filter(pk=kept.pk).exists()
    purge = AccessLogEntry.objects.get(event_code=EventCode.ACCESS_LOG_PURGE)
    assert purge.reason.startswith("1 entries older than")
    # The guard is back: even an expired entry cannot be deleted outside the purge.
    _old_entry(500)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry")
