"""The administration speaks Dutch to the beheerder: adding a user explains what happens (no
password), a membership that does not fit its role says so next to the field (never the
database constraint's name, never "heel Nederland" for a forgotten team), every input of the
membership table has an accessible name, and axes' lock-outs have a Dutch name."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from conftest import World

pytestmark = pytest.mark.django_db

ADD_USER = "/beheer/admin/accounts/user/add/"


def _add_user(client: Client, **membership: str) -> str:
    data = {
        "username": "nieuw",
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "email": "",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        **{f"memberships-0-{name}": value for name, value in membership.items()},
    }
    return client.post(ADD_USER, data).content.decode()


def _field_errors(page: str, field: str) -> str:
    """The error list Django's tabular inline puts in the cell of ``field``."""
    cell = re.search(rf'<td class="field-{field}">(.*?)</td>', page, re.S)
    return cell.group(1) if cell else ""


def test_a_role_without_a_place_is_asked_for_its_place(client_for: Any) -> None:
    page = _add_user(client_for("admin"), role="viewer")

    assert "Kies waar de rol geldt" in _field_errors(page, "region")
    assert "membership_scope_fits_role" not in page


def test_a_role_without_a_team_given_a_team_is_told_next_to_the_team(
    client_for: Any, world: World
) -> None:
    page = _add_user(client_for("admin"), role="analyst", team=str(world.team_a.pk))

    assert "hoort niet bij een team" in _field_errors(page, "team")
    assert "membership_scope_fits_role" not in page
    assert "heel Nederland" not in page


def test_a_case_role_points_to_membership_requests_next_to_the_role(client_for: Any) -> None:
    page = _add_user(client_for("admin"), role="professional")

    assert "Lidmaatschapsaanvragen" in _field_errors(page, "role")
    assert "membership_scope_fits_role" not in page


def test_the_add_page_and_the_index_speak_dutch(client_for: Any) -> None:
    client = client_for("admin")
    add = client.get(ADD_USER).content.decode()
    index = client.get("/beheer/admin/").content.decode()

    assert "After you" not in add and "Sla het account eerst op" in add
    assert "Inlogbeveiliging" in index and "Mislukte inlogpogingen" in index
    assert "Access attempts" not in index and ">Axes<" not in index


def test_every_input_of_the_membership_table_has_an_accessible_name(client_for: Any) -> None:
    add = client_for("admin").get(ADD_USER).content.decode()

    for name in ("role", "team", "municipality", "region"):
        tag = re.search(rf'<select name="memberships-0-{name}"[^>]*>', add)
        assert tag is not None and "aria-label=" in tag.group(0), name
