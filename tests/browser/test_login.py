"""Logging in, the second factor, lock-out, logging out and session expiry, in chromium."""

from __future__ import annotations

import pytest
from django.conf import settings

from conftest import World
from elkedagbeter.accounts import codes
from elkedagbeter.accounts.models import CodeChannel, CodePurpose
from elkedagbeter.accounts.tests.factories import UserFactory
from elkedagbeter.organisations.models import Membership, Role

from .conftest import Site, current_code, dutch

pytestmark = pytest.mark.browser

WRONG_LOGIN = "The username or password is not correct. Check both and try again."


def test_a_professional_logs_in_with_a_second_factor(site: Site, world: World) -> None:
    professional = world.user("professional")

    site.open("/casussen/")
    assert site.path == "/inloggen/?next=/casussen/"
    site.log_in("professional")
    assert site.path.startswith("/tweestapsverificatie/")
    # Without the code, case pages stay out of reach.
    site.open("/casussen/")
    assert site.path.startswith("/tweestapsverificatie/")

    site.enter_code("000000" if current_code(professional) != "000000" else "111111")
    assert site.page.locator(".utrecht-form-field-error-message").inner_text() == dutch(
        "This code is not correct or has expired. Enter the current code."
    )

    site.page.wait_for_timeout(1500)  # django-otp throttles: one second after a wrong code
    site.enter_code(current_code(professional))

    assert site.path == "/casussen/"
    assert site.page.locator("h1").inner_text() == dutch("Cases")
    assert site.page.get_by_role("link", name=world.case_a.reference).is_visible()
    assert site.csp_violations == []


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(site: Site, world: World) -> None:
    site.log_in("professional", "not the password")
    wrong_password = site.page.get_by_role("alert").inner_text()
    site.log_in("nobody-by-this-name", "not the password")
    unknown_user = site.page.get_by_role("alert").inner_text()

    assert wrong_password == unknown_user == dutch(WRONG_LOGIN)
    assert site.page.input_value("#id_username") == "nobody-by-this-name"  # typed text kept


def test_five_wrong_passwords_lock_the_account_but_not_others(site: Site, world: World) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        site.log_in("outsider", "guess")

    site.log_in("outsider")  # the right password, too late
    assert site.page.locator("h1").inner_text() == dutch("Temporarily locked")

    site.log_in("coordinator")
    assert site.path.startswith("/tweestapsverificatie/")


def test_logging_out_ends_the_session(site: Site, world: World) -> None:
    site.log_in_fully(world.user("coordinator"))
    assert site.path == "/"

    site.page.get_by_role("button", name=dutch("Log out")).click()

    assert site.path == "/inloggen/"
    assert site.page.get_by_role("status").inner_text() == dutch("You have been logged out.")
    site.open("/casussen/")
    assert site.path == "/inloggen/?next=/casussen/"
    site.page.go_back()  # the browser's back button shows no case data either
    site.page.reload()
    assert site.path.startswith("/inloggen/")


def test_an_idle_session_expires_with_a_clear_notice(
    site: Site, world: World, settings: object
) -> None:
    settings.SESSION_COOKIE_AGE = 2
    site.log_in_fully(world.user("professional"))
    assert site.path == "/"

    site.page.wait_for_timeout(3000)
    site.open("/casussen/")

    assert site.path == "/inloggen/?next=/casussen/"
    assert site.page.get_by_role("status").inner_text() == dutch(
        "Your session has expired because you were inactive for a while. Log in again to continue."
    )


def test_a_new_colleague_activates_the_account_with_a_one_time_code(
    site: Site, world: World
) -> None:
    colleague = UserFactory(username="nieuw")
    Membership.objects.create(user=colleague, role=Role.PROFESSIONAL, team=world.team_a)
    code = codes.issue_code(
        None,
        colleague,
        purpose=CodePurpose.ACTIVATION,
        channel=CodeChannel.IN_PERSON,
        operator="beheerder",
    )

    # The password alone does not link a phone.
    site.log_in("nieuw")
    assert site.path.startswith("/tweestapsverificatie/instellen/")
    assert not site.page.get_by_role(
        "img", name=dutch("QR code for your authenticator app")
    ).is_visible()
    site.page.get_by_role("button", name=dutch("Log out")).click()

    site.open("/inloggen/")
    site.page.get_by_role(
        "link",
        name=dutch(
            "New account, or forgot your password or lost your phone? Use your one-time code"
        ),
    ).click()
    site.page.fill("#id_username", "nieuw")
    site.page.fill("#id_code", code)
    site.page.fill("#id_new_password1", "Zelf-gekozen-wachtwoord-42")
    site.page.fill("#id_new_password2", "Zelf-gekozen-wachtwoord-42")
    site.page.get_by_role("button", name=dutch("Set password")).click()

    assert site.path.startswith("/tweestapsverificatie/instellen/")
    assert site.page.get_by_role(
        "img", name=dutch("QR code for your authenticator app")
    ).is_visible()
    site.enter_code(current_code_of_pending(colleague))

    assert site.path == "/"
    assert site.page.get_by_role("status").inner_text() == dutch(
        "Your authenticator app is set up."
    )
    assert colleague.totpdevice_set.get().confirmed
    colleague.refresh_from_db()
    assert colleague.check_password("Zelf-gekozen-wachtwoord-42")
    assert site.csp_violations == []


def current_code_of_pending(user: object) -> str:
    from django_otp.oath import TOTP

    device = user.totpdevice_set.get()
    return f"{TOTP(device.bin_key).token():06d}"


def test_the_language_switch_shows_english_and_back(site: Site, world: World) -> None:
    page = site.open("/inloggen/")
    assert page.get_attribute("html", "lang") == "nl"  # even for an English browser

    page.get_by_role("button", name="English").click()
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Log in"

    page.get_by_role("button", name="Nederlands").click()
    assert page.get_attribute("html", "lang") == "nl"
    assert page.locator("h1").inner_text() == "Inloggen"
