"""Good examples, reflection sessions and improvement initiatives name the zero goals and
child-perspective statements they concern: the forms save them, the pages show them, and the
O-plaat lists the sessions (never their cases) and the initiatives that also work towards it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.knowledge.models import GoodExample, ImprovementInitiative, ReflectionSession
from elkedagbeter.knowledge.tests.factories import decision_fields

pytestmark = pytest.mark.django_db


def test_a_good_example_keeps_its_statements(world: World) -> None:
    client = log_in(Client(), world.user("professional"))
    client.post(
        reverse("knowledge:example_new"),
        {
            "title": "Thuis blijven wonen",
            "what": "Netwerkberaad",
            "for_whom": "Gezinnen",
            "achieved": "Geen uithuisplaatsing",
            "contact_role": "wijkteam",
            "region": world.north.pk,
            "themes": ["netwerken"],
            "zero_goals": ["gedwongen_uhp"],
            "statements": ["thuis"],
        },
    )
    example = GoodExample.objects.get()
    page = client.get(reverse("knowledge:example", args=[example.pk])).content.decode()
    assert "Ik wil gewoon een thuis" in page
    edit = client.get(reverse("knowledge:example_edit", args=[example.pk])).content.decode()
    assert "checked" in edit.split('value="thuis"')[1].split(">")[0]


def test_a_reflection_session_is_linked_and_shown_on_the_plate(world: World) -> None:
    professional = log_in(Client(), world.user("professional"))
    response = professional.post(
        reverse("knowledge:session_new", args=[world.team_a.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "participant_roles": ["professionals"],
            "cases": [world.case_a.pk],
            "learned": "Separatie voorkomen door eerder te de-escaleren.",
            "zero_goals": ["separaties"],
            "statements": ["nooit_opsluiten"],
        },
    )
    assert response.status_code == 302
    session = ReflectionSession.objects.get()
    logbook = professional.get(reverse("knowledge:logbook", args=[world.team_a.pk]))
    assert "Sluit me nooit op" in logbook.content.decode()

    url = reverse("indicators:plate", kwargs={"code": "separaties"})
    own = professional.get(url).content.decode()
    assert "eerder te de-escaleren" in own
    analyst = log_in(Client(), world.user("analyst"))
    query = f"?plaats=regio-{world.north.pk}"
    assert "eerder te de-escaleren" not in analyst.get(url + query).content.decode()

    session.lesson, session.shared_at = "Eerder de-escaleren werkt.", timezone.now()
    session.save()
    shared = analyst.get(url + query).content.decode()
    assert "Eerder de-escaleren werkt." in shared
    assert world.case_a.reference not in shared


def test_an_initiative_keeps_its_own_zero_goal_first_and_others_besides(world: World) -> None:
    coordinator = log_in(Client(), world.user("coordinator"))
    coordinator.post(
        reverse("knowledge:initiative_new"),
        {
            "title": "Minder gesloten plaatsingen",
            "question": "Waarom komen jongeren in een gesloten plaatsing?",
            "region": world.north.pk,
            "zero_goal": "gesloten",
            "indicator": "",
            "also_zero_goals": ["separaties", "gesloten"],
            "statements": ["geen_instelling"],
            **decision_fields(f"regio-{world.north.pk}", "gesloten_plaatsingen"),
        },
    )
    initiative = ImprovementInitiative.objects.get()
    assert initiative.zero_goal == "gesloten"
    assert list(initiative.also_zero_goals.values_list("zero_goal", flat=True)) == ["separaties"]
    page = coordinator.get(reverse("knowledge:initiative", args=[initiative.pk])).content.decode()
    assert "Werkt ook aan" in page and "0 separaties" in page
    assert "Laat me niet opgroeien in een instelling" in page
    plate = coordinator.get(reverse("indicators:plate", kwargs={"code": "separaties"}))
    assert "Minder gesloten plaatsingen" in plate.content.decode()


def test_the_administrator_keeps_a_good_example_s_links_in_the_admin(world: World) -> None:
    example = GoodExample.objects.create(
        title="Netwerkberaad", what="x", for_whom="y", achieved="z", region=world.north
    )
    example.zero_goals.create(zero_goal="gedwongen_uhp")
    admin = log_in(Client(), world.user("admin"))
    page = admin.get(reverse("admin:knowledge_goodexample_change", args=[example.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "statements-TOTAL_FORMS" in html and "zero_goals-TOTAL_FORMS" in html
