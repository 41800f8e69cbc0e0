"""A role that reaches case data takes two people: a beheerder asks, a coordinator of the team
(or a second beheerder) approves. The team page shows who joined, since when, approved by whom."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.organisations.actions import grant_by_operator
from elkedagbeter.organisations.models import Membership, MembershipRequest, RequestStatus, Role

pytestmark = pytest.mark.django_db


def _ask(world: World, user: Any, role: Role = Role.PROFESSIONAL) -> MembershipRequest:
    log_in(Client(), world.user("admin")).post(
        reverse("admin:organisations_membershiprequest_add"),
        {"user": user.pk, "role": role, "team": world.team_a.pk, "reason": "Nieuwe collega"},
    )
    return MembershipRequest.objects.get(user=user)


def test_a_coordinator_approves_a_new_colleague(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.user("coordinator").email = "coordinator@team.example"
    world.user("coordinator").save()
    newcomer = UserFactory(username="nieuwe-collega", email="nieuw@team.example")
    TOTPDeviceFactory(user=newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        asked = _ask(world, newcomer)
    assert not Membership.objects.filter(user=newcomer).exists()
    assert [m.to for m in mail.outbox] == [["coordinator@team.example"]]

    coordinator = log_in(Client(), world.user("coordinator"))
    waiting = coordinator.get(reverse("organisations:teams")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(
            reverse("organisations:decide", args=[asked.pk]),
            {"besluit": "goedkeuren", "toelichting": "Welkom"},
        )

    assert "Nieuwe collega" in waiting
    membership = Membership.objects.get(user=newcomer, role=Role.PROFESSIONAL, team=world.team_a)
    team_page = coordinator.get(reverse("organisations:team", args=[world.team_a.pk]))
    text = team_page.content.decode()
    assert "nieuw teamlid sinds" in text
    assert str(world.user("coordinator")) in text
    assert membership.grant.decided_by == world.user("coordinator")
    codes = list(
        AccessLogEntry.objects.filter(object_ref=f"user:{newcomer.pk}").values_list(
            "event_code", "user_display"
        )
    )
    assert (EventCode.MEMBERSHIP_REQUEST, "admin") in codes
    assert (EventCode.MEMBERSHIP_APPROVE, "coordinator") in codes
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["nieuw@team.example"]


def test_a_refused_request_gives_no_role(world: World) -> None:
    newcomer = UserFactory(username="nieuwe-collega")
    asked = _ask(world, newcomer)

    log_in(Client(), world.user("coordinator")).post(
        reverse("organisations:decide", args=[asked.pk]), {"besluit": "afwijzen"}
    )

    asked.refresh_from_db()
    assert asked.status == RequestStatus.REJECTED
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_second_beheerder_may_approve_but_the_person_themselves_may_not(world: World) -> None:
    second_admin = UserFactory(username="tweede-beheerder")
    grant_by_operator(user=second_admin, role=Role.ADMIN, region=world.north, operator="test")
    TOTPDeviceFactory(user=second_admin)
    asked = _ask(world, world.user("outsider"), Role.COORDINATOR)

    log_in(Client(), world.user("outsider")).post(
        reverse("organisations:decide", args=[asked.pk]), {"besluit": "goedkeuren"}
    )
    asked.refresh_from_db()
    assert asked.is_pending

    log_in(Client(), second_admin).post(
        reverse("admin:organisations_membershiprequest_changelist"),
        {"action": "approve_requests", "_selected_action": [asked.pk]},
    )
    asked.refresh_from_db()
    assert asked.status == RequestStatus.APPROVED
    assert asked.decided_by_id == second_admin.pk


def test_a_coordinator_of_another_team_cannot_approve(world: World) -> None:
    other_coordinator = UserFactory(username="coordinator-b")
    Membership.objects.create(user=other_coordinator, role=Role.COORDINATOR, team=world.team_b)
    TOTPDeviceFactory(user=other_coordinator)
    asked = _ask(world, UserFactory(username="nieuwe-collega"))

    response = log_in(Client(), other_coordinator).post(
        reverse("organisations:decide", args=[asked.pk]), {"besluit": "goedkeuren"}, follow=True
    )

    asked.refresh_from_db()
    assert asked.is_pending
    assert "U mag niet over deze aanvraag besluiten" in response.content.decode()


def test_a_role_without_case_data_is_given_directly_and_logged(world: World) -> None:
    admin = log_in(Client(), world.user("admin"))

    response = admin.post(
        reverse("admin:organisations_membership_add"),
        {"user": world.user("outsider").pk, "role": Role.VIEWER, "region": world.north.pk},
    )

    assert response.status_code == 302
    assert Membership.objects.filter(user=world.user("outsider"), role=Role.VIEWER).exists()
    assert AccessLogEntry.objects.filter(event_code=EventCode.MEMBERSHIP_GRANT).exists()
