"""A new account and a lost password or phone: the person sets their own password and second
factor with a one-time code; the beheerder never learns either."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.accounts import codes, totp
from elkedagbeter.accounts.models import AccountCode, CodeChannel, CodePurpose, User
from elkedagbeter.audit.models import AccessLogEntry, EventCode, Result

pytestmark = pytest.mark.django_db
CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")
PASSWORD = "Zelf-gekozen-wachtwoord-42"


def _redeem(client: Client, username: str, code: str, password: str = PASSWORD) -> Any:
    return client.post(
        reverse("accounts:redeem"),
        {"username": username, "code": code, "new_password1": password, "new_password2": password},
        follow=True,
    )


def test_a_new_account_gets_an_activation_link_and_no_password(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    admin = log_in(Client(), world.user("admin"))

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "nieuw",
                "first_name": "Nieuwe",
                "email": "nieuw@team.example",
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
            },
        )

    user = User.objects.get(username="nieuw")
    assert not user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["nieuw@team.example"]
    assert "activeer" in message.subject
    assert "/account/herstellen/?gebruiker=nieuw" in message.body


def test_the_person_chooses_a_password_and_links_a_phone(world: World) -> None:
    user = User.objects.create_user(username="nieuw")
    user.set_unusable_password()
    user.save()
    code = codes.issue_code(
        None, user, purpose=CodePurpose.ACTIVATION, channel=CodeChannel.IN_PERSON, operator="test"
    )
    client = Client()

    response = _redeem(client, "nieuw", code.lower().replace("-", " "))

    assert response.redirect_chain[-1][0] == reverse("accounts:setup")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    device = totp.pending_device(user)
    client.post(reverse("accounts:setup"), {"token": totp.current_code(device)})
    assert totp.confirmed_device(user) is not None
    # The code works once.
    assert "klopt niet" in _redeem(Client(), "nieuw", code).content.decode()


def test_a_wrong_code_is_counted_and_five_void_it(world: World) -> None:
    user = world.user("outsider")
    code = codes.issue_code(
        None, user, purpose=CodePurpose.RESET, channel=CodeChannel.IN_PERSON, operator="test"
    )

    for _attempt in range(codes.MAX_FAILED_ATTEMPTS):
        page = _redeem(Client(), "outsider", "AAAA-BBBB-CCCC").content.decode()
    late = _redeem(Client(), "outsider", code)

    assert "De gebruikersnaam of code klopt niet" in page
    assert 'value="outsider"' in page  # the username typed stays
    assert AccountCode.objects.get(user=user).voided
    assert "klopt niet" in late.content.decode()
    refused = AccessLogEntry.objects.filter(
        event_code=EventCode.ACCOUNT_CODE_REDEEM, result=Result.REFUSED
    )
    assert refused.count() == codes.MAX_FAILED_ATTEMPTS + 1


def test_a_new_code_voids_the_older_one(world: World) -> None:
    user = world.user("outsider")
    first = codes.issue_code(
        None, user, purpose=CodePurpose.RESET, channel=CodeChannel.IN_PERSON, operator="t"
    )
    codes.issue_code(
        None, user, purpose=CodePurpose.RESET, channel=CodeChannel.IN_PERSON, operator="t"
    )

    assert "klopt niet" in _redeem(Client(), "outsider", first).content.decode()


def test_a_weak_password_is_refused_in_dutch_and_the_code_stays_usable(world: World) -> None:
    user = world.user("outsider")
    code = codes.issue_code(
        None, user, purpose=CodePurpose.RESET, channel=CodeChannel.IN_PERSON, operator="t"
    )

    page = _redeem(Client(), "outsider", code, password="12345678").content.decode()

    assert "wachtwoord" in page.lower()
    assert AccountCode.objects.get(user=user).is_usable()


def test_a_logged_in_person_without_a_phone_links_one_with_the_code(world: World) -> None:
    user = world.user("professional")
    user.totpdevice_set.all().delete()
    code = codes.issue_code(
        None, user, purpose=CodePurpose.RESET, channel=CodeChannel.IN_PERSON, operator="t"
    )
    client = log_in(Client(), user, second_factor=False)

    client.post(reverse("accounts:setup"), {"code": code})
    page = client.get(reverse("accounts:setup")).content.decode()

    assert "QR" in page
    assert AccountCode.objects.get(user=user).used_at is not None


def test_the_first_beheerder_comes_from_the_command_line_with_a_code(world: World) -> None:
    out = io.StringIO()

    call_command("create_beheerder", "eerste", "--region", world.north.code, stdout=out)

    code = CODE.search(out.getvalue())
    assert code is not None
    user = User.objects.get(username="eerste")
    assert user.memberships.get().role == "admin"
    grant = AccessLogEntry.objects.get(event_code=EventCode.MEMBERSHIP_GRANT)
    assert grant.object_ref == f"user:{user.pk}" and "command line" in grant.reason
    assert _redeem(Client(), "eerste", code.group(0)).status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
