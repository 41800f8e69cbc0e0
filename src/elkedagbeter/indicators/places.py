"""The levels of the dashboard, Land → Jeugdregio → Gemeente → Team, and how far a user may go."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Municipality, Region, Team, TeamType
from elkedagbeter.organisations.scoping import Area, aggregate_area, figure_area


class Level(StrEnum):
    COUNTRY = "land"
    REGION = "regio"
    MUNICIPALITY = "gemeente"
    TEAM = "team"


@dataclass(frozen=True)
class Place:
    level: Level
    id: int | None
    name: str
    region_id: int | None = None
    municipality_id: int | None = None

    @property
    def slug(self) -> str:
        return self.level.value if self.id is None else f"{self.level.value}-{self.id}"

    def fact_filter(self) -> Q:
        """Which rows of the analytics table add up to this place."""
        if self.level is Level.COUNTRY:
            return Q()
        column = {
            Level.REGION: "region_id",
            Level.MUNICIPALITY: "municipality_id",
            Level.TEAM: "team_id",
        }[self.level]
        return Q(**{column: self.id})

    @property
    def child_column(self) -> str | None:
        return {
            Level.COUNTRY: "region_id",
            Level.REGION: "municipality_id",
            Level.MUNICIPALITY: "team_id",
            Level.TEAM: None,
        }[self.level]


COUNTRY = Place(Level.COUNTRY, None, "Nederland")


def _region(region: Region) -> Place:
    return Place(Level.REGION, region.pk, region.name, region_id=region.pk)


def _municipality(municipality: Municipality) -> Place:
    return Place(
        Level.MUNICIPALITY,
        municipality.pk,
        municipality.name,
        region_id=municipality.region_id,
        municipality_id=municipality.pk,
    )


def _team(team: Team) -> Place:
    return Place(
        Level.TEAM,
        team.pk,
        team.name,
        region_id=team.region_id,
        municipality_id=team.municipality_id,
    )


def place_from_slug(slug: str) -> Place | None:
    if slug == Level.COUNTRY.value:
        return COUNTRY
    level_name, _sep, raw_id = slug.partition("-")
    if not raw_id.isdigit() or level_name not in {lvl.value for lvl in Level}:
        return None
    pk = int(raw_id)
    level = Level(level_name)
    if level is Level.REGION:
        region = Region.objects.filter(pk=pk).first()
        return _region(region) if region else None
    if level is Level.MUNICIPALITY:
        municipality = Municipality.objects.filter(pk=pk).first()
        return _municipality(municipality) if municipality else None
    team = Team.objects.filter(pk=pk).first()
    return _team(team) if team else None


def may_see(area: Area, place: Place) -> bool:
    if area.national:
        return True
    if place.level is Level.COUNTRY:
        return False
    if place.region_id in area.region_ids:
        return True
    if place.level is Level.REGION:
        return False
    if place.municipality_id in area.municipality_ids:
        return True
    return place.level is Level.TEAM and place.id in area.team_ids


def may_see_place(user: User, place: Place) -> bool:
    """Whether the user may open the figures of ``place``. The work floor sees its region, the
    region's municipalities and its own teams, but not another team on its own."""
    if not may_see(figure_area(user), place):
        return False
    if place.level is not Level.TEAM or may_see(aggregate_area(user), place):
        return True
    return place.id in figure_area(user).team_ids


def home_places(user: User) -> list[Place]:
    """The highest places the user may see, and the user's own teams beside their region:
    where the dashboard opens."""
    area = figure_area(user)
    if area.national:
        return [COUNTRY]
    places = [_region(r) for r in Region.objects.filter(pk__in=area.region_ids)]
    places += [
        _municipality(m)
        for m in Municipality.objects.filter(pk__in=area.municipality_ids)
        if m.region_id not in area.region_ids
    ]
    places += [_team(t) for t in Team.objects.filter(pk__in=area.team_ids)]
    return sorted(places, key=lambda place: (list(Level).index(place.level), place.name))


def children(place: Place) -> list[Place]:
    if place.level is Level.COUNTRY:
        return [_region(r) for r in Region.objects.order_by("name")]
    if place.level is Level.REGION:
        municipalities = Municipality.objects.filter(region_id=place.id or 0).order_by("name")
        return [_municipality(m) for m in municipalities]
    if place.level is Level.MUNICIPALITY:
        teams = Team.objects.filter(
            municipality_id=place.id or 0, team_type=TeamType.NEIGHBOURHOOD
        ).order_by("name")
        return [_team(t) for t in teams]
    return []


def trail(place: Place, area: Area) -> list[Place]:
    """The way up from ``place`` as far as the user may go, highest first."""
    ancestors: list[Place] = []
    if place.level in {Level.MUNICIPALITY, Level.TEAM} and place.region_id:
        ancestors.append(_region(Region.objects.get(pk=place.region_id)))
    if place.level is Level.TEAM and place.municipality_id:
        ancestors.append(_municipality(Municipality.objects.get(pk=place.municipality_id)))
    if place.level is not Level.COUNTRY:
        ancestors.insert(0, COUNTRY)
    return [p for p in ancestors if may_see(area, p)] + [place]


def level_label(level: Level) -> str:
    return {
        Level.COUNTRY: _("Country"),
        Level.REGION: _("Youth region"),
        Level.MUNICIPALITY: _("Municipality"),
        Level.TEAM: _("Team"),
    }[level]
