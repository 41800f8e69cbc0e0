"""The O-plaat of a zero goal with all its links, for ``bench/indicators.py``: puts a handful of
knelpunten (some raised from a case, some in progress, two solved with a decision), decisions,
partners asked ("wie hebben we nodig"), published story patterns, good examples and initiatives on
one zero goal of a generated region, through the apps' own actions, and times the page warm.
Prints figures; never fails on time."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.timing import measure
from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks import actions, partners
from elkedagbeter.bottlenecks.models import (
    Category,
    Level,
    ResponsibleBody,
    RoutingRule,
    Status,
)
from elkedagbeter.cases.models import Case
from elkedagbeter.indicators.decisions import DecisionInput, record_decision
from elkedagbeter.knowledge.models import ExampleZeroGoal, GoodExample, ImprovementInitiative
from elkedagbeter.organisations.models import Membership, Region, Role, Team
from elkedagbeter.stories import patterns
from elkedagbeter.stories.models import Pattern, PatternStatus
from elkedagbeter.stories.tests.factories import told

GOAL = "separaties"
INDICATOR = "separaties"


def _user(username: str, role: Role, **scope: object) -> User:
    user = User.objects.create_user(username=username, password="bench")  # noqa: S106
    Membership.objects.create(user=user, role=role, **scope)
    return user


@transaction.atomic
def put_the_loop_on_the_plate(region: Region, analyst: User) -> None:
    """Knelpunten, decisions, partners, patterns, examples and initiatives on ``GOAL``."""
    team = Team.objects.filter(municipality__region=region).order_by("pk").first()
    assert team is not None and team.municipality is not None
    municipality = team.municipality
    professional = _user("bench-professional", Role.PROFESSIONAL, team=team)
    handler = _user("bench-handler", Role.ANALYST, region=region)
    body = ResponsibleBody.objects.create(
        name=f"{region.name}, inkoop", level=Level.REGION, region=region
    )
    body.handlers.add(handler)
    RoutingRule.objects.create(position=10, body=body, region=region, level=Level.REGION)

    cases = list(Case.objects.filter(team=team).order_by("pk")[:4])
    for number in range(12):
        draft = actions.Draft(
            region=region,
            category=Category.NO_SUITABLE_CARE,
            title=f"Geen passende plek zonder separeerruimte {number}",
            municipality=municipality,
            team=team,
            zero_goals=(GOAL,),
        )
        case = cases[number % len(cases)] if number < len(cases) else None
        raised = actions.raise_bottleneck(professional, draft, case=case)
        if number % 3 == 0:
            actions.transition(handler, raised, Status.IN_PROGRESS, "We pakken het op.")
        if number in {0, 3}:
            decision = DecisionInput(
                title=f"Intensieve begeleiding in plaats van separatie {number}",
                starts_on=timezone.localdate() - timedelta(days=180),
                region=region,
                municipality=municipality,
                indicator_codes=(INDICATOR,),
                zero_goal_codes=(GOAL,),
            )
            actions.transition(handler, raised, Status.SOLVED, "Opgelost.", decision=decision)

    for number in range(3):  # decisions taken outside a knelpunt, e.g. by the region
        record_decision(
            DecisionInput(
                title=f"Regionaal besluit over separaties {number}",
                starts_on=timezone.localdate() - timedelta(days=90 * (number + 1)),
                region=region,
                indicator_codes=(INDICATOR,),
                zero_goal_codes=(GOAL,),
            ),
            by=analyst,
            origin="bench",
        )

    for given in (
        partners.Ask(region, GOAL, "Neem deel aan het regionale overleg", body=body),
        partners.Ask(region, GOAL, "Deel jullie werkwijze zonder separatie", team=team),
        partners.Ask(region, GOAL, "Denk mee als ervaringsdeskundige", role_name="Ouderraad"),
        partners.Ask(region, GOAL, "Lever een gedragswetenschapper", role_name="Aanbieder"),
    ):
        partners.ask_partner(analyst, given)

    for number in range(3):
        stories = [told(municipality, title=f"Verhaal {number}-{index}").pk for index in range(10)]
        pattern = patterns.create_pattern(
            f"Patroon over separaties {number}", region=region, stories=stories
        )
        patterns.save_links(pattern, [GOAL], [])
        Pattern.objects.filter(pk=pattern.pk).update(status=PatternStatus.PUBLISHED)

    for number in range(4):
        example = GoodExample.objects.create(
            region=region,
            title=f"Zonder separatie {number}",
            what="Wat we deden",
            for_whom="Jongeren in een crisis",
            achieved="Wat het opleverde",
            contact_role="teamcoördinator",
        )
        ExampleZeroGoal.objects.create(example=example, zero_goal=GOAL)
        ImprovementInitiative.objects.create(
            region=region,
            title=f"Minder separaties {number}",
            question="Waarom gebeurt dit?",
            zero_goal=GOAL,
            indicator=INDICATOR,
        )


def bench_plate(region: Region, analyst: User, client: Client, dashboard_ms: float) -> None:
    """Time the O-plaat of ``GOAL`` for the region warm, and print it beside the dashboard."""
    put_the_loop_on_the_plate(region, analyst)
    url = f"/beweging-van-0/nuldoelen/{GOAL}/?plaats=regio-{region.pk}"
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert "Geen passende plek zonder separeerruimte" in page
    for part in (
        "Patroon over separaties",  # patterns
        "Intensieve begeleiding in plaats van separatie",  # decisions
        "Neem deel aan het regionale overleg",  # partners
        "Minder separaties",  # initiatives
        "Zonder separatie",  # good examples
    ):
        assert part in page, part  # the page the figures are for really has all its links
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(f"O-plaat {GOAL}: {len(queries)} queries, {len(response.content) // 1024} kB")
    plate_ms = measure(f"O-plaat {GOAL}, one region, with all its links", lambda: client.get(url))
    print(
        f"O-plaat / regional dashboard: {plate_ms:.1f} ms / {dashboard_ms:.1f} ms "
        f"(target for the O-plaat: under 300 ms warm)"
    )
