from __future__ import annotations

import factory

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
