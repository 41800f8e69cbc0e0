"""Solving a knelpunt records what was decided (what changes, from when, where, which
indicators); bad input gets Dutch messages and keeps what was typed; the decision and its
measured effect show on the knelpunt, the effect only for those who may see the place's figures;
the raiser hears what was decided."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from elkedagbeter.accounts.tests.factories import UserFactory
from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Status
from elkedagbeter.indicators.models import Decision

from .conftest import Routed

pytestmark = pytest.mark.django_db


def _raise(routed: Routed) -> Bottleneck:
    world = routed.world
    draft = actions.Draft(
        region=world.north,
        category=Category.FINANCING,  # routed to the municipal body of Aa
        title="Pleegzorg wordt niet betaald bij verhuizing",
        municipality=world.team_a.municipality,
        team=world.team_a,
    )
    return actions.raise_bottleneck(world.user("professional"), draft)


def _solve(routed: Routed, bottleneck: Bottleneck, **decision: Any) -> Any:
    fields = {
        "status": Status.SOLVED,
        "text": "Afspraak gemaakt met de buurgemeente",
        "besluit-title": "Gemeente betaalt eerst en verrekent later",
        "besluit-starts_on": timezone.localdate().isoformat(),
        "besluit-place": f"gemeente-{routed.world.team_a.municipality_id}",
        "besluit-indicator_codes": ["uhp_gedwongen"],
    }
    fields.update(decision)
    url = reverse("bottlenecks:move", kwargs={"pk": bottleneck.pk})
    return log_in(Client(), routed.handler).post(url, fields)


def test_solving_without_a_decision_gives_dutch_errors_and_keeps_what_was_typed(
    routed: Routed,
) -> None:
    bottleneck = _raise(routed)
    response = _solve(
        routed,
        bottleneck,
        **{"besluit-title": "", "besluit-indicator_codes": [], "besluit-starts_on": ""},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Zeg wat er verandert." in page
    assert "Noem de dag waarop het verandert." in page
    assert "Kies minstens één indicator die het moet bewegen." in page
    assert "Afspraak gemaakt met de buurgemeente" in page  # the step's text is kept
    bottleneck.refresh_from_db()
    assert bottleneck.status == Status.REPORTED and not Decision.objects.exists()


def test_a_decision_long_ago_is_refused_with_the_typed_text_kept(routed: Routed) -> None:
    bottleneck = _raise(routed)
    response = _solve(routed, bottleneck, **{"besluit-starts_on": "2001-01-01"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Een besluit gaat hoogstens een jaar geleden in." in page
    assert "Gemeente betaalt eerst en verrekent later" in page
    assert not Decision.objects.exists()


def test_a_place_outside_the_bodys_area_is_refused(routed: Routed) -> None:
    bottleneck = _raise(routed)  # the body is municipality Aa's: team C lies in Bee
    response = _solve(routed, bottleneck, **{"besluit-place": f"team-{routed.world.team_c.pk}"})

    assert response.status_code == 400
    assert "Kies een van de aangeboden plaatsen." in response.content.decode()


def test_solving_with_a_decision_stores_it_shows_it_and_tells_the_raiser(
    routed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    bottleneck = _raise(routed)
    raiser = routed.world.user("professional")
    raiser.email = "melder@wijkteam-a.example.nl"
    raiser.save(update_fields=["email"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _solve(routed, bottleneck)

    assert response.status_code == 302
    bottleneck.refresh_from_db()
    decision = bottleneck.decision
    assert bottleneck.status == Status.SOLVED and decision is not None
    assert decision.title == "Gemeente betaalt eerst en verrekent later"
    assert decision.municipality == routed.world.team_a.municipality and decision.team is None
    assert decision.indicator_codes == ["uhp_gedwongen"]
    assert decision.decided_by == routed.handler

    page = log_in(Client(), routed.world.user("professional")).get(
        reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})
    )
    assert "Gemeente betaalt eerst en verrekent later" in page.content.decode()

    to_raiser = [m for m in mail.outbox if m.to == ["melder@wijkteam-a.example.nl"]]
    assert len(to_raiser) == 1
    assert "Gemeente betaalt eerst en verrekent later" in to_raiser[0].body
    assert timezone.localdate().strftime("%d-%m-%Y") in to_raiser[0].body


def test_the_default_place_is_the_bodys_own(routed: Routed) -> None:
    bottleneck = _raise(routed)
    page = log_in(Client(), routed.handler).get(
        reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})
    )
    form = page.context["decision_form"]
    assert form["place"].value() == f"gemeente-{routed.world.team_a.municipality_id}"
    keys = set(form.places)
    assert f"team-{routed.world.team_a.pk}" in keys
    assert f"team-{routed.world.team_c.pk}" not in keys  # another municipality


@pytest.mark.parametrize("status", [Status.NOT_SOLVABLE, Status.ESCALATED])
def test_closing_otherwise_or_escalating_needs_no_decision(routed: Routed, status: str) -> None:
    bottleneck = _raise(routed)
    url = reverse("bottlenecks:move", kwargs={"pk": bottleneck.pk})
    response = log_in(Client(), routed.handler).post(
        url, {"status": status, "text": "Landelijke regel", "besluit-title": ""}
    )

    assert response.status_code == 302
    bottleneck.refresh_from_db()
    assert bottleneck.status == status and bottleneck.decision is None


def _solved(routed: Routed) -> Bottleneck:
    bottleneck = _raise(routed)
    assert _solve(routed, bottleneck).status_code == 302
    return bottleneck


def test_the_effect_shows_for_figure_roles_not_for_a_body_handler_without_figures(
    routed: Routed,
) -> None:
    bottleneck = _solved(routed)
    url = reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})
    for persona in ("professional", "coordinator", "analyst", "viewer"):
        page = log_in(Client(), routed.world.user(persona)).get(url).content.decode()
        assert 'class="edb-effect ' in page, persona
        assert "Gemeente betaalt eerst en verrekent later" in page

    # Someone who only acts for the body, without a role that sees figures.
    clerk = UserFactory(username="griffie")
    routed.municipal.handlers.add(clerk)
    page = log_in(Client(), clerk).get(url).content.decode()
    assert "Gemeente betaalt eerst en verrekent later" in page  # the decision itself
    assert 'class="edb-effect ' not in page
    assert "Het gemeten effect zien alleen wie de cijfers van" in page
    # And the administrator, outside the figure roles, reads the decision without figures.
    page = log_in(Client(), routed.world.user("admin")).get(url).content.decode()
    assert 'class="edb-effect ' not in page
