"""The signal rules: pure functions over one case's history, so each can be tested against a
hand-made history without a database. ``evaluate`` runs them all as of a given day.

Every rule returns ``Finding``s. A finding's ``key`` names the evidence it rests on in a way that
stays the same while the situation lasts (the first moment of a streak, the third transfer), so a
signal that was set aside does not come back the next day, and new evidence makes a new one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .models import Rule, Thresholds

YEAR = timedelta(days=365)

# Event kinds, as stored by cases.EventKind (attention reads them by value).
PLACEMENT = "uithuisplaatsing"
TRANSFER = "overplaatsing"
SECLUSION = "separatie"
WAITING_START = "wachttijd_start"
WAITING_END = "wachttijd_einde"
RUNAWAY = "weglopen"
PLAN_NO = "nee"


@dataclass(frozen=True)
class MomentFact:
    id: int
    recorded_on: date
    safety: int
    plan_fits: str
    heard: int | None = None
    # goal id → (professional score, the family's own score or None)
    scores: dict[int, tuple[int, int | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class EventFact:
    id: int
    kind: str
    started_on: date
    ended_on: date | None = None
    member_id: int | None = None


@dataclass
class CaseHistory:
    """What the rules read of one case. Lists are oldest first."""

    case_id: int
    opened_on: date
    closed_on: date | None = None
    moments: list[MomentFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    analysis_dates: list[date] = field(default_factory=list)
    interventions: list[tuple[int, date]] = field(default_factory=list)  # (id, started on)
    open_goal_ids: set[int] = field(default_factory=set)
    # Closing dates of earlier cases that share a youth (by pseudonym) with this one.
    earlier_closings: list[date] = field(default_factory=list)
    # Case conference agreements not done: (id, due date).
    open_agreements: list[tuple[int, date]] = field(default_factory=list)
    markers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Finding:
    rule: Rule
    key: str
    detail: dict[str, Any]
    weight: int


def _iso(day: date) -> str:
    return day.isoformat()


def _streak(
    moments: list[MomentFact], hit: Callable[[MomentFact], bool | None]
) -> list[MomentFact]:
    """The latest moments in a row for which ``hit`` is true; ``None`` (no answer) is skipped."""
    streak: list[MomentFact] = []
    for moment in reversed(moments):
        verdict = hit(moment)
        if verdict is None:
            continue
        if not verdict:
            break
        streak.append(moment)
    return list(reversed(streak))


def plan_misfit(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    streak = _streak(h.moments, lambda m: m.plan_fits == PLAN_NO)
    if streak and len(streak) >= t.plan_misfit_moments:
        detail = {"count": len(streak), "since": _iso(streak[0].recorded_on)}
        yield Finding(Rule.PLAN_MISFIT, f"m{streak[0].id}", detail, 3)


def safety(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    if not h.moments:
        return
    last = h.moments[-1]
    weight = 5 if "veiligheid" in h.markers else 4
    if len(h.moments) >= 2:
        before = h.moments[-2]
        if before.safety - last.safety >= t.safety_drop:
            detail = {"before": before.safety, "now": last.safety, "on": _iso(last.recorded_on)}
            yield Finding(Rule.SAFETY, f"daling-m{last.id}", detail, weight + 1)
            return
    low = _streak(h.moments, lambda m: m.safety < t.safety_floor)
    if low:
        detail = {"now": last.safety, "floor": t.safety_floor, "since": _iso(low[0].recorded_on)}
        yield Finding(Rule.SAFETY, f"laag-m{low[0].id}", detail, weight)


def no_progress(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    """No open desired result scored higher than at the moment before, for N moments."""
    scored = [m for m in h.moments if any(g in h.open_goal_ids for g in m.scores)]
    if len(scored) < t.no_progress_moments:
        return
    last_score: dict[int, int] = {}
    progress_at = 0
    for index, moment in enumerate(scored):
        for goal_id, (score, _family) in moment.scores.items():
            if goal_id not in h.open_goal_ids:
                continue
            if goal_id in last_score and score > last_score[goal_id]:
                progress_at = index
            last_score[goal_id] = score
    run = scored[progress_at:]
    if len(run) >= t.no_progress_moments:
        detail = {"count": len(run), "since": _iso(run[0].recorded_on)}
        yield Finding(Rule.NO_PROGRESS, f"m{run[0].id}", detail, 2)


def no_moment(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    last = h.moments[-1].recorded_on if h.moments else h.opened_on
    days = (today - last).days
    if days > t.monitoring_norm_days:
        detail = {"days": days, "norm": t.monitoring_norm_days, "last": _iso(last)}
        yield Finding(Rule.NO_MOMENT, f"sinds-{_iso(last)}", detail, 2)


def _recent(event: EventFact, t: Thresholds, today: date) -> bool:
    return (today - event.started_on).days <= t.lookback_days


def _by_youth(events: list[EventFact], kind: str) -> dict[int | None, list[EventFact]]:
    grouped: dict[int | None, list[EventFact]] = defaultdict(list)
    for event in events:
        if event.kind == kind:
            grouped[event.member_id].append(event)
    return grouped


def _repeated(
    h: CaseHistory, t: Thresholds, today: date, kind: str, count: int
) -> Iterator[tuple[EventFact, int]]:
    """The latest recent event of ``kind`` that is at least the ``count``-th within a year,
    per youth."""
    for events in _by_youth(h.events, kind).values():
        events.sort(key=lambda e: (e.started_on, e.id))
        for event in reversed(events):
            if not _recent(event, t, today):
                break
            within = [
                e for e in events if event.started_on - YEAR < e.started_on <= event.started_on
            ]
            if len(within) >= count:
                yield event, len(within)
                break


def transfers(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    for event, n in _repeated(h, t, today, TRANSFER, t.transfers_count):
        yield Finding(Rule.TRANSFERS, f"e{event.id}", {"count": n, "on": _iso(event.started_on)}, 4)


def runaway(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    for event, n in _repeated(h, t, today, RUNAWAY, t.runaway_count):
        yield Finding(Rule.RUNAWAY, f"e{event.id}", {"count": n, "on": _iso(event.started_on)}, 4)


def waiting(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    for events in _by_youth(h.events, WAITING_START).values():
        for start in events:
            ended = (
                any(
                    e.kind == WAITING_END
                    and e.member_id == start.member_id
                    and e.started_on >= start.started_on
                    for e in h.events
                )
                or start.ended_on is not None
            )
            days = (today - start.started_on).days
            if not ended and days > t.waiting_norm_days:
                detail = {"days": days, "norm": t.waiting_norm_days}
                yield Finding(Rule.WAITING, f"e{start.id}", detail, 3)


def _current_analysis(h: CaseHistory, t: Thresholds, started: date) -> bool:
    return any(
        made <= started and (started - made).days <= t.analysis_max_age_days
        for made in h.analysis_dates
    )


def without_analysis(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    starts = [(f"e{e.id}", "placement", e.started_on) for e in h.events if e.kind == PLACEMENT]
    starts += [(f"i{pk}", "help", started) for pk, started in h.interventions]
    for key, what, started in starts:
        if (today - started).days > t.lookback_days or _current_analysis(h, t, started):
            continue
        yield Finding(Rule.NO_ANALYSIS, key, {"what": what, "on": _iso(started)}, 4)


def seclusion(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    """One signal for the latest seclusion, with how many there were within the look-back: a
    new seclusion makes a new signal, earlier ones no longer apply."""
    recent = [e for e in h.events if e.kind == SECLUSION and _recent(e, t, today)]
    if recent:
        latest = max(recent, key=lambda e: (e.started_on, e.id))
        detail = {"on": _iso(latest.started_on), "count": len(recent)}
        yield Finding(Rule.SECLUSION, f"e{latest.id}", detail, 5)


def not_heard(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    streak = _streak(h.moments, lambda m: None if m.heard is None else m.heard <= t.not_heard_max)
    if streak and len(streak) >= t.not_heard_moments:
        detail = {"count": len(streak), "since": _iso(streak[0].recorded_on)}
        yield Finding(Rule.NOT_HEARD, f"m{streak[0].id}", detail, 3)


def score_gap(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    with_family = [m for m in h.moments if any(f is not None for _s, f in m.scores.values())]
    if not with_family:
        return
    moment = with_family[-1]
    gaps = [
        abs(score - family)
        for goal_id, (score, family) in moment.scores.items()
        if family is not None and goal_id in h.open_goal_ids
    ]
    wide = [gap for gap in gaps if gap >= t.score_gap]
    if wide:
        detail = {"goals": len(wide), "gap": max(wide), "on": _iso(moment.recorded_on)}
        yield Finding(Rule.SCORE_GAP, f"m{moment.id}", detail, 2)


def recurrence(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    if (today - h.opened_on).days > t.lookback_days:
        return
    for closed in sorted(h.earlier_closings, reverse=True):
        days = (h.opened_on - closed).days
        if 0 <= days <= t.recurrence_days:
            detail = {"closed_on": _iso(closed), "days": days}
            yield Finding(Rule.RECURRENCE, f"c{_iso(closed)}", detail, 3)
            return


def overdue_agreements(h: CaseHistory, t: Thresholds, today: date) -> Iterator[Finding]:
    for agreement_id, due in h.open_agreements:
        if due < today:
            detail = {"due": _iso(due), "days": (today - due).days}
            yield Finding(Rule.OVERDUE_AGREEMENT, f"a{agreement_id}", detail, 3)


RULES: tuple[Callable[[CaseHistory, Thresholds, date], Iterator[Finding]], ...] = (
    plan_misfit,
    safety,
    no_progress,
    no_moment,
    transfers,
    waiting,
    without_analysis,
    seclusion,
    runaway,
    not_heard,
    score_gap,
    recurrence,
    overdue_agreements,
)


def evaluate(h: CaseHistory, t: Thresholds, today: date) -> list[Finding]:
    """Every finding on an open case; a closed case asks for no attention."""
    if h.closed_on is not None:
        return []
    return [finding for rule in RULES for finding in rule(h, t, today)]
