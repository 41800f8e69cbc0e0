"""What the home page shows for each role. Pure reads through the scoping selectors."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from elkedagbeter.attention.selectors import AttentionLine, Scope, attention_list, scopes_for
from elkedagbeter.cases.models import Case
from elkedagbeter.cases.selectors import cases_visible_to, open_case_counts_by_team
from elkedagbeter.core.privacy import ProtectedTable, protect_table
from elkedagbeter.organisations.models import Role, Team
from elkedagbeter.organisations.scoping import Area, aggregate_area, roles_of

if TYPE_CHECKING:
    from elkedagbeter.accounts.models import User


@dataclass(frozen=True)
class AreaFigures:
    """Open cases per unit of an area, protected against small numbers."""

    unit_label: str
    table: ProtectedTable[str]


def _figures_for(area: Area) -> AreaFigures | None:
    if area.is_empty:
        return None
    teams = list(area.teams())
    counts_by_team = open_case_counts_by_team(area)
    by_unit: dict[str, int] = defaultdict(int)
    municipalities = {t.municipality_id for t in teams if t.municipality_id}
    per_team = len(municipalities) <= 1 and not area.national and not area.region_ids
    for team in teams:
        count = counts_by_team.get(team.pk, 0)
        if not per_team and not area.national and team.municipality_id is None and not count:
            # An expert team or provider location holds no cases of its own: a row for it in a
            # table of municipalities read as a municipality named after the region.
            continue
        unit = _unit_name(team, per_team=per_team, national=area.national)
        by_unit[unit] += count
    label = "team" if per_team else ("region" if area.national else "municipality")
    return AreaFigures(unit_label=label, table=protect_table(dict(sorted(by_unit.items()))))


def _unit_name(team: Team, *, per_team: bool, national: bool) -> str:
    if per_team:
        return team.name
    if national:
        return team.region.name
    return team.municipality.name if team.municipality else team.name


@dataclass(frozen=True)
class HomeContent:
    roles: set[Role]
    recent_cases: list[Case]
    open_case_count: int
    area_figures: AreaFigures | None
    attention: list[AttentionLine] = field(default_factory=list)
    attention_total: int = 0
    attention_scope: Scope | None = None


HOME_ATTENTION = 5


def home_content(user: User) -> HomeContent:
    """What the start page shows. Professionals and coordinators land on the top of their
    attention list ("Mijn aandacht vandaag")."""
    roles = roles_of(user)
    visible = cases_visible_to(user).filter(closed_on__isnull=True)
    scopes = scopes_for(user)
    scope = (Scope.TEAM if Scope.TEAM in scopes else scopes[0]) if scopes else None
    lines = attention_list(user, scope) if scope is not None else []
    return HomeContent(
        roles=roles,
        recent_cases=list(visible[:5]),
        open_case_count=visible.count(),
        area_figures=_figures_for(aggregate_area(user)),
        attention=lines[:HOME_ATTENTION],
        attention_total=len(lines),
        attention_scope=scope,
    )
