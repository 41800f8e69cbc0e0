"""A bottleneck names the zero goals and child-perspective statements it concerns: the form
saves them, the page shows them, the API takes and returns them, and unknown codes are refused
with a message that names the field."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import log_in
from elkedagbeter.api.tests.conftest import bearer_client, post_json, token_for
from elkedagbeter.bottlenecks.models import Bottleneck, Category

from .conftest import Routed


def _client(routed: Routed, who: str) -> Client:
    return log_in(Client(), routed.world.user(who))


def test_the_form_saves_the_links_and_the_page_shows_them(routed: Routed) -> None:
    client = _client(routed, "coordinator")
    response = client.post(
        reverse("bottlenecks:new"),
        {
            "category": Category.NO_SUITABLE_CARE,
            "title": "Geen plek zonder separeerruimte in de regio",
            "place": f"team-{routed.world.team_a.pk}",
            "zero_goals": ["separaties", "gesloten"],
            "statements": ["nooit_opsluiten"],
        },
    )
    assert response.status_code == 302
    bottleneck = Bottleneck.objects.get()
    assert sorted(bottleneck.zero_goals.values_list("zero_goal", flat=True)) == [
        "gesloten",
        "separaties",
    ]
    assert list(bottleneck.statements.values_list("statement", flat=True)) == ["nooit_opsluiten"]
    page = client.get(reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk}))
    html = page.content.decode()
    assert "0 separaties" in html
    assert "Sluit me nooit op" in html
    assert reverse("indicators:plate", kwargs={"code": "separaties"}) in html


def test_an_unknown_zero_goal_is_refused_naming_the_field(routed: Routed) -> None:
    response = _client(routed, "coordinator").post(
        reverse("bottlenecks:new"),
        {
            "category": Category.NO_SUITABLE_CARE,
            "title": "Iets",
            "place": f"team-{routed.world.team_a.pk}",
            "zero_goals": ["nul_koffie"],
        },
    )
    assert response.status_code == 200
    assert "Nuldoelen: kies alleen nuldoelen uit de lijst." in response.content.decode()
    assert not Bottleneck.objects.exists()


def test_a_link_from_a_pattern_or_finding_arrives_prefilled(routed: Routed) -> None:
    url = reverse("bottlenecks:new") + (
        "?nuldoel=gesloten&nuldoel=onbekend&uitspraak=thuis&categorie=geen_aanbod&titel=Te+weinig"
    )
    page = _client(routed, "coordinator").get(url)
    initial = page.context["form"].initial
    assert initial["zero_goals"] == ["gesloten"]
    assert initial["statements"] == ["thuis"]
    assert initial["category"] == Category.NO_SUITABLE_CARE
    assert initial["title"] == "Te weinig"


def test_the_api_takes_and_returns_the_links(routed: Routed) -> None:
    client = bearer_client(token_for(routed.world.user("professional")))
    url = reverse("api:bottleneck_list")
    created = post_json(
        client,
        url,
        {
            "categorie": Category.WAITING,
            "titel": "Wachtlijst jeugd-ggz",
            "nuldoelen": ["zonder_analyse"],
            "uitspraken": ["niet_wachten", "zie_mij"],
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["nuldoelen"] == ["zonder_analyse"]
    assert sorted(created.json()["uitspraken"]) == ["niet_wachten", "zie_mij"]
    listed = client.get(url).json()["_embedded"]["knelpunten"]
    assert listed[0]["nuldoelen"] == ["zonder_analyse"]
    refused = post_json(
        client, url, {"categorie": Category.WAITING, "titel": "X", "nuldoelen": ["koffie"]}
    )
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"].startswith("nuldoelen")
