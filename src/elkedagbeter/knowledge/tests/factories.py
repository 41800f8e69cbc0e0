from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from elkedagbeter.knowledge.models import CatalogueItem, GoodExample, ImprovementInitiative
from elkedagbeter.organisations.tests.factories import RegionFactory


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem

    code = factory.Sequence(lambda n: f"interventie-{n}")
    name = factory.Sequence(lambda n: f"Interventie {n}")
    evidence_level = "goed_onderbouwd"


class GoodExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodExample

    title = factory.Sequence(lambda n: f"Voorbeeld {n}")
    what = "Wat we deden"
    for_whom = "Gezinnen"
    achieved = "Wat het opleverde"
    contact_role = "teamcoördinator"
    region = factory.SubFactory(RegionFactory)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementInitiative

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    question = "Waarom gebeurt dit?"
    region = factory.SubFactory(RegionFactory)
    indicator = "separaties"


def decision_fields(
    place: str, *indicators: str, title: str = "Nieuwe werkwijze"
) -> dict[str, Any]:
    """The decision part of a form (prefix ``besluit``), as a browser posts it."""
    return {
        "besluit-title": title,
        "besluit-starts_on": timezone.localdate().isoformat(),
        "besluit-place": place,
        "besluit-indicator_codes": list(indicators),
    }
