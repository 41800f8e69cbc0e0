"""Who we need for a zero goal, as data: the region's analysts ask a body, a team or a role;
whoever acts for the party answers; the O-plaat shows who joined."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import log_in
from elkedagbeter.bottlenecks import partners
from elkedagbeter.bottlenecks.models import (
    AppendOnlyError,
    PartnerAnswer,
    PartnerRequest,
    PartnerStatus,
)
from elkedagbeter.indicators.models import RegionalAmbition

from .conftest import Routed

GOAL = "separaties"


def _ask_url(routed: Routed) -> str:
    return reverse(
        "bottlenecks:partners_ask", kwargs={"code": GOAL, "region_id": routed.world.north.pk}
    )


def _plate(client: Client, routed: Routed) -> str:
    url = reverse("indicators:plate", kwargs={"code": GOAL})
    return client.get(f"{url}?plaats=regio-{routed.world.north.pk}").content.decode()


def _client(user: Any) -> Client:
    return log_in(Client(), user)


@pytest.fixture
def mailed(routed: Routed) -> Routed:
    analyst = routed.world.user("analyst")
    analyst.email = "analist@noord.example.nl"
    analyst.save()
    routed.handler.email = "behandelaar@aa.example.nl"
    routed.handler.save()
    return routed


def _ask_municipal(routed: Routed, capture: Any) -> PartnerRequest:
    with capture(execute=True):
        response = _client(routed.world.user("analyst")).post(
            _ask_url(routed),
            {"body": routed.municipal.pk, "ask": "Sluit aan bij de leertafel separatievrij."},
        )
    assert response.status_code == 302
    return PartnerRequest.objects.get()


def test_an_analyst_asks_a_body_which_joins_and_shows_as_joined_on_the_o_plaat(
    mailed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    routed = mailed
    asked = _ask_municipal(routed, django_capture_on_commit_callbacks)

    # The body is told at its contact address and its handlers.
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted(
        [routed.municipal.contact_email, "behandelaar@aa.example.nl"]
    )
    assert "leertafel separatievrij" in mail.outbox[0].body
    assert "/knelpunten/gevraagd/" in mail.outbox[0].body

    handler = _client(routed.handler)
    inbox = handler.get(reverse("bottlenecks:partners_inbox")).content.decode()
    assert "Wat wordt er van ons gevraagd?" in inbox
    assert "Sluit aan bij de leertafel separatievrij." in inbox
    assert "Wacht op uw antwoord" in inbox

    with django_capture_on_commit_callbacks(execute=True):
        response = handler.post(
            reverse("bottlenecks:partners_answer", args=[asked.pk]),
            {f"a{asked.pk}-status": PartnerStatus.JOINED},
        )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == PartnerStatus.JOINED
    answer = asked.answers.get()
    assert answer.by == routed.handler and answer.acted_for == routed.municipal.name

    # The asker hears of it.
    assert mail.outbox[-1].to == ["analist@noord.example.nl"]
    assert "aangesloten" in mail.outbox[-1].subject

    page = _plate(_client(routed.world.user("viewer")), routed)
    assert "Wie hebben we nodig" in page
    assert "Gemeente Aa, team Jeugd</strong>: aangesloten" in page


def test_a_body_declines_with_a_reason_and_the_o_plaat_shows_it(
    mailed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    routed = mailed
    asked = _ask_municipal(routed, django_capture_on_commit_callbacks)
    handler = _client(routed.handler)
    url = reverse("bottlenecks:partners_answer", args=[asked.pk])

    without = handler.post(url, {f"a{asked.pk}-status": PartnerStatus.DECLINED})
    assert without.status_code == 400
    assert "Zeg waarom" in without.content.decode()
    asked.refresh_from_db()
    assert asked.status == PartnerStatus.ASKED

    handler.post(
        url,
        {
            f"a{asked.pk}-status": PartnerStatus.DECLINED,
            f"a{asked.pk}-reason": "Geen budget dit jaar.",
        },
    )
    asked.refresh_from_db()
    assert asked.status == PartnerStatus.DECLINED

    page = _plate(_client(routed.world.user("analyst")), routed)
    assert "afgewezen" in page and "Geen budget dit jaar." in page


def test_a_body_that_changes_its_mind_keeps_the_earlier_answer(
    routed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    asked = _ask_municipal(routed, django_capture_on_commit_callbacks)
    partners.answer_request(routed.handler, asked, PartnerStatus.DECLINED, "Nu niet.")
    partners.answer_request(routed.handler, asked, PartnerStatus.JOINED, "Toch wel.")

    assert list(asked.answers.values_list("status", "reason")) == [
        (PartnerStatus.DECLINED, "Nu niet."),
        (PartnerStatus.JOINED, "Toch wel."),
    ]
    with pytest.raises(AppendOnlyError):
        PartnerAnswer.objects.filter(request=asked).delete()


def test_only_the_region_s_analysts_ask(routed: Routed) -> None:
    world = routed.world
    assert _client(world.user("analyst")).get(_ask_url(routed)).status_code == 200
    # A municipal analyst, the work floor, executives and the beheerder do not ask.
    for user in (
        routed.handler,
        world.user("coordinator"),
        world.user("professional"),
        world.user("viewer"),
        world.user("admin"),
    ):
        assert _client(user).get(_ask_url(routed)).status_code == 403
        assert (
            _client(user).post(_ask_url(routed), {"role_name": "Huisartsen", "ask": "Doe mee"})
        ).status_code == 403
    south = reverse("bottlenecks:partners_ask", kwargs={"code": GOAL, "region_id": world.south.pk})
    assert _client(world.user("analyst")).get(south).status_code == 403
    assert not PartnerRequest.objects.exists()


def test_only_whoever_acts_for_the_party_answers(
    routed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    world = routed.world
    asked = _ask_municipal(routed, django_capture_on_commit_callbacks)
    url = reverse("bottlenecks:partners_answer", args=[asked.pk])
    data = {f"a{asked.pk}-status": PartnerStatus.JOINED}

    # The asker, a handler of another body and the work floor cannot answer for the body.
    for user in (world.user("analyst"), routed.region_coordinator, world.user("coordinator")):
        assert _client(user).post(url, data).status_code == 404
    asked.refresh_from_db()
    assert asked.status == PartnerStatus.ASKED
    # Someone who acts for no body and coordinates no team has no inbox.
    inbox = reverse("bottlenecks:partners_inbox")
    assert _client(world.user("professional")).get(inbox).status_code == 403
    assert "Sluit aan" not in _client(routed.region_coordinator).get(inbox).content.decode()


def test_a_team_s_coordinator_answers_for_the_team(
    routed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    world = routed.world
    coordinator = world.user("coordinator")
    coordinator.email = "coordinator@wijkteam-a.example.nl"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        asked = partners.ask_partner(
            world.user("analyst"),
            partners.Ask(world.north, GOAL, "Deel jullie werkwijze", team=world.team_a),
        )
    assert mail.outbox[-1].to == ["coordinator@wijkteam-a.example.nl"]

    url = reverse("bottlenecks:partners_answer", args=[asked.pk])
    data = {f"a{asked.pk}-status": PartnerStatus.JOINED}
    assert _client(world.user("professional")).post(url, data).status_code == 404
    assert _client(world.user("outsider")).post(url, data).status_code == 404
    assert _client(coordinator).post(url, data).status_code == 302
    asked.refresh_from_db()
    assert asked.status == PartnerStatus.JOINED


def test_the_region_records_the_answer_of_a_role_and_can_withdraw(
    routed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    world = routed.world
    analyst = _client(world.user("analyst"))
    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(_ask_url(routed), {"role_name": "Jeugdrechters", "ask": "Denk mee"})
    asked = PartnerRequest.objects.get()
    assert asked.party == "Jeugdrechters"
    assert not mail.outbox  # nobody to write to for a role

    response = analyst.post(
        reverse("bottlenecks:partners_answer", args=[asked.pk]),
        {f"a{asked.pk}-status": PartnerStatus.JOINED},
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == PartnerStatus.JOINED
    assert "Jeugdrechters</strong>: aangesloten" in _plate(analyst, routed)

    analyst.post(reverse("bottlenecks:partners_withdraw", args=[asked.pk]), {})
    asked.refresh_from_db()
    assert asked.status == PartnerStatus.WITHDRAWN
    assert "Jeugdrechters</strong>" not in _plate(analyst, routed)
    # Withdrawn is closed: no more answers, and asking again is a new request.
    response = analyst.post(
        reverse("bottlenecks:partners_answer", args=[asked.pk]),
        {f"a{asked.pk}-status": PartnerStatus.DECLINED, f"a{asked.pk}-reason": "x"},
    )
    assert response.status_code == 403


def test_a_party_is_asked_once_per_zero_goal(
    routed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    _ask_municipal(routed, django_capture_on_commit_callbacks)
    response = _client(routed.world.user("analyst")).post(
        _ask_url(routed), {"body": routed.municipal.pk, "ask": "Nog eens"}
    )
    assert response.status_code == 400
    assert "al gevraagd" in response.content.decode()
    both = _client(routed.world.user("analyst")).post(
        _ask_url(routed), {"body": routed.municipal.pk, "role_name": "Huisartsen", "ask": "x"}
    )
    assert both.status_code == 400
    assert "Kies één partij" in both.content.decode()
    assert PartnerRequest.objects.count() == 1


def test_withdrawing_tells_the_body_and_mail_waits_for_the_commit(
    mailed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    routed = mailed
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asked = partners.ask_partner(
            routed.world.user("analyst"),
            partners.Ask(routed.world.north, GOAL, "Doe mee", body=routed.municipal),
        )
    assert not mail.outbox and len(callbacks) == 1  # nothing sent before the commit
    with django_capture_on_commit_callbacks(execute=True):
        partners.withdraw_request(routed.world.user("analyst"), asked, "Dubbel gevraagd")
    assert sorted(mail.outbox[-1].to) == sorted(
        [routed.municipal.contact_email, "behandelaar@aa.example.nl"]
    )
    assert "Dubbel gevraagd" in mail.outbox[-1].body


def test_the_old_free_text_stays_on_the_o_plaat_labelled_as_such(routed: Routed) -> None:
    RegionalAmbition.objects.create(
        region=routed.world.north, zero_goal=GOAL, who_we_need="Aanbieders\nOuders"
    )
    page = _plate(_client(routed.world.user("analyst")), routed)
    assert "Eerdere notities (vrije tekst" in page
    assert "Aanbieders" in page and "Ouders" in page
    assert "Een partij vragen" in page  # the analyst may ask
    assert "Een partij vragen" not in _plate(_client(routed.world.user("viewer")), routed)


def test_the_board_links_to_what_is_asked_of_a_body(routed: Routed) -> None:
    link = reverse("bottlenecks:partners_inbox")
    board = reverse("bottlenecks:board")
    assert link in _client(routed.handler).get(board).content.decode()
    assert link not in _client(routed.world.user("professional")).get(board).content.decode()


def test_the_beheerder_sees_the_region_s_requests_but_cannot_add_or_remove(
    routed: Routed, django_capture_on_commit_callbacks: Any
) -> None:
    asked = _ask_municipal(routed, django_capture_on_commit_callbacks)
    admin = _client(routed.world.user("admin"))
    listing = admin.get(reverse("admin:bottlenecks_partnerrequest_changelist"))
    assert listing.status_code == 200 and "Gemeente Aa, team Jeugd" in listing.content.decode()
    assert admin.get(reverse("admin:bottlenecks_partnerrequest_add")).status_code == 403
    delete = reverse("admin:bottlenecks_partnerrequest_delete", args=[asked.pk])
    assert admin.get(delete).status_code == 403
