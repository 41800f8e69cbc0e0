"""Load the histories the rules read, for many cases at once (a fixed number of queries)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from elkedagbeter.cases.models import (
    AnalysisVersion,
    Case,
    Event,
    Goal,
    HouseholdMember,
    Intervention,
)
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment

from .models import Agreement
from .rules import CaseHistory, EventFact, MomentFact


def load_histories(case_ids: Iterable[int]) -> dict[int, CaseHistory]:
    ids = list(case_ids)
    cases = Case.objects.filter(pk__in=ids).values("id", "opened_on", "closed_on", "markers")
    histories = {
        row["id"]: CaseHistory(
            case_id=row["id"],
            opened_on=row["opened_on"],
            closed_on=row["closed_on"],
            markers=frozenset(row["markers"] or ()),
        )
        for row in cases
    }
    if not histories:
        return {}
    ids = list(histories)
    scores: dict[int, dict[int, tuple[int, int | None]]] = defaultdict(dict)
    for s in GoalScore.objects.filter(moment__case_id__in=ids).values_list(
        "moment_id", "goal_id", "score", "family_score"
    ):
        scores[s[0]][s[1]] = (s[2], s[3])
    for m in (
        MonitoringMoment.objects.filter(case_id__in=ids)
        .order_by("recorded_on", "id")
        .values_list("id", "case_id", "recorded_on", "safety", "plan_fits", "heard")
    ):
        histories[m[1]].moments.append(
            MomentFact(m[0], m[2], m[3], m[4], m[5], scores.get(m[0], {}))
        )
    for e in (
        Event.objects.filter(case_id__in=ids)
        .order_by("started_on", "id")
        .values_list("id", "case_id", "kind", "started_on", "ended_on", "member_id")
    ):
        histories[e[1]].events.append(EventFact(e[0], e[2], e[3], e[4], e[5]))
    for case_id, created in AnalysisVersion.objects.filter(case_id__in=ids).values_list(
        "case_id", "created_at"
    ):
        histories[case_id].analysis_dates.append(created.date())
    for pk, case_id, started in Intervention.objects.filter(case_id__in=ids).values_list(
        "id", "case_id", "started_on"
    ):
        histories[case_id].interventions.append((pk, started))
    for pk, case_id in Goal.objects.filter(case_id__in=ids, closed_on__isnull=True).values_list(
        "id", "case_id"
    ):
        histories[case_id].open_goal_ids.add(pk)
    for pk, case_id, due in Agreement.objects.filter(
        conference__case_id__in=ids, done_on__isnull=True
    ).values_list("id", "conference__case_id", "due_on"):
        histories[case_id].open_agreements.append((pk, due))
    _earlier_closings(histories)
    return histories


def _earlier_closings(histories: dict[int, CaseHistory]) -> None:
    """Closed cases that share a youth's pseudonym with a case here (Blijvend Veilig:
    recurrence). Only the closing date is kept, never the other case."""
    members = HouseholdMember.objects.filter(case_id__in=list(histories)).exclude(pseudonym="")
    by_pseudonym: dict[str, set[int]] = defaultdict(set)
    for case_id, pseudonym in members.values_list("case_id", "pseudonym"):
        by_pseudonym[pseudonym].add(case_id)
    if not by_pseudonym:
        return
    earlier = HouseholdMember.objects.filter(
        pseudonym__in=list(by_pseudonym), case__closed_on__isnull=False
    ).values_list("case_id", "pseudonym", "case__closed_on")
    for other_case, pseudonym, closed in earlier:
        for case_id in by_pseudonym[pseudonym]:
            history = histories[case_id]
            if closed is not None and other_case != case_id and closed <= history.opened_on:
                history.earlier_closings.append(closed)
