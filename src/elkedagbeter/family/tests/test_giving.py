"""What the family gives: their own scores, safety and "voelt u zich gehoord?", their verdict on
the plan, the youth check. Stored through ``actions``, shown beside the professional's on the
case page, and read by the attention rules."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.attention.models import Rule, Signal
from elkedagbeter.attention.refresh import refresh_cases
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.cases.models import (
    Case,
    Event,
    EventKind,
    Explained,
    LegalBasis,
    ResidenceType,
)
from elkedagbeter.indicators import facts
from elkedagbeter.indicators.models import IndicatorFact
from elkedagbeter.monitoring.models import GoalScore

from ..models import FamilyAnswer, FamilyKind, PlanVerdict, YouthCheck
from .factories import Household, family_account, family_client, household


@pytest.fixture
def home(world: World) -> Household:
    return household(world.case_a, world.user("professional"))


def _answer(client: Client, home: Household, score: int, heard: int = 4) -> HttpResponse:
    data = {"safety": 6, "heard": heard, f"goal_{home.goal.pk}": score}
    return client.post(reverse("family:answer"), data)


def test_answers_stand_beside_the_professionals_and_feed_the_rules(
    world: World, home: Household, client_for: object
) -> None:
    prof = world.user("professional")
    parent = family_account(prof, world.case_a, home.parent, FamilyKind.PARENT, "ouder")
    youth = family_account(prof, world.case_a, home.older, FamilyKind.YOUTH, "jongere")
    assert _answer(family_client(parent), home, score=1, heard=4).status_code == 302
    assert _answer(family_client(youth), home, score=-2, heard=2).status_code == 302
    assert FamilyAnswer.objects.count() == 2
    goal_score = GoalScore.objects.get(moment=home.moment, goal=home.goal)
    home.moment.refresh_from_db()
    # The answer farthest from the professional's (1) and the lowest "heard" count.
    assert goal_score.family_score == -2 and home.moment.heard == 2
    assert (
        AccessLogEntry.objects.filter(
            event_code=EventCode.CASE_UPDATE, reason="family answers at a monitoring moment"
        ).count()
        == 2
    )
    refresh_cases([world.case_a.pk])
    assert Signal.objects.filter(case=world.case_a, rule=Rule.SCORE_GAP).exists()
    page = client_for("professional").get(  # type: ignore[operator]
        reverse("cases:detail", kwargs={"reference": world.case_a.reference})
    )
    html = page.content.decode()
    assert 'data-testid="family-scores"' in html
    assert "Jongere: -2" in html and "Ouder: 1" in html


def test_a_score_off_the_scale_is_refused(world: World, home: Household) -> None:
    prof = world.user("professional")
    parent = family_account(prof, world.case_a, home.parent, FamilyKind.PARENT, "ouder")
    response = _answer(family_client(parent), home, score=7)
    assert response.status_code == 200
    assert not FamilyAnswer.objects.exists()


def test_verdict_on_the_plan_needs_a_reason_to_disagree(
    world: World, home: Household, client_for: object
) -> None:
    prof = world.user("professional")
    parent = family_account(prof, world.case_a, home.parent, FamilyKind.PARENT, "ouder")
    client = family_client(parent)
    url = reverse("family:plan")
    assert client.post(url, {"agrees": "nee", "reason": ""}).status_code == 200
    assert not PlanVerdict.objects.exists()
    assert client.post(url, {"agrees": "nee", "reason": "Te weinig tijd"}).status_code == 302
    verdict = PlanVerdict.objects.get()
    assert verdict.plan_version == home.plan and not verdict.agrees
    page = client_for("professional").get(  # type: ignore[operator]
        reverse("cases:detail", kwargs={"reference": world.case_a.reference})
    )
    assert "Te weinig tijd" in page.content.decode()


def test_the_youth_check_is_for_young_people(
    world: World, home: Household, client_for: object
) -> None:
    prof = world.user("professional")
    parent = family_account(prof, world.case_a, home.parent, FamilyKind.PARENT, "ouder")
    youth = family_account(prof, world.case_a, home.older, FamilyKind.YOUTH, "jongere")
    url = reverse("family:youth_check")
    assert family_client(parent).get(url).status_code == 403
    response = family_client(youth).post(url, {"dichtbij": 3, "geen_instelling": 1})
    assert response.status_code == 302
    check = YouthCheck.objects.get()
    assert check.answers == {"dichtbij": 3, "geen_instelling": 1}
    page = client_for("professional").get(  # type: ignore[operator]
        reverse("cases:detail", kwargs={"reference": world.case_a.reference})
    )
    assert "Ik heb één persoon die ik vertrouw en die blijft." in page.content.decode()


def _yearly(code: str, team_id: int) -> tuple[int, int] | None:
    start = timezone.localdate().replace(month=1, day=1)
    fact = IndicatorFact.objects.filter(
        indicator=code, period_kind="jaar", period_start=start, team_id=team_id
    ).first()
    return (fact.numerator, fact.denominator) if fact else None


def test_the_young_persons_own_answers_count_before_the_professionals_record(
    world: World, home: Household
) -> None:
    today = timezone.localdate()
    Case.objects.filter(pk=world.case_a.pk).update(opened_on=today.replace(month=1, day=1))
    Event.objects.create(  # the professional recorded that the reason was explained
        case=world.case_a,
        kind=EventKind.PLACEMENT,
        member=home.older,
        started_on=today.replace(month=1, day=1),
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.VOLUNTARY,
        reason_explained=Explained.YES,
    )
    facts.rebuild()
    assert _yearly("zonder_uitleg", world.team_a.pk) == (0, 1)
    # The case was not open twelve months and has no casusregisseur: nothing to say yet.
    assert _yearly("vaste_hulpverlener", world.team_a.pk) is None

    youth = family_account(
        world.user("professional"), world.case_a, home.older, FamilyKind.YOUTH, "jongere"
    )
    family_client(youth).post(reverse("family:youth_check"), {"geen_instelling": 1, "dichtbij": 3})
    facts.rebuild()

    assert _yearly("zonder_uitleg", world.team_a.pk) == (1, 1)  # "no": they do not know why
    assert _yearly("vaste_hulpverlener", world.team_a.pk) == (1, 1)  # their own "yes"
