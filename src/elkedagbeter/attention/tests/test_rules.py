"""Every rule against hand-made case histories: it fires when it should and not when it should
not. Pure: no database."""

from __future__ import annotations

from datetime import date, timedelta

from elkedagbeter.attention.models import Rule, Thresholds
from elkedagbeter.attention.rules import CaseHistory, EventFact, MomentFact, evaluate

TODAY = date(2026, 6, 1)
T = Thresholds()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def moment(
    pk: int,
    days_ago: int,
    *,
    safety: int = 7,
    plan: str = "ja",
    heard: int | None = 4,
    scores: dict[int, tuple[int, int | None]] | None = None,
) -> MomentFact:
    return MomentFact(pk, ago(days_ago), safety, plan, heard, scores or {})


def history(**kwargs: object) -> CaseHistory:
    kwargs.setdefault("opened_on", ago(200))
    return CaseHistory(case_id=1, **kwargs)


def rules(h: CaseHistory, t: Thresholds = T, today: date = TODAY) -> list[Rule]:
    return [f.rule for f in evaluate(h, t, today)]


def fired(h: CaseHistory, rule: Rule, t: Thresholds = T) -> bool:
    return rule in rules(h, t)


# A calm case: recent moments, everything fits, progress, heard. Nothing fires.
CALM = [
    moment(1, 60, scores={10: (-1, None)}),
    moment(2, 30, scores={10: (0, None)}),
    moment(3, 5, scores={10: (1, 1)}),
]


def calm(**kwargs: object) -> CaseHistory:
    kwargs.setdefault("moments", list(CALM))
    kwargs.setdefault("open_goal_ids", {10})
    return history(**kwargs)


def test_a_calm_case_gives_no_signal() -> None:
    assert rules(calm()) == []


def test_a_closed_case_gives_no_signal() -> None:
    assert rules(history(closed_on=ago(1), moments=[moment(1, 300, safety=1)])) == []


def test_plan_does_not_fit_twice_in_a_row() -> None:
    twice = calm(moments=[*CALM[:2], moment(3, 20, plan="nee"), moment(4, 5, plan="nee")])
    assert fired(twice, Rule.PLAN_MISFIT)
    interrupted = calm(moments=[moment(3, 20, plan="nee"), moment(4, 5, plan="deels")])
    assert not fired(interrupted, Rule.PLAN_MISFIT)
    once = calm(moments=[*CALM[:2], moment(4, 5, plan="nee")])
    assert not fired(once, Rule.PLAN_MISFIT)


def test_plan_misfit_keeps_its_key_while_the_streak_lasts() -> None:
    two = calm(moments=[moment(3, 20, plan="nee"), moment(4, 5, plan="nee")])
    three = calm(moments=[*two.moments, moment(5, 1, plan="nee")])
    key = [f.key for f in evaluate(two, T, TODAY) if f.rule == Rule.PLAN_MISFIT]
    assert key == [f.key for f in evaluate(three, T, TODAY) if f.rule == Rule.PLAN_MISFIT]


def test_safety_drop_of_two_or_more() -> None:
    assert fired(calm(moments=[moment(1, 20, safety=8), moment(2, 5, safety=6)]), Rule.SAFETY)
    assert not fired(calm(moments=[moment(1, 20, safety=8), moment(2, 5, safety=7)]), Rule.SAFETY)


def test_safety_below_the_regions_threshold() -> None:
    low = calm(moments=[moment(1, 20, safety=4), moment(2, 5, safety=4)])
    assert fired(low, Rule.SAFETY)
    assert not fired(calm(moments=[moment(2, 5, safety=5)]), Rule.SAFETY)
    strict = Thresholds(safety_floor=6)
    assert fired(calm(moments=[moment(2, 5, safety=5)]), Rule.SAFETY, strict)


def test_no_progress_over_three_moments() -> None:
    flat = [moment(i, 90 - 30 * i, scores={10: (0, None)}) for i in range(3)]
    assert fired(calm(moments=flat), Rule.NO_PROGRESS)
    assert not fired(calm(moments=flat[:2]), Rule.NO_PROGRESS)
    rising = [*flat[:2], moment(5, 1, scores={10: (1, None)})]
    assert not fired(calm(moments=rising), Rule.NO_PROGRESS)
    # A closed goal does not count.
    assert not fired(calm(moments=flat, open_goal_ids={11}), Rule.NO_PROGRESS)


def test_no_monitoring_moment_longer_than_the_norm() -> None:
    assert fired(calm(moments=[moment(1, 57)]), Rule.NO_MOMENT)
    assert not fired(calm(moments=[moment(1, 56)]), Rule.NO_MOMENT)
    # A case without any moment counts from its start.
    assert fired(history(opened_on=ago(60)), Rule.NO_MOMENT)
    assert not fired(history(opened_on=ago(10)), Rule.NO_MOMENT)
    assert not fired(
        calm(moments=[moment(1, 57)]), Rule.NO_MOMENT, Thresholds(monitoring_norm_days=90)
    )


def transfer(pk: int, days_ago: int, member: int | None = 1) -> EventFact:
    return EventFact(pk, "overplaatsing", ago(days_ago), member_id=member)


def test_third_transfer_within_twelve_months() -> None:
    assert fired(calm(events=[transfer(1, 300), transfer(2, 100), transfer(3, 10)]), Rule.TRANSFERS)
    # Spread over more than a year.
    assert not fired(
        calm(events=[transfer(1, 400), transfer(2, 100), transfer(3, 10)]), Rule.TRANSFERS
    )
    # Two youths, each moved twice.
    spread = [transfer(1, 300, 1), transfer(2, 100, 2), transfer(3, 10, 1), transfer(4, 5, 2)]
    assert not fired(calm(events=spread), Rule.TRANSFERS)


def test_waiting_above_the_norm() -> None:
    start = EventFact(1, "wachttijd_start", ago(50))
    assert fired(calm(events=[start]), Rule.WAITING)
    assert not fired(calm(events=[EventFact(1, "wachttijd_start", ago(40))]), Rule.WAITING)
    ended = [start, EventFact(2, "wachttijd_einde", ago(5))]
    assert not fired(calm(events=ended), Rule.WAITING)


def test_help_or_placement_without_a_current_analysis() -> None:
    placement = EventFact(1, "uithuisplaatsing", ago(30))
    assert fired(calm(events=[placement]), Rule.NO_ANALYSIS)
    assert not fired(calm(events=[placement], analysis_dates=[ago(60)]), Rule.NO_ANALYSIS)
    # An analysis written after the start does not count; nor does an outdated one.
    assert fired(calm(events=[placement], analysis_dates=[ago(10)]), Rule.NO_ANALYSIS)
    assert fired(calm(events=[placement], analysis_dates=[ago(500)]), Rule.NO_ANALYSIS)
    assert fired(calm(interventions=[(7, ago(20))]), Rule.NO_ANALYSIS)
    assert not fired(calm(interventions=[(7, ago(20))], analysis_dates=[ago(20)]), Rule.NO_ANALYSIS)
    # Long ago: no longer a signal.
    assert not fired(calm(interventions=[(7, ago(400))]), Rule.NO_ANALYSIS)


def test_one_signal_for_the_latest_seclusion() -> None:
    three = [EventFact(n, "separatie", ago(30 * n)) for n in (1, 2, 3)]
    found = [f for f in evaluate(calm(events=three), T, TODAY) if f.rule == Rule.SECLUSION]
    assert [(f.key, f.detail["count"]) for f in found] == [("e1", 3)]


def test_a_seclusion() -> None:
    assert fired(calm(events=[EventFact(1, "separatie", ago(3))]), Rule.SECLUSION)
    assert not fired(calm(events=[EventFact(1, "separatie", ago(400))]), Rule.SECLUSION)
    assert not fired(calm(events=[EventFact(1, "crisis", ago(3))]), Rule.SECLUSION)


def test_running_away_twice() -> None:
    twice = [EventFact(1, "weglopen", ago(100)), EventFact(2, "weglopen", ago(3))]
    assert fired(calm(events=twice), Rule.RUNAWAY)
    assert not fired(calm(events=twice[1:]), Rule.RUNAWAY)
    far = [EventFact(1, "weglopen", ago(500)), EventFact(2, "weglopen", ago(3))]
    assert not fired(calm(events=far), Rule.RUNAWAY)


def test_family_not_heard_twice() -> None:
    twice = [moment(1, 30, heard=2), moment(2, 5, heard=1)]
    assert fired(calm(moments=twice), Rule.NOT_HEARD)
    # A moment without an answer neither breaks nor adds to the streak.
    assert fired(calm(moments=[twice[0], moment(3, 15, heard=None), twice[1]]), Rule.NOT_HEARD)
    assert not fired(calm(moments=[moment(1, 30, heard=2), moment(2, 5, heard=3)]), Rule.NOT_HEARD)
    assert not fired(calm(moments=[moment(2, 5, heard=1)]), Rule.NOT_HEARD)


def test_family_and_professional_differ_by_two() -> None:
    apart = [moment(1, 5, scores={10: (2, 0)})]
    assert fired(calm(moments=apart), Rule.SCORE_GAP)
    assert not fired(calm(moments=[moment(1, 5, scores={10: (2, 1)})]), Rule.SCORE_GAP)
    assert not fired(calm(moments=[moment(1, 5, scores={10: (2, None)})]), Rule.SCORE_GAP)


def test_reported_again_within_a_year_after_closing() -> None:
    again = calm(opened_on=ago(20), earlier_closings=[ago(100)])
    assert fired(again, Rule.RECURRENCE)
    assert not fired(calm(opened_on=ago(20), earlier_closings=[ago(500)]), Rule.RECURRENCE)
    assert not fired(calm(opened_on=ago(20)), Rule.RECURRENCE)


def test_overdue_agreement() -> None:
    assert fired(calm(open_agreements=[(1, ago(1))]), Rule.OVERDUE_AGREEMENT)
    assert not fired(calm(open_agreements=[(1, TODAY)]), Rule.OVERDUE_AGREEMENT)


def test_safety_marker_weighs_heavier() -> None:
    low = [moment(2, 5, safety=3)]
    plain = evaluate(calm(moments=low), T, TODAY)[0]
    marked = evaluate(calm(moments=low, markers=frozenset({"veiligheid"})), T, TODAY)[0]
    assert marked.weight > plain.weight
