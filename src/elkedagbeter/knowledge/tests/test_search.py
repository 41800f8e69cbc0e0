"""Dutch full-text search across the sources: inflections found on SQLite (FTS5 with Snowball
stems) and on PostgreSQL (the 'dutch' configuration), every document only for its audience, and
the index following saves and deletes."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.knowledge import search, sources
from elkedagbeter.knowledge.models import ReflectionSession, SearchDocument

from .factories import CatalogueItemFactory, GoodExampleFactory, InitiativeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

ANYONE = AnonymousUser()


def _titles(user, query: str, **kwargs) -> set[str]:
    return {document.title for document in search.search(user, query, **kwargs)}


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("uithuisplaatsingen", "Minder uithuisplaatsing door netwerkberaad"),
        ("uithuisplaatsing", "Het aantal uithuisplaatsingen daalde"),
        ("wachttijden", "Overbruggen tijdens de wachttijd"),
        ("jongeren", "Een mentor voor elke jongere"),
        ("voorbeelden", "Een goed voorbeeld uit Hoogveen"),
        ("gezin", "Gezinnen kiezen zelf hun doelen"),  # a prefix of the stem
        ("netwerken", "Het netwerk van het gezin"),
    ],
)
def test_dutch_inflections_are_found(query: str, text: str) -> None:
    CatalogueItemFactory(name="Iets anders", description="Geen verband met de vraag")
    CatalogueItemFactory(name="Treffer", description=text)

    assert _titles(ANYONE, query) == {"Treffer"}


def test_every_word_must_match_and_stop_words_do_not_count() -> None:
    CatalogueItemFactory(name="Gezinscoaching", description="Hulp thuis voor het gezin")
    CatalogueItemFactory(name="Schoolhulp", description="Hulp op school")

    assert _titles(ANYONE, "hulp") == {"Gezinscoaching", "Schoolhulp"}
    assert _titles(ANYONE, "hulp op school") == {"Schoolhulp"}  # "op" is a stop word
    assert _titles(ANYONE, "de het een") == set()
    assert _titles(ANYONE, "'; DROP TABLE") == set()  # punctuation never reaches the query


def test_a_title_match_ranks_above_a_match_in_the_text() -> None:
    CatalogueItemFactory(name="Ouderbegeleiding", description="Gesprekken over opvoeden")
    CatalogueItemFactory(name="Gesprekken", description="Ook voor ouderbegeleiding")

    assert [d.title for d in search.search(ANYONE, "ouderbegeleiding")] == [
        "Ouderbegeleiding",
        "Gesprekken",
    ]


def test_documents_are_found_only_by_their_audience(world: World) -> None:
    GoodExampleFactory(title="Separatievrij werken", region=world.north)
    InitiativeFactory(title="Separaties halveren", region=world.north)
    shared = ReflectionSession.objects.create(
        team=world.team_a,
        learned="x",
        lesson="Separaties voorkomen we samen",
        shared_at=timezone.now(),
    )
    ReflectionSession.objects.create(team=world.team_a, learned="Separaties bespraken we intern")
    lesson = f"{world.team_a.name}, {shared.held_on:%d-%m-%Y}"

    assert _titles(ANYONE, "separatie") == {"Separatievrij werken"}
    everything = {"Separatievrij werken", "Separaties halveren", lesson}
    assert _titles(world.user("professional"), "separatie") == everything  # own team
    assert _titles(world.user("analyst"), "separatie") == everything  # the team is in the region
    outsider = {"Separatievrij werken", "Separaties halveren"}
    assert _titles(world.user("outsider"), "separatie") == outsider  # team B
    assert _titles(world.user("analyst"), "separatie", sources=["les"]) == {lesson}


def test_the_index_follows_changes_and_deletes(world: World) -> None:
    item = CatalogueItemFactory(name="Gezinscoaching")
    assert _titles(ANYONE, "gezinscoaching") == {"Gezinscoaching"}

    item.name = "Ouderbegeleiding"
    item.save()
    assert _titles(ANYONE, "gezinscoaching") == set()
    assert _titles(ANYONE, "ouderbegeleiding") == {"Ouderbegeleiding"}

    item.delete()
    assert _titles(ANYONE, "ouderbegeleiding") == set()
    assert not SearchDocument.objects.exists()


def test_a_rebuild_restores_a_lost_index() -> None:
    CatalogueItemFactory(name="Budgetcoaching")
    search.remove("interventie", list(SearchDocument.objects.values_list("object_id", flat=True)))
    assert _titles(ANYONE, "budgetcoaching") == set()

    call_command("rebuild_search_index", stdout=None)

    assert _titles(ANYONE, "budgetcoaching") == {"Budgetcoaching"}
    assert set(sources.SOURCES) >= {"interventie", "voorbeeld", "les", "initiatief"}


def test_the_search_page_shows_results_with_their_source(world: World) -> None:
    CatalogueItemFactory(name="Netwerkberaad", description="Minder uithuisplaatsing")

    page = Client().get(reverse("knowledge:search"), {"q": "uithuisplaatsingen"})

    text = page.content.decode()
    assert "1 resultaat voor “uithuisplaatsingen”" in text
    assert "Netwerkberaad" in text and "Interventies" in text
    signed_in = log_in(Client(), world.user("professional"))
    assert (
        "Netwerkberaad"
        in signed_in.get(reverse("knowledge:search"), {"q": "netwerk"}).content.decode()
    )
