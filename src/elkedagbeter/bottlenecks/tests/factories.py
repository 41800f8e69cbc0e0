from __future__ import annotations

import factory

from elkedagbeter.bottlenecks.models import Level, ResponsibleBody, RoutingRule
from elkedagbeter.organisations.tests.factories import RegionFactory


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponsibleBody
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Instantie {n}")
    level = Level.MUNICIPALITY
    region = factory.SubFactory(RegionFactory)
    contact_email = factory.Sequence(lambda n: f"instantie{n}@example.nl")

    @factory.post_generation
    def handlers(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.handlers.set(extracted)


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    body = factory.SubFactory(BodyFactory)
    region = factory.LazyAttribute(lambda rule: rule.body.region)
