"""Similar households across teams: for households with a triage marker, how often each team
placed them out of home, consulted or escalated to the expert team, and saw progress on the
desired results. Aggregates per team only, with small numbers hidden: the seeds' "situationele
willekeur" made visible, never one family."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from elkedagbeter.cases.models import Case, Event, EventKind, TriageMarker
from elkedagbeter.core.privacy import THRESHOLD, ProtectedCount, protect_count
from elkedagbeter.monitoring.models import GoalScore, ScoreScale
from elkedagbeter.organisations.models import Team
from elkedagbeter.organisations.scoping import Area

from .models import Consultation


@dataclass(frozen=True)
class Share:
    count: ProtectedCount
    percent: int | None  # shown only when the households and the count are not suppressed


@dataclass(frozen=True)
class TeamRoutes:
    team: str
    households: ProtectedCount
    placed: Share
    expert: Share
    progress: Share


def _share(n: int, total: int) -> Share:
    count = protect_count(n)
    show = total >= THRESHOLD and not count.suppressed
    return Share(count, round(100 * n / total) if show and total else None)


def routes_by_team(area: Area, marker: TriageMarker) -> list[TeamRoutes]:
    if area.is_empty:
        return []
    rows = (
        Case.objects.filter(area.team_q("team__"))
        .exclude(markers=[])
        .values_list("id", "team_id", "markers", "escalated_to_id")
    )
    cases = {pk: (team, esc) for pk, team, markers, esc in rows if marker in (markers or [])}
    if not cases:
        return []
    ids = list(cases)
    placed = set(
        Event.objects.filter(case_id__in=ids, kind=EventKind.PLACEMENT).values_list(
            "case_id", flat=True
        )
    )
    consulted = set(Consultation.objects.filter(case_id__in=ids).values_list("case_id", flat=True))
    scores: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for case_id, day, score in GoalScore.objects.filter(
        moment__case_id__in=ids, scale=ScoreScale.GAS
    ).values_list("moment__case_id", "moment__recorded_on", "score"):
        scores[case_id].append((day, score))
    progressed = set()
    for case_id, found in scores.items():
        days = sorted({d for d, _s in found})
        if len(days) >= 2:
            first = [s for d, s in found if d == days[0]]
            last = [s for d, s in found if d == days[-1]]
            if sum(last) / len(last) > sum(first) / len(first):
                progressed.add(case_id)
    per_team: dict[int, list[int]] = defaultdict(list)
    for pk, (team_id, _esc) in cases.items():
        per_team[team_id].append(pk)
    names = dict(Team.objects.filter(pk__in=list(per_team)).values_list("id", "name"))
    result = []
    for team_id, members in sorted(per_team.items(), key=lambda item: names[item[0]]):
        total = len(members)
        expert = sum(1 for pk in members if pk in consulted or cases[pk][1] is not None)
        result.append(
            TeamRoutes(
                team=names[team_id],
                households=protect_count(total),
                placed=_share(sum(1 for pk in members if pk in placed), total),
                expert=_share(expert, total),
                progress=_share(sum(1 for pk in members if pk in progressed), total),
            )
        )
    return result
