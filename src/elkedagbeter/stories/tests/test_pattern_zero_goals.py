"""A story pattern names the zero goals and child-perspective statements it concerns: the
curation form saves them, the pattern page shows them with "Knelpunt melden" pre-filled, and the
zero goal's O-plaat lists the pattern for whoever may read it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.stories.models import Pattern, PatternStatus
from elkedagbeter.stories.patterns import create_pattern

pytestmark = pytest.mark.django_db


def _save(client: Client, pattern: Pattern, **extra: object):
    data = {
        "action": "save",
        "name": pattern.name,
        "description": "Jongeren worden opgesloten als er geen plek is.",
        "status": PatternStatus.PUBLISHED,
        "more_like_this": "",
        "fewer_like_that": "",
        "zero_goals": ["separaties"],
        "statements": ["nooit_opsluiten", "thuis"],
        **extra,
    }
    return client.post(reverse("stories:pattern_edit", args=[pattern.slug]), data)


def test_the_form_saves_the_links_and_the_pages_show_them(world: World) -> None:
    pattern = create_pattern("Opgesloten zonder plek", region=world.north)
    analyst = log_in(Client(), world.user("analyst"))
    assert _save(analyst, pattern).status_code == 302
    assert list(pattern.zero_goals.values_list("zero_goal", flat=True)) == ["separaties"]
    assert sorted(pattern.statements.values_list("statement", flat=True)) == [
        "nooit_opsluiten",
        "thuis",
    ]
    edit = analyst.get(reverse("stories:pattern_edit", args=[pattern.slug])).content.decode()
    assert "checked" in edit.split('value="separaties"')[1].split(">")[0]
    public = Client().get(reverse("stories:public_pattern", args=[pattern.slug])).content.decode()
    assert "0 separaties" in public and "Ik wil gewoon een thuis" in public
    assert reverse("bottlenecks:new") not in public  # anonymous readers are not offered it

    page = log_in(Client(), world.user("professional")).get(
        reverse("stories:public_pattern", args=[pattern.slug])
    )
    html = page.content.decode()
    href = html.split(reverse("bottlenecks:new") + "?")[1].split('"')[0].replace("&amp;", "&")
    query = parse_qs(urlsplit("?" + href).query)
    assert query["nuldoel"] == ["separaties"]
    assert sorted(query["uitspraak"]) == ["nooit_opsluiten", "thuis"]
    assert query["titel"] == ["Opgesloten zonder plek"]


def test_an_unknown_statement_is_refused_naming_the_field(world: World) -> None:
    pattern = create_pattern("Wachten", region=world.north)
    analyst = log_in(Client(), world.user("analyst"))
    response = _save(analyst, pattern, statements=["koffie"])
    assert response.status_code == 200
    assert "Uitspraken vanuit het kind: kies alleen uitspraken uit de lijst." in (
        response.content.decode()
    )
    assert not pattern.statements.exists()


def test_the_o_plaat_lists_linked_patterns_the_user_may_read(world: World) -> None:
    published = create_pattern("Opgesloten zonder plek", region=world.north)
    draft = create_pattern("Concept over separatie", region=world.north)
    elsewhere = create_pattern("Separatie in het zuiden", region=world.south)
    analyst = log_in(Client(), world.user("analyst"))
    _save(analyst, published)
    _save(analyst, draft, status=PatternStatus.DRAFT)
    elsewhere.zero_goals.create(zero_goal="separaties")
    url = reverse("indicators:plate", kwargs={"code": "separaties"})

    page = analyst.get(f"{url}?plaats=regio-{world.north.pk}").content.decode()
    assert reverse("stories:public_pattern", args=[published.slug]) in page
    assert reverse("stories:pattern_edit", args=[draft.slug]) in page  # the curator's draft
    assert "Separatie in het zuiden" not in page  # another region's draft

    professional = log_in(Client(), world.user("professional"))
    page = professional.get(f"{url}?plaats=regio-{world.north.pk}").content.decode()
    assert reverse("stories:public_pattern", args=[published.slug]) in page
    assert reverse("stories:pattern_edit", args=[draft.slug]) not in page
