"""A body's handler (a gemeente) first sees the bottlenecks addressed to their body, is not
offered "wij ook" on those, and the detail page has every element id once."""

from __future__ import annotations

import re
from collections import Counter

from django.test import Client
from django.urls import reverse

from conftest import log_in
from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import Category, Level

from .conftest import Routed


def _raise(routed: Routed, title: str, category: str, level: str = ""):
    world = routed.world
    draft = actions.Draft(
        region=world.north,
        category=category,
        title=title,
        municipality=world.team_a.municipality,
        team=world.team_a,
        **({"level": level} if level else {}),
    )
    return actions.raise_bottleneck(world.user("professional"), draft)


def test_the_handler_first_sees_their_own_body_and_can_choose_all(routed: Routed) -> None:
    own = _raise(routed, "Geld voor logeeropvang", Category.FINANCING)
    other = _raise(routed, "Inkoop regionaal", Category.FINANCING, level=Level.REGION)
    assert own.body == routed.municipal and other.body == routed.regional
    client = log_in(Client(), routed.handler)

    first = client.get(reverse("bottlenecks:board")).content.decode()
    everything = client.get(
        reverse("bottlenecks:board"), {"regio": routed.world.north.pk, "instantie": ""}
    ).content.decode()

    assert own.title in first and other.title not in first
    assert 'id="own-body-first"' in first
    assert own.title in everything and other.title in everything


def test_no_we_too_on_a_bottleneck_addressed_to_ones_own_body(routed: Routed) -> None:
    own = _raise(routed, "Geld voor logeeropvang", Category.FINANCING)
    other = _raise(routed, "Inkoop regionaal", Category.FINANCING, level=Level.REGION)
    client = log_in(Client(), routed.handler)
    we_too = "Wij ook: wij lopen ook"

    assert we_too not in client.get(reverse("bottlenecks:detail", args=[own.pk])).content.decode()
    assert we_too in client.get(reverse("bottlenecks:detail", args=[other.pk])).content.decode()


def test_the_detail_page_has_every_id_once(routed: Routed) -> None:
    own = _raise(routed, "Geld voor logeeropvang", Category.FINANCING)
    page = log_in(Client(), routed.handler).get(reverse("bottlenecks:detail", args=[own.pk]))

    ids = Counter(re.findall(r'\sid="([^"]+)"', page.content.decode()))
    assert [name for name, count in ids.items() if count > 1] == []
