from __future__ import annotations

import factory

from elkedagbeter.organisations.models import Membership, Municipality, Region, Team, TeamType


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Jeugdregio {n}")
    code = factory.Sequence(lambda n: f"regio-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{n:04d}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(lambda team: team.municipality.region)
    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    team_type = TeamType.NEIGHBOURHOOD


class ExpertTeamFactory(TeamFactory):
    municipality = None
    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Expertteam {n}")
    team_type = TeamType.EXPERT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("elkedagbeter.accounts.tests.factories.UserFactory")
