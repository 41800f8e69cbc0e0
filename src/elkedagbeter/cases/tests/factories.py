from __future__ import annotations

import factory

from elkedagbeter.cases.models import Case
from elkedagbeter.organisations.tests.factories import TeamFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    team = factory.SubFactory(TeamFactory)
