"""The functioneel beheerder as an attacker: every route in the administration that changes who
can see what is tried, and none of them leads to case content; every attempt is logged.

The beheerder (persona ``admin``, region Noord) wants to read case ``case_a`` of team A. The
routes found in the insider test of December 2026 were: issue an API token for a professional,
give oneself a case role, pull a user of another region into a team, set someone's password or
reset their second factor and log in as them. Each test tries one route the way the admin
screens offer it, then checks that the case stays out of reach and that the access log names
the beheerder.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import World, log_in
from elkedagbeter.accounts.models import AccountCode, User
from elkedagbeter.api.models import ApiToken
from elkedagbeter.audit.models import AccessLogEntry, EventCode, Result
from elkedagbeter.organisations.models import Membership, MembershipRequest, Role

pytestmark = pytest.mark.django_db


def _admin(world: World) -> Client:
    return log_in(Client(), world.user("admin"))


def _log_of(user: User) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(user_id_ref=str(user.pk)).order_by("id"))


def _refused_admin_attempts(user: User) -> list[AccessLogEntry]:
    return [
        entry
        for entry in _log_of(user)
        if entry.event_code == EventCode.ADMIN_CHANGE and entry.result == Result.REFUSED
    ]


def _case_out_of_reach(world: World, client: Client) -> None:
    """Neither the case pages nor the API show anything of case_a to this client (a refusal
    page may repeat the address asked for, so the number is looked for in the list only)."""
    reference = world.case_a.reference
    listing = client.get(reverse("cases:list"))
    assert listing.status_code in (302, 403, 404)
    assert reference not in listing.content.decode()
    for url in (
        reverse("cases:detail", args=[reference]),
        reverse("cases:export_json", args=[reference]),
        reverse("api:case_detail", args=[reference]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 401, 403, 404), url
        assert response.get("Content-Type", "").startswith(("text/html", "application/problem")), (
            url
        )


def test_the_beheerder_cannot_issue_a_token_for_someone_else(world: World) -> None:
    admin = _admin(world)
    professional = world.user("professional")

    page = admin.get(reverse("admin:api_apitoken_add"))
    posted = admin.post(
        reverse("admin:api_apitoken_add"), {"user": professional.pk, "name": "stil"}
    )

    assert page.status_code == 403
    assert posted.status_code == 403
    assert not ApiToken.objects.exists()
    assert len(_refused_admin_attempts(world.user("admin"))) == 2
    _case_out_of_reach(world, admin)


def test_the_beheerder_cannot_give_themselves_a_case_role(world: World) -> None:
    admin_user = world.user("admin")
    admin = _admin(world)

    response = admin.post(
        reverse("admin:organisations_membership_add"),
        {"user": admin_user.pk, "role": Role.PROFESSIONAL, "team": world.team_a.pk},
    )

    assert response.status_code == 200
    assert "tweede persoon" in response.content.decode()
    assert not Membership.objects.filter(user=admin_user, role=Role.PROFESSIONAL).exists()
    assert _refused_admin_attempts(admin_user)
    _case_out_of_reach(world, log_in(Client(), admin_user))


def test_a_case_role_through_the_user_page_needs_approval_too(world: World) -> None:
    admin_user = world.user("admin")
    prefix = "memberships"
    existing = Membership.objects.filter(user=admin_user)
    form = {
        "username": admin_user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": existing.get().pk,
        f"{prefix}-0-user": admin_user.pk,
        f"{prefix}-0-role": Role.ADMIN,
        f"{prefix}-0-region": world.north.pk,
        f"{prefix}-1-user": admin_user.pk,
        f"{prefix}-1-role": Role.COORDINATOR,
        f"{prefix}-1-team": world.team_a.pk,
    }

    response = _admin(world).post(reverse("admin:accounts_user_change", args=[admin_user.pk]), form)

    assert response.status_code == 200
    assert not Membership.objects.filter(user=admin_user, role=Role.COORDINATOR).exists()


def test_the_beheerder_never_approves_their_own_request(world: World) -> None:
    admin_user = world.user("admin")
    admin = _admin(world)

    admin.post(
        reverse("admin:organisations_membershiprequest_add"),
        {
            "user": admin_user.pk,
            "role": Role.PROFESSIONAL,
            "team": world.team_a.pk,
            "reason": "even kijken",
        },
    )
    asked = MembershipRequest.objects.get(user=admin_user)
    in_admin = admin.post(
        reverse("admin:organisations_membershiprequest_changelist"),
        {"action": "approve_requests", "_selected_action": [asked.pk]},
    )
    on_page = admin.post(
        reverse("organisations:decide", args=[asked.pk]), {"besluit": "goedkeuren"}
    )

    assert in_admin.status_code == 302 and on_page.status_code == 302
    asked.refresh_from_db()
    assert asked.is_pending
    assert not Membership.objects.filter(user=admin_user, role=Role.PROFESSIONAL).exists()
    events = [(e.event_code, e.result) for e in _log_of(admin_user)]
    assert (EventCode.MEMBERSHIP_REQUEST, Result.SUCCESS) in events
    assert events.count((EventCode.MEMBERSHIP_APPROVE, Result.REFUSED)) == 2
    _case_out_of_reach(world, log_in(Client(), admin_user))


def test_a_user_of_another_region_cannot_be_pulled_into_a_team(world: World) -> None:
    stranger = User.objects.create_user(username="zuid-analist")
    Membership.objects.create(user=stranger, role=Role.ANALYST, region=world.south)
    admin = _admin(world)

    direct = admin.post(
        reverse("admin:organisations_membership_add"),
        {"user": stranger.pk, "role": Role.VIEWER, "region": world.north.pk},
    )
    requested = admin.post(
        reverse("admin:organisations_membershiprequest_add"),
        {"user": stranger.pk, "role": Role.PROFESSIONAL, "team": world.team_a.pk, "reason": "x"},
    )

    for response in (direct, requested):
        assert response.status_code == 200
        assert "user" in response.context["adminform"].form.errors
    assert list(Membership.objects.filter(user=stranger)) == list(
        Membership.objects.filter(user=stranger, role=Role.ANALYST)
    )
    assert not MembershipRequest.objects.exists()
    assert len(_refused_admin_attempts(world.user("admin"))) == 2


def test_the_beheerder_cannot_set_a_password(world: World) -> None:
    professional = world.user("professional")
    admin = _admin(world)
    before = User.objects.get(pk=professional.pk).password

    page = admin.get(reverse("admin:auth_user_password_change", args=[professional.pk]))
    posted = admin.post(
        reverse("admin:auth_user_password_change", args=[professional.pk]),
        {"password1": "overgenomen-123!", "password2": "overgenomen-123!"},
    )
    through_form = admin.post(
        reverse("admin:accounts_user_change", args=[professional.pk]),
        {
            "username": professional.username,
            "password": "overgenomen-123!",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert page.status_code == posted.status_code == 403
    assert through_form.status_code in (200, 302)
    assert User.objects.get(pk=professional.pk).password == before
    assert len(_refused_admin_attempts(world.user("admin"))) >= 2


def test_a_reset_link_goes_to_the_person_not_the_beheerder(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    professional = world.user("professional")
    professional.email = "professional@wijkteam.example"
    professional.save()
    admin = _admin(world)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "send_reset_link", "_selected_action": [professional.pk]},
            follow=True,
        )

    page = response.content.decode()
    [message] = mail.outbox
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", message.body)
    assert message.to == ["professional@wijkteam.example"]
    assert code is not None and code.group(0) not in page
    # The old second factor stays until the person uses the link.
    assert TOTPDevice.objects.filter(user=professional).exists()
    entry = AccessLogEntry.objects.get(event_code=EventCode.ACCOUNT_CODE_ISSUE)
    assert entry.user_display == "admin" and entry.object_ref == f"user:{professional.pk}"


def test_a_code_handed_over_in_person_is_logged_and_told_to_the_person(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """The one route left: the beheerder issues an in-person code and uses it. The person's
    password and phone stop working, they get an e-mail, and the log names the beheerder."""
    professional = world.user("professional")
    professional.email = "professional@wijkteam.example"
    professional.save()
    admin = _admin(world)
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "issue_reset_code", "_selected_action": [professional.pk]},
        follow=True,
    )
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", response.content.decode())
    assert code is not None

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            reverse("accounts:redeem"),
            {
                "username": professional.username,
                "code": code.group(0),
                "new_password1": "Overgenomen-wachtwoord-7",
                "new_password2": "Overgenomen-wachtwoord-7",
            },
        )

    assert not TOTPDevice.objects.filter(user=professional).exists()
    assert [m.to for m in mail.outbox] == [["professional@wijkteam.example"]]
    assert "opnieuw ingesteld" in mail.outbox[0].subject
    issued = AccessLogEntry.objects.get(event_code=EventCode.ACCOUNT_CODE_ISSUE)
    redeemed = AccessLogEntry.objects.get(
        event_code=EventCode.ACCOUNT_CODE_REDEEM, result=Result.SUCCESS
    )
    assert issued.user_display == "admin"
    assert "issued by admin" in redeemed.reason


def test_resetting_a_second_factor_no_longer_lets_a_password_enrol_a_new_one(
    world: World,
) -> None:
    professional = world.user("professional")
    TOTPDevice.objects.filter(user=professional).delete()
    client = log_in(Client(), professional, second_factor=False)

    page = client.get(reverse("accounts:setup"))
    guessed = client.post(reverse("accounts:setup"), {"code": "AAAA-BBBB-CCCC"})

    assert page.status_code == 200
    assert "eenmalige code" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=professional).exists()
    assert guessed.status_code == 200
    _case_out_of_reach(world, client)


def test_team_region_group_and_permission_screens_do_not_open_a_case(world: World) -> None:
    admin = _admin(world)
    south_municipality = world.team_d.municipality
    assert south_municipality is not None

    moved = admin.post(
        reverse("admin:organisations_team_change", args=[world.team_a.pk]),
        {
            "name": world.team_a.name,
            "team_type": world.team_a.team_type,
            "region": world.south.pk,
            "municipality": south_municipality.pk,
            "is_active": "on",
        },
    )
    other_team = admin.get(reverse("admin:organisations_team_change", args=[world.team_d.pk]))
    for path in ("/beheer/admin/auth/group/", "/beheer/admin/auth/permission/"):
        assert admin.get(path).status_code == 404

    assert moved.status_code == 200
    world.team_a.refresh_from_db()
    assert world.team_a.region_id == world.north.pk
    assert other_team.status_code == 302  # not in the area: Django says it does not exist
    _case_out_of_reach(world, admin)
    assert _refused_admin_attempts(world.user("admin"))


def test_every_admin_change_is_in_the_access_log(world: World) -> None:
    admin = _admin(world)

    admin.post(
        reverse("admin:organisations_membership_add"),
        {"user": world.user("outsider").pk, "role": Role.ANALYST, "region": world.north.pk},
    )

    entries = [e for e in _log_of(world.user("admin")) if e.event_code == EventCode.ADMIN_CHANGE]
    assert [e.result for e in entries] == [Result.SUCCESS]
    assert entries[0].user_role == Role.ADMIN
    assert "/organisations/membership/add/" in entries[0].reason
    granted = AccessLogEntry.objects.get(event_code=EventCode.MEMBERSHIP_GRANT)
    assert granted.object_ref == f"user:{world.user('outsider').pk}"


def test_no_code_is_stored_in_a_readable_form(world: World) -> None:
    admin = _admin(world)
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "issue_reset_code", "_selected_action": [world.user("outsider").pk]},
        follow=True,
    )
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", response.content.decode())
    assert code is not None

    stored = AccountCode.objects.get(user=world.user("outsider"))
    page = admin.get(reverse("admin:accounts_accountcode_change", args=[stored.pk]))

    assert code.group(0).replace("-", "") not in stored.code_digest
    assert code.group(0) not in page.content.decode()
