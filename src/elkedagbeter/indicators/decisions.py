"""Recording a decision and reading it back with its place.

The learning apps (knelpunten, initiatives) sit above indicators and call ``record_decision``
when a knelpunt is resolved or an initiative starts a round; the decision names the indicators
it should move, and ``effects.py`` measures whether they did.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Municipality, Region, Team

from .models import Decision
from .places import Level, Place
from .registry import BY_CODE as INDICATORS
from .zero_goals import BY_CODE as ZERO_GOALS

# A decision may say it took effect a while ago (it is often recorded afterwards), not years.
MAX_DAYS_BACK = 366
MAX_DAYS_AHEAD = 366


class DecisionProblem(ValueError):
    """Bad input for a decision; ``field`` names the form field, the message is Dutch."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class DecisionInput:
    title: str
    starts_on: date
    region: Region
    indicator_codes: tuple[str, ...]
    municipality: Municipality | None = None
    team: Team | None = None
    zero_goal_codes: tuple[str, ...] = ()
    explanation: str = ""


def problems(given: DecisionInput) -> list[DecisionProblem]:
    """Everything wrong with ``given``, each naming its field, in Dutch."""
    found = []
    if not given.title.strip():
        found.append(DecisionProblem("title", _("Say what changes.")))
    today = timezone.localdate()
    if given.starts_on < today - timedelta(days=MAX_DAYS_BACK):
        found.append(DecisionProblem("starts_on", _("A decision starts at most a year ago.")))
    if given.starts_on > today + timedelta(days=MAX_DAYS_AHEAD):
        found.append(DecisionProblem("starts_on", _("A decision starts at most a year ahead.")))
    if not given.indicator_codes:
        found.append(
            DecisionProblem("indicator_codes", _("Choose at least one indicator it should move."))
        )
    unknown = [code for code in given.indicator_codes if code not in INDICATORS]
    unknown += [code for code in given.zero_goal_codes if code not in ZERO_GOALS]
    if unknown:
        found.append(DecisionProblem("indicator_codes", _("Unknown indicator or zero goal.")))
    if given.municipality is not None and given.municipality.region_id != given.region.pk:
        found.append(DecisionProblem("municipality", _("The municipality lies in another region.")))
    if given.team is not None and given.team.region_id != given.region.pk:
        found.append(DecisionProblem("team", _("The team lies in another region.")))
    return found


def record_decision(given: DecisionInput, *, by: User | None, origin: str) -> Decision:
    """Store a decision after checking it; raises the first ``DecisionProblem``."""
    found = problems(given)
    if found:
        raise found[0]
    with transaction.atomic():
        return Decision.objects.create(
            title=given.title.strip()[:200],
            explanation=given.explanation.strip()[:2000],
            starts_on=given.starts_on,
            region=given.region,
            municipality=given.municipality,
            team=given.team,
            indicator_codes=sorted(set(given.indicator_codes)),
            zero_goal_codes=sorted(set(given.zero_goal_codes)),
            origin=origin[:200],
            decided_by=by,
        )


def place_of(decision: Decision) -> Place:
    """Where the decision applies, as a dashboard place."""
    if decision.team is not None:
        team = decision.team
        return Place(
            Level.TEAM,
            team.pk,
            team.name,
            region_id=team.region_id,
            municipality_id=team.municipality_id,
        )
    if decision.municipality is not None:
        municipality = decision.municipality
        return Place(
            Level.MUNICIPALITY,
            municipality.pk,
            municipality.name,
            region_id=municipality.region_id,
            municipality_id=municipality.pk,
        )
    region = decision.region
    return Place(Level.REGION, region.pk, region.name, region_id=region.pk)


def decisions_for_zero_goal(code: str, region_ids: Iterable[int] | None) -> list[Decision]:
    """Decisions that name the zero goal (or one of its indicators), in the given regions
    (``None``: the whole country)."""
    goal = ZERO_GOALS.get(code)
    if goal is None:
        return []
    indicators = {goal.indicator, *goal.also}
    found = Decision.objects.select_related("region", "municipality", "team")
    if region_ids is not None:
        found = found.filter(region_id__in=list(region_ids))
    return [d for d in found if code in d.zero_goal_codes or indicators & set(d.indicator_codes)]
