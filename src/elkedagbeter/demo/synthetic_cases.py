"""Invented but realistic case histories for the demo and the benchmarks.

Most households are never placed; some get a placement chain with transfers; seclusions happen
almost only in closed settings. Texts are generic phrases, never real people.

Everything happens between the case's opening and its last day (the closing date, or today for
an open case): nothing lies in the future or after closing, and a placement still running when
the case closed ends on the closing date. ``save_histories`` checks every event and monitoring
moment with the rules a user's input goes through (``cases.timeline.event_errors``,
``monitoring.rules.moment_errors``) and refuses to write a history that breaks one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.models import (
    AnalysisVersion,
    Case,
    Event,
    EventKind,
    Goal,
    HouseholdMember,
    Intervention,
    Involvement,
    InvolvementMode,
    LegalBasis,
    LifeDomain,
    MemberRole,
    Party,
    PlanVersion,
    ResidenceType,
)
from elkedagbeter.cases.timeline import event_errors
from elkedagbeter.demo.clock import at_on
from elkedagbeter.monitoring.models import GoalScore, MonitoringMoment, PlanFit, ScoreScale
from elkedagbeter.monitoring.rules import moment_errors

from . import synthetic_incidents

GOALS = [
    "We willen weer samen aan tafel kunnen eten zonder ruzie.",
    "Onze zoon gaat weer elke dag naar school.",
    "Ik wil mijn schulden op een rij hebben.",
    "We hebben een vaste plek om te wonen.",
    "Onze dochter durft weer te zeggen wat ze voelt.",
    "Opa en oma helpen mee op woensdag.",
    "Er is rust in huis na school.",
]
HYPOTHESES = {
    LifeDomain.PARENTING: "Ouders zitten op één lijn maar raken uitgeput door de nachten.",
    LifeDomain.DEVELOPMENT: "Mogelijk ontwikkelingsachterstand in taal; nog niet onderzocht.",
    LifeDomain.SCHOOL_WORK: "Verzuim lijkt samen te hangen met pesten in de klas.",
    LifeDomain.FINANCES: "Schulden geven stress; aflossing loopt via bewindvoering.",
    LifeDomain.HOUSING: "Tijdelijke woning, verhuizing dreigt binnen een halfjaar.",
    LifeDomain.SAFETY: "Eerdere melding huiselijk geweld; nu geen acute onveiligheid.",
    LifeDomain.NETWORK: "Klein netwerk; buurvrouw is een steunfiguur.",
}
INTERVENTIONS = [
    "Gezinscoaching thuis, twee keer per week",
    "Schoolmaatschappelijk werk",
    "Budgetcoaching",
    "Traumabehandeling voor de jeugdige",
    "Ouderbegeleiding",
]
PLAN_TEXT = "Wekelijks gezinsgesprek; school sluit aan bij het overleg; evaluatie na zes weken."
SETTINGS = ["gezinshuis", "pleeggezin", "open groep", "behandelgroep", "gesloten groep"]


@dataclass(frozen=True)
class Seclusions:
    """How often a youth in a closed placement is secluded, and a change of practice that
    really happened in the data: from ``changed_on``, in cases of teams of the municipality
    ``changed_in`` (an id), seclusions happen at ``factor`` times the usual rate. The demo uses
    it for its learning loop (a decision in Beekdal); nothing else changes."""

    per_month: float | None = None  # mean per month of closed stay; None: 0 to 4 per placement
    residential_per_month: float = 0.0  # mean per month in another residential group (OTHER)
    changed_in: int | None = None
    changed_on: date | None = None
    factor: float = 1.0

    def keeps(self, case: Case, day: date, rng: random.Random) -> bool:
        if self.changed_on is None or day < self.changed_on:
            return True
        if case.team.municipality_id != self.changed_in:
            return True
        return rng.random() < self.factor


USUAL = Seclusions()

# What families answer to "do you feel heard?" (None: not asked), with 4 and 5 as "heard".
HEARD_USUAL = (None, 2, 3, 3, 4, 5)
HEARD_TOGETHER = (None, 2, 3, 4, 4, 5, 5)
EARLY_HELP = 0.2  # the share of cases where help starts before the explanatory analysis


@dataclass(frozen=True)
class AnalysisFirst:
    """A change of practice in the teams of the municipality ``changed_in`` (an id): from
    ``changed_on``, new cases start help before the explanatory analysis at ``factor`` times the
    usual rate, and families who make the analysis together with their worker feel heard more
    often (``HEARD_TOGETHER``). The demo uses it for its learning loop; nothing else changes."""

    changed_in: int | None = None
    changed_on: date | None = None
    factor: float = 1.0

    def applies(self, case: Case, day: date) -> bool:
        return (
            self.changed_on is not None
            and day >= self.changed_on
            and case.team.municipality_id == self.changed_in
        )

    def early_help(self, case: Case) -> float:
        factor = self.factor if self.applies(case, case.opened_on) else 1.0
        return EARLY_HELP * factor

    def heard_answers(self, case: Case, day: date) -> tuple[int | None, ...]:
        return HEARD_TOGETHER if self.applies(case, day) else HEARD_USUAL


AS_USUAL = AnalysisFirst()


def _members(case: Case, rng: random.Random, today: date) -> list[HouseholdMember]:
    def born(low: int, high: int) -> int:
        return today.year - rng.randint(low, high)

    members = [
        HouseholdMember(case=case, role=MemberRole.PARENT, birth_year=born(26, 50))
        for _ in range(rng.choice([1, 2, 2]))
    ]
    members += [
        HouseholdMember(case=case, role=MemberRole.YOUTH, birth_year=born(1, 17))
        for _ in range(rng.randint(1, 3))
    ]
    return members


def last_day(case: Case, today: date) -> date:
    """The last day anything can happen to the case: its closing date, or today."""
    return min(today, case.closed_on) if case.closed_on else today


def _placements(
    case: Case,
    youth: HouseholdMember,
    rng: random.Random,
    last: date,
    author: User | None,
    seclusions: Seclusions = USUAL,
) -> list[Event]:
    """A chain of placements with transfers between them, the last possibly still running (on
    an open case) or ended on the closing date (on a closed one)."""
    start = case.opened_on + timedelta(days=rng.randint(20, 120))
    events: list[Event] = []
    closed = rng.random() < 0.15
    placements = rng.choice([1, 1, 2, 3, 4])
    for step in range(placements):
        if start >= last:
            break
        residence = (
            ResidenceType.CLOSED
            if closed
            else rng.choice(
                [ResidenceType.FOSTER_CARE, ResidenceType.FAMILY_HOME, ResidenceType.OTHER]
            )
        )
        end = start + timedelta(days=rng.randint(40, 300))
        running = end >= last
        ended_on = None if running and case.closed_on is None else min(end, last)
        events.append(
            Event(
                case=case,
                member=youth,
                kind=EventKind.PLACEMENT,
                started_on=start,
                ended_on=ended_on,
                residence_type=residence,
                legal_basis=LegalBasis.CLOSED_CARE_ORDER
                if residence == ResidenceType.CLOSED
                else rng.choice([LegalBasis.VOLUNTARY, LegalBasis.SUPERVISION]),
                created_by=author,
            )
        )
        if residence == ResidenceType.CLOSED:
            events += _seclusions(case, youth, rng, start, min(end, last), author, seclusions)
        elif residence == ResidenceType.OTHER and seclusions.residential_per_month:
            events += _seclusions(
                case,
                youth,
                rng,
                start,
                min(end, last),
                author,
                seclusions,
                per_month=seclusions.residential_per_month,
            )
        start = end + timedelta(days=1)
        if running or step == placements - 1 or start >= last:
            break
        # The next placement starts the day after this one ends: a transfer.
        events.append(
            Event(
                case=case,
                member=youth,
                kind=EventKind.TRANSFER,
                started_on=start,
                from_setting=rng.choice(SETTINGS),
                to_setting=rng.choice(SETTINGS),
                created_by=author,
            )
        )
    return events


def _seclusions(
    case: Case,
    youth: HouseholdMember,
    rng: random.Random,
    first: date,
    last: date,
    author: User | None,
    seclusions: Seclusions = USUAL,
    *,
    per_month: float | None = None,
) -> list[Event]:
    span = max(0, (last - first).days)
    per_month = seclusions.per_month if per_month is None else per_month
    if per_month is None:
        count = rng.randint(0, 4)
    else:  # each day of the stay with the same small chance, so a long stay has more
        chance = min(1.0, per_month / 30)
        count = sum(rng.random() < chance for _ in range(span))
    days = [first + timedelta(days=rng.randint(0, span)) for _ in range(count)]
    return [
        Event(
            case=case,
            member=youth,
            kind=EventKind.SECLUSION,
            started_on=day,
            duration_minutes=rng.choice([30, 60, 90, 180, 480]),
            place="afzonderingsruimte",
            created_by=author,
        )
        for day in days
        if seclusions.keeps(case, day, rng)
    ]


def _other_events(
    case: Case, rng: random.Random, last: date, author: User | None, *, extra: int = 0
) -> list[Event]:
    kinds = [
        EventKind.CRISIS,
        EventKind.RUNAWAY,
        EventKind.SCHOOL_DROPOUT,
        EventKind.HANDOVER,
        EventKind.BREAKDOWN,
    ]
    span = max(0, (last - case.opened_on).days)
    return [
        Event(
            case=case,
            kind=rng.choice(kinds),
            started_on=case.opened_on + timedelta(days=rng.randint(0, span)),
            created_by=author,
        )
        for _ in range(rng.choice([0, 0, 0, 1, 2]) + (rng.randint(0, 2 * extra) if extra else 0))
    ]


def _waiting(case: Case, rng: random.Random, last: date, author: User | None) -> list[Event]:
    """A wait for specialised help: most within six weeks, some far longer. A wait that would
    start after the case's last day does not happen; one still running then has no end."""
    start = case.opened_on + timedelta(days=rng.randint(5, 60))
    days = rng.choice([14, 21, 30, 40, 55, 90, 150])
    if start > last:
        return []
    if start + timedelta(days=days) > last:
        return [Event(case=case, kind=EventKind.WAITING_START, started_on=start, created_by=author)]
    return [
        Event(case=case, kind=EventKind.WAITING_START, started_on=start, created_by=author),
        Event(
            case=case,
            kind=EventKind.WAITING_END,
            started_on=start + timedelta(days=days),
            created_by=author,
        ),
    ]


@dataclass
class CaseHistory:
    """One case's invented contents, unsaved, so many cases can be written in bulk."""

    members: list[HouseholdMember] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    analyses: list[AnalysisVersion] = field(default_factory=list)
    plans: list[PlanVersion] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    moments: list[tuple[MonitoringMoment, list[GoalScore]]] = field(default_factory=list)


def _monitoring(
    case: Case,
    goals: list[Goal],
    rng: random.Random,
    last: date,
    author: User | None,
    practice: AnalysisFirst = AS_USUAL,
) -> list[tuple[MonitoringMoment, list[GoalScore]]]:
    moments = []
    day, level = case.opened_on + timedelta(days=30), rng.uniform(-1.5, 0)
    while day <= last:
        level = max(-2, min(2, level + rng.uniform(-0.4, 0.8)))
        moment = MonitoringMoment(
            case=case,
            recorded_on=day,
            scale=ScoreScale.GAS,
            safety=max(1, min(10, round(6 + level * 1.5 + rng.uniform(-1, 1)))),
            plan_fits=rng.choice([PlanFit.YES, PlanFit.YES, PlanFit.PARTLY, PlanFit.NO]),
            heard=rng.choice(practice.heard_answers(case, day)),
            recorded_by=author,
        )
        scores = [
            GoalScore(moment=moment, goal=goal, scale=ScoreScale.GAS, score=round(level))
            for goal in goals
        ]
        moments.append((moment, scores))
        day += timedelta(days=rng.randint(35, 60))
    return moments


def history_for(
    case: Case,
    rng: random.Random,
    today: date,
    author: User | None = None,
    *,
    extra_events: int = 0,
    seclusions: Seclusions = USUAL,
    practice: AnalysisFirst = AS_USUAL,
) -> CaseHistory:
    """A household, goals, analysis, plan, involvements and a history for a saved case."""
    last = last_day(case, today)
    history = CaseHistory(members=_members(case, rng, today))
    history.goals = [Goal(case=case, text=t) for t in rng.sample(GOALS, rng.randint(1, 3))]
    domains = rng.sample(list(HYPOTHESES), rng.randint(2, 4))
    # Most teams analyse first; in about one case in five help starts before the analysis.
    analysed_on = case.opened_on + timedelta(days=rng.randint(3, 25))
    history.analyses = [
        AnalysisVersion(
            case=case,
            number=1,
            hypotheses={d.value: HYPOTHESES[d] for d in domains},
            created_by=author,
            created_at=at_on(min(analysed_on, last)),
        )
    ]
    history.plans = [
        PlanVersion(
            case=case,
            number=number,
            text=PLAN_TEXT,
            reason="" if number == 1 else "Evaluatie: aanpak bijgesteld met het gezin.",
            created_by=author,
        )
        for number in range(1, rng.randint(2, 4))
    ]
    history.involvements = [
        Involvement(
            case=case, party=Party.SCHOOL, mode=InvolvementMode.INVOLVED, started_on=case.opened_on
        )
    ]
    if rng.random() < 0.4:
        history.involvements.append(
            Involvement(
                case=case,
                party=Party.SPECIALIST,
                description="kinder- en jeugdpsychiater",
                mode=rng.choice([InvolvementMode.CONSULTED, InvolvementMode.HANDED_OVER]),
                started_on=min(last, case.opened_on + timedelta(days=rng.randint(10, 60))),
            )
        )
    early = rng.random() < practice.early_help(case)
    started = (
        case.opened_on if early else min(last, analysed_on + timedelta(days=rng.randint(1, 20)))
    )
    history.interventions = [
        Intervention(case=case, description=rng.choice(INTERVENTIONS), started_on=started)
    ]
    history.events = _other_events(case, rng, last, author, extra=extra_events)
    if rng.random() < 0.3:
        history.events += _waiting(case, rng, last, author)
    youths = [m for m in history.members if m.role == MemberRole.YOUTH]
    if youths and rng.random() < 0.2:
        history.events += _placements(case, rng.choice(youths), rng, last, author, seclusions)
    history.moments = _monitoring(case, history.goals, rng, last, author, practice)
    history.events += synthetic_incidents.enrich(
        case, history.members, history.events, today, author
    )
    return history


class InvalidHistoryError(ValueError):
    """A generated history breaks a rule a user's input obeys: a bug in the generator."""


def history_errors(history: CaseHistory, today: date) -> list[str]:
    """Every rule the history's events and monitoring moments break, checked with the product's
    own rule functions (the ones the event form, ``record_event`` and ``record_moment`` use) and
    against the case's lifetime. Members must be saved (placements name their youth by id)."""
    errors = []
    for event in history.events:
        case = event.case
        for name, message in event_errors(event, today, history.events).items():
            errors.append(f"{case.reference} {event.kind} {event.started_on}: {name}: {message}")
        last = last_day(case, today)
        for day in (event.started_on, event.ended_on):
            if day is not None and not case.opened_on <= day <= last:
                errors.append(f"{case.reference} {event.kind} on {day}: outside the case")
        if case.closed_on and event.kind == EventKind.PLACEMENT and event.ended_on is None:
            errors.append(f"{case.reference}: a placement still runs after closing")
    for moment, scores in history.moments:
        case = moment.case
        by_goal = {index: score.score for index, score in enumerate(scores)}
        for name, message in moment_errors(moment, by_goal).items():
            errors.append(f"{case.reference} moment {moment.recorded_on}: {name}: {message}")
        if not case.opened_on <= moment.recorded_on <= last_day(case, today):
            errors.append(f"{case.reference} moment {moment.recorded_on}: outside the case")
    return errors


def save_histories(histories: list[CaseHistory], today: date, batch_size: int = 5000) -> None:
    """Write many histories with one bulk insert per table (foreign keys set after the insert
    of what they point to), after checking them with the rules a user's input obeys."""

    def insert(model: Any, objects: list[Any]) -> None:
        model.objects.bulk_create(objects, batch_size=batch_size)

    insert(HouseholdMember, [m for h in histories for m in h.members])
    insert(Goal, [g for h in histories for g in h.goals])
    insert(AnalysisVersion, [a for h in histories for a in h.analyses])
    insert(PlanVersion, [p for h in histories for p in h.plans])
    insert(Involvement, [i for h in histories for i in h.involvements])
    insert(Intervention, [i for h in histories for i in h.interventions])
    events = [e for h in histories for e in h.events]
    for event in events:
        if event.member is not None:
            event.member = event.member  # the member has its id now
    errors = [error for history in histories for error in history_errors(history, today)]
    if errors:
        raise InvalidHistoryError("\n".join(errors[:20]))
    insert(Event, events)
    insert(MonitoringMoment, [m for h in histories for m, _scores in h.moments])
    scores = [s for h in histories for _moment, scores in h.moments for s in scores]
    for score in scores:
        score.moment, score.goal = score.moment, score.goal
    insert(GoalScore, scores)


def fill_case(
    case: Case,
    rng: random.Random,
    today: date,
    author: User | None = None,
    seclusions: Seclusions = USUAL,
    practice: AnalysisFirst = AS_USUAL,
) -> None:
    """Give a bare case a household, goals, analysis, plan, involvements and a history."""
    history = history_for(case, rng, today, author, seclusions=seclusions, practice=practice)
    save_histories([history], today)
