"""The demo professional's attention list: a few households registered and followed through the
same actions a professional uses, so the list has something to say, and one signal set aside
and one acted on so the figures per rule have a start. Signals of the generated cases are
derived afterwards by the same refresh that runs from cron."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.http import HttpRequest
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.attention import actions as attention_actions
from elkedagbeter.attention.models import (
    Agreement,
    CaseConference,
    Consultation,
    FollowUp,
    NextStep,
    Rule,
    SetAsideReason,
    Signal,
    Status,
    Theme,
    Triage,
)
from elkedagbeter.attention.refresh import refresh_region
from elkedagbeter.cases import actions
from elkedagbeter.cases.models import Case, FormTiming, Goal, HouseholdMember, MemberRole
from elkedagbeter.cases.registration import record_form_timing
from elkedagbeter.demo.clock import at_on
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale
from elkedagbeter.organisations.models import Region, Team


def request_as(user: User) -> HttpRequest:
    """A request on behalf of a demo user, for actions that log where a change came from."""
    request = HttpRequest()
    request.user = user
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    request.META["HTTP_USER_AGENT"] = "load_demo"
    return request


@dataclass(frozen=True)
class Moment:
    days_ago: int
    safety: int
    plan_fits: str
    heard: int | None
    score: int
    family: int | None = None


# (goal, moments oldest first): each household tells one story the rules pick up.
HOUSEHOLDS: list[tuple[str, list[Moment]]] = [
    (  # the plan no longer fits, twice
        "We willen weer samen aan tafel kunnen eten zonder ruzie.",
        [
            Moment(70, 6, PlanFit.YES, 4, -1),
            Moment(35, 6, PlanFit.NO, 3, -1),
            Moment(6, 5, PlanFit.NO, 3, -1),
        ],
    ),
    (  # safety falls
        "Onze dochter durft weer te zeggen wat ze voelt.",
        [
            Moment(60, 7, PlanFit.YES, 4, 0),
            Moment(30, 8, PlanFit.YES, 4, 1),
            Moment(3, 5, PlanFit.PARTLY, 4, 0),
        ],
    ),
    (  # the family does not feel heard, and scores apart
        "Onze zoon gaat weer elke dag naar school.",
        [Moment(50, 7, PlanFit.YES, 2, 1), Moment(20, 7, PlanFit.YES, 1, 1, family=-1)],
    ),
]


def _household(
    request: HttpRequest, team: Team, today: date, goal: str, moments: list[Moment]
) -> Case:
    case = actions.register_case(request, team=team)
    Case.objects.filter(pk=case.pk).update(opened_on=today - timedelta(days=100))
    case.refresh_from_db()
    actions.add_member(request, case, HouseholdMember(role=MemberRole.PARENT, age_band="23+"))
    actions.add_member(request, case, HouseholdMember(role=MemberRole.YOUTH, age_band="12-17"))
    actions.add_item(request, case, Goal(text=goal))
    goal_id = case.goals.get().pk
    for m in moments:
        moment = MonitoringMoment(
            recorded_on=today - timedelta(days=m.days_ago),
            scale=ScoreScale.GAS,
            safety=m.safety,
            plan_fits=m.plan_fits,
            heard=m.heard,
        )
        family = {goal_id: m.family} if m.family is not None else {}
        actions.record_moment(request, case, moment, {goal_id: m.score}, family=family)
    return case


def load_demo_attention(
    region: Region,
    team: Team,
    professional: User,
    coordinator: User,
    today: date,
    *,
    expert: User,
    expert_team: Team,
) -> None:
    if Case.objects.filter(team=team, case_manager=professional).exists():
        return  # loaded before
    request = request_as(professional)
    cases = [_household(request, team, today, goal, moments) for goal, moments in HOUSEHOLDS]
    refresh_region(region.pk, today=today)
    # One acted on, one set aside: the figures per rule have a start.
    first = Signal.objects.filter(case=cases[0], rule=Rule.PLAN_MISFIT, status=Status.OPEN).first()
    if first is not None:
        attention_actions.act_on_case(request_as(coordinator), cases[0], NextStep.CONFERENCE)
    gap = Signal.objects.filter(case=cases[2], rule=Rule.SCORE_GAP, status=Status.OPEN).first()
    if gap is not None:
        attention_actions.set_aside(request, gap, SetAsideReason.HANDLED, "Besproken met moeder.")
    _conference(request_as(coordinator), cases[0], today)
    _consultations(request, request_as(expert), team, expert_team, cases[1], today)
    refresh_region(region.pk, today=today)


def _conference(request: HttpRequest, case: Case, today: date) -> None:
    """A case conference a month ago; one of its agreements is overdue (a signal)."""
    conference = CaseConference(
        held_on=today - timedelta(days=30),
        participants="Jeugdprofessional wijkteam\nMentor voortgezet onderwijs\nGGZ-behandelaar",
        question="Wat is er nodig zodat het gezin weer samen aan tafel kan?",
    )
    agreements = [
        Agreement(
            what="Gezinsgesprek met school", who="Mentor, school", due_on=today - timedelta(days=5)
        ),
        Agreement(
            what="Plan bijstellen met het gezin",
            who="Jeugdprofessional, wijkteam",
            due_on=today + timedelta(days=10),
        ),
    ]
    attention_actions.record_conference(request, case, conference, agreements)


def _consultations(
    asker: HttpRequest, expert: HttpRequest, team: Team, expert_team: Team, case: Case, today: date
) -> None:
    """One consultation advised three months ago, so its follow-up question is due for the
    professional; and a handful on other households about the same theme, for the figures."""
    main = attention_actions.ask_expert_team(
        asker,
        case,
        Consultation(
            expert_team=expert_team,
            situation="De dochter trekt zich terug; er zijn zorgen over de veiligheid thuis.",
            tried="Gezinscoaching en een netwerkberaad.",
            needed="Advies over passende ondersteuning zonder uithuisplaatsing.",
        ),
    )
    attention_actions.triage(expert, main, Triage.JOIN, theme=Theme.NO_SUITABLE_CARE)
    attention_actions.advise(
        expert, main, "Schakel de ambulante GGZ bij; wij sluiten aan bij het volgende overleg."
    )
    asked = timezone.now() - timedelta(days=100)
    Consultation.objects.filter(pk=main.pk).update(
        asked_at=asked, triaged_at=asked + timedelta(days=4), advised_at=asked + timedelta(days=9)
    )
    FollowUp.objects.filter(consultation=main, months=3).update(due_on=today - timedelta(days=1))
    others = Case.objects.filter(team=team, closed_on__isnull=True, case_manager__isnull=True)
    for n, other in enumerate(others.order_by("id")[:6]):
        consultation = attention_actions.ask_expert_team(
            asker,
            other,
            Consultation(
                expert_team=expert_team,
                situation="Vastgelopen: geen aanbod dat past bij wat de jongere nodig heeft.",
                tried="Twee trajecten afgebroken.",
                needed="Meedenken over wat wel past.",
            ),
        )
        attention_actions.triage(expert, consultation, Triage.ADVISE, theme=Theme.NO_SUITABLE_CARE)
        started = timezone.now() - timedelta(days=60 + 7 * n)
        Consultation.objects.filter(pk=consultation.pk).update(
            asked_at=started, triaged_at=started + timedelta(days=3 + 3 * n)
        )


def load_demo_timings(region: Region, today: date) -> None:
    """What the generated monitoring moments cost, as the middleware records a saved form: about
    four minutes each before the lighter form of two months ago, under two since."""
    if FormTiming.objects.filter(team__region=region).exists():
        return  # loaded before
    rng = random.Random(20261204)  # noqa: S311 - synthetic data, not security
    lighter_since = today - timedelta(days=60)
    moments = MonitoringMoment.objects.filter(case__team__region=region).values_list(
        "case_id", "recorded_on", "recorded_by_id"
    )
    cases = {c.pk: c for c in Case.objects.filter(team__region=region).only("id", "team_id")}
    for case_id, recorded_on, user_id in moments.iterator():
        light = recorded_on >= lighter_since
        record_form_timing(
            user_id=user_id,
            form="cases:moment_new",
            seconds=rng.randint(50, 110) if light else rng.randint(150, 330),
            changed=rng.randint(2, 6) if light else rng.randint(6, 9),
            case=cases[case_id],
            at=at_on(recorded_on, 11),
        )
