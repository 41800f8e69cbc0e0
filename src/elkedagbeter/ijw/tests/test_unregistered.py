"""A youth known only from messages: an unregistered youth for the teams of the municipality,
taken up as a case or set aside with a reason; scoped to those teams and logged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.cases.models import Case, Event, EventSource, HouseholdMember, MemberRole
from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.ijw.actions import OBJECT_TYPE_UNREGISTERED, import_messages
from elkedagbeter.ijw.models import UnregisteredStatus, UnregisteredYouth
from elkedagbeter.ijw.tests import examples as ex
from elkedagbeter.ijw.tests.test_import import _trajectory
from elkedagbeter.organisations.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def youth(world: World) -> UnregisteredYouth:
    """Youth A is in no household; the messages are between providers and gemeente Aa."""
    Municipality.objects.filter(pk=world.team_a.municipality_id).update(cbs_code="GM0363")
    report = import_messages(
        world.north, [(f"{i}.xml", m) for i, m in enumerate(_trajectory())], all_or_nothing=True
    )
    assert report.unregistered == 1
    return UnregisteredYouth.objects.get()


def test_a_youth_known_only_from_messages_waits_for_the_municipalitys_teams(
    world: World, youth: UnregisteredYouth, client_for: Callable[[str], Client]
) -> None:
    assert youth.pseudonym == pseudonym_for(ex.BSN_A, world.north.code)
    assert youth.municipality_id == world.team_a.municipality_id
    assert youth.birth_year == 2011  # only the year of the birth date
    assert str(youth.first_seen) == "2026-01-10"
    assert youth.status == UnregisteredStatus.OPEN
    # A youth whose municipality has other teams: not on this municipality's list.
    import_messages(
        world.north,
        [
            (
                "b.xml",
                ex.start("B1", "7", "45", "45A11", "2026-03-01", bsn=ex.BSN_B, receiver="0999"),
            )
        ],
        all_or_nothing=True,
    )
    page = client_for("professional").get(reverse("ijw:unregistered"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Niet geregistreerd" in html
    assert f'id="youth-{youth.pk}"' in html
    assert html.count('id="youth-') == 1
    assert "Hulpaanbieder 87654321" in html or "aanbieder 87654321" in html
    assert youth.pseudonym not in html  # the pseudonym is never shown
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.CASE_READ, object_type=OBJECT_TYPE_UNREGISTERED
    ).exists()


def test_taking_up_makes_a_normal_case_with_the_derived_events(
    world: World, youth: UnregisteredYouth, client_for: Callable[[str], Client]
) -> None:
    prefix = f"y{youth.pk}"
    response = client_for("coordinator").post(
        reverse("ijw:take_up", args=[youth.pk]), {f"{prefix}-team": world.team_a.pk}
    )
    youth.refresh_from_db()
    assert youth.status == UnregisteredStatus.TAKEN_UP
    case = Case.objects.get(pk=youth.case_id)
    assert response.url == reverse("cases:detail", args=[case.reference])
    assert case.team == world.team_a
    member = HouseholdMember.objects.get(case=case)
    assert (member.role, member.pseudonym, member.birth_year) == (
        MemberRole.YOUTH,
        youth.pseudonym,
        2011,
    )
    assert Event.objects.filter(case=case, source=EventSource.IJW, member=member).count() == 5
    logged = AccessLogEntry.objects.filter(object_ref__in=[case.reference, f"ijw-{youth.pk}"])
    assert {e.event_code for e in logged} >= {EventCode.CASE_CREATE, EventCode.CASE_UPDATE}
    page = client_for("coordinator").get(reverse("cases:detail", args=[case.reference]))
    assert "bron: iJw" in page.content.decode()
    assert f'id="youth-{youth.pk}"' not in (
        client_for("coordinator").get(reverse("ijw:unregistered")).content.decode()
    )


def test_setting_aside_needs_a_reason_and_is_logged(
    world: World, youth: UnregisteredYouth, client_for: Callable[[str], Client]
) -> None:
    url = reverse("ijw:set_aside", args=[youth.pk])
    professional = client_for("professional")
    professional.post(url, {f"y{youth.pk}-reason": ""})
    youth.refresh_from_db()
    assert youth.status == UnregisteredStatus.OPEN
    professional.post(url, {f"y{youth.pk}-reason": "Woont in een andere gemeente."})
    youth.refresh_from_db()
    assert youth.status == UnregisteredStatus.SET_ASIDE
    assert youth.reason == "Woont in een andere gemeente."
    entry = AccessLogEntry.objects.get(
        event_code=EventCode.CASE_UPDATE, object_ref=f"ijw-{youth.pk}"
    )
    assert entry.reason == "set aside"  # the free text stays out of the log
    assert not Case.objects.filter(members__pseudonym=youth.pseudonym).exists()


def test_only_the_municipalitys_teams_act(
    world: World, youth: UnregisteredYouth, client_for: Callable[[str], Client]
) -> None:
    for persona in ("analyst", "admin", "expert"):
        response = client_for(persona).post(
            reverse("ijw:take_up", args=[youth.pk]), {f"y{youth.pk}-team": world.team_a.pk}
        )
        assert response.status_code == 403, persona
    # Team B works in the same municipality but cannot open a case for team A.
    client_for("outsider").post(
        reverse("ijw:take_up", args=[youth.pk]), {f"y{youth.pk}-team": world.team_a.pk}
    )
    youth.refresh_from_db()
    assert youth.status == UnregisteredStatus.OPEN


def test_a_youth_registered_by_bsn_later_is_no_longer_waiting(
    world: World, youth: UnregisteredYouth
) -> None:
    HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2011, pseudonym=youth.pseudonym
    )
    import_messages(
        world.north,
        [
            (
                "s.xml",
                ex.stop(
                    "E9",
                    "2002",
                    "43",
                    "43A31",
                    "2026-04-14",
                    "2026-09-30",
                    "02",
                    sender=ex.PROVIDER_2,
                ),
            )
        ],
        all_or_nothing=True,
    )
    youth.refresh_from_db()
    assert (youth.status, youth.case_id) == (UnregisteredStatus.TAKEN_UP, world.case_a.pk)
    assert Event.objects.filter(case=world.case_a, source=EventSource.IJW).exists()
