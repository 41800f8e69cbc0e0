"""Invented bottlenecks for the demo region: bodies with the mandate, routing rules, response
norms, and bottlenecks with a history, comments, "wij ook" and a few published solutions.

Histories lie in the past; they are replayed through ``bottlenecks.actions`` with each step's
time (``at=``), so the state machine, who may take each step, routing, due dates and
de-identification are the ones users meet. Loading is idempotent: nothing is added to a region
that has bottlenecks already.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.test.utils import override_settings
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.models import (
    Bottleneck,
    Category,
    DayKind,
    Level,
    ResponseNorm,
    ResponsibleBody,
    RoutingRule,
    Status,
)
from elkedagbeter.demo.clock import at_on
from elkedagbeter.organisations.models import Municipality, Region, Team

C = Category
S = Status

NORMS = {
    C.FINANCING: (10, 40, DayKind.WORKING),
    C.WAITING: (5, 20, DayKind.WORKING),
    C.NO_SUITABLE_CARE: (5, 30, DayKind.WORKING),
    C.RULES: (15, None, DayKind.CALENDAR),
    C.TRANSITION_18: (10, 30, DayKind.WORKING),
    C.COOPERATION: (10, None, DayKind.WORKING),
    C.PRIVACY: (10, None, DayKind.WORKING),
    C.WORKFORCE: (20, None, DayKind.CALENDAR),
}


@dataclass(frozen=True)
class _Spec:
    """A bottleneck and what happened to it: (days later, status, text) per step."""

    days_ago: int
    category: str
    title: str
    description: str
    team: str
    reporter: str
    steps: tuple[tuple[int, str, str], ...] = ()
    level: str = ""
    age_band: str = ""
    we_too: tuple[str, ...] = ()
    comments: tuple[tuple[str, str], ...] = ()
    published: str = ""


BN, BZ, HC = "Wijkteam Beekdal-Noord", "Wijkteam Beekdal-Zuid", "Wijkteam Hoogveen-Centrum"
HO, LW, EX = "Wijkteam Hoogveen-Oost", "Wijkteam Lindewaard", "Expertteam Jeugdregio Voorbeeld"

SPECS = [
    _Spec(
        280,
        C.FINANCING,
        "Twee gemeenten betwisten wie de pleegzorg betaalt na een verhuizing",
        "Het kind woont sinds de zomer bij pleegouders in een andere gemeente. Beide gemeenten "
        "verwijzen naar het woonplaatsbeginsel en de aanbieder stopt na drie maanden zonder "
        "betaling.",
        BN,
        "professional",
        steps=(
            (3, S.IN_PROGRESS, "Opgepakt met de afdeling financiën."),
            (
                30,
                S.SOLVED,
                "Afspraak: de gemeente waar het kind woont betaalt voor en "
                "verrekent daarna. Vastgelegd in een regionale werkafspraak.",
            ),
        ),
        age_band="4-11",
        we_too=("coordinator", "expert"),
        comments=(("analyst", "Ook in Hoogveen speelde dit twee keer dit jaar."),),
        published="Als gemeenten het oneens zijn over wie betaalt, betaalt de gemeente waar het "
        "kind woont voor en verrekenen ze het daarna. Geen hulp meer die stopt door een "
        "betaalruzie.",
    ),
    _Spec(
        200,
        C.FINANCING,
        "Woonplaatsbeginsel: onenigheid tussen gemeenten over de betaling van pleegzorg",
        "Na een verhuizing van de ouder is onduidelijk welke gemeente verantwoordelijk is.",
        HC,
        "expert",
        steps=((12, S.IN_PROGRESS, ""),),
        age_band="12-17",
    ),
    _Spec(
        240,
        C.WAITING,
        "Wachtlijst specialistische jeugd-ggz is langer dan een half jaar",
        "Voor traumabehandeling bij jongeren is de wachttijd bij alle gecontracteerde "
        "aanbieders meer dan 26 weken. Overbruggingszorg is er niet.",
        BN,
        "coordinator",
        steps=(
            (4, S.IN_PROGRESS, "Besproken in het regionale inkoopoverleg."),
            (
                40,
                S.ESCALATED,
                "Het tekort aan behandelaren is landelijk; de regio kan het niet alleen oplossen.",
            ),
        ),
        age_band="12-17",
        we_too=("professional", "expert", "gemeente"),
        comments=(
            ("expert", "Wij zien dezelfde wachttijden bij de casussen die bij ons komen."),
            ("analyst", "Doorgezet naar het ministerie met de cijfers uit de regio."),
        ),
    ),
    _Spec(
        150,
        C.WAITING,
        "Wachttijd voor specialistische ggz voor jongeren meer dan 6 maanden",
        "Jongere met angstklachten wacht sinds februari; de huisarts en school maken zich zorgen.",
        HO,
        "expert",
        age_band="12-17",
    ),
    _Spec(
        60,
        C.WAITING,
        "Wachtlijst jeugd-ggz: een half jaar wachten op behandeling",
        "",
        LW,
        "expert",
        steps=((2, S.IN_PROGRESS, ""),),
    ),
    _Spec(
        190,
        C.NO_SUITABLE_CARE,
        "Geen gezinshuisplek in de regio voor een jongere die uit een gesloten plaatsing komt",
        "De jongere kan over zes weken uitstromen maar er is geen gezinshuis met plek; "
        "alternatief is verlenging van de gesloten plaatsing.",
        BN,
        "professional",
        steps=(
            (2, S.IN_PROGRESS, "Navraag bij alle gezinshuizen in de regio."),
            (
                20,
                S.SOLVED,
                "Samen met een aanbieder een extra gezinshuisplek ingericht; de "
                "jongere is daar gestart.",
            ),
        ),
        age_band="12-17",
        published="Voor jongeren die uit een gesloten plaatsing komen is er een extra "
        "gezinshuisplek in de regio, zodat niemand langer dan nodig gesloten blijft.",
    ),
    _Spec(
        45,
        C.NO_SUITABLE_CARE,
        "Geen passend aanbod voor een gezin met een kind met een verstandelijke beperking en "
        "ernstige gedragsproblemen",
        "",
        EX,
        "expert",
        age_band="4-11",
        we_too=("professional",),
    ),
    _Spec(
        170,
        C.TRANSITION_18,
        "Bij 18 jaar stopt de jeugdhulp en de Wmo neemt het niet over",
        "De jongere woont in een kamertrainingscentrum. Na de achttiende verjaardag is er geen "
        "indicatie voor beschermd wonen en dreigt dakloosheid.",
        BZ,
        "coordinator",
        steps=(
            (5, S.IN_PROGRESS, "Overleg jeugd en Wmo gepland."),
            (
                35,
                S.SOLVED,
                "Werkafspraak: vanaf 16,5 jaar een gezamenlijk perspectiefplan "
                "jeugd en Wmo, met verlengde jeugdhulp waar nodig.",
            ),
        ),
        age_band="12-17",
        we_too=("professional", "expert"),
        published="Jongeren krijgen vanaf 16,5 jaar één plan met jeugdhulp en Wmo samen, zodat "
        "de hulp niet stopt op hun achttiende.",
    ),
    _Spec(
        80,
        C.TRANSITION_18,
        "Verlengde jeugdhulp na 18 wordt afgewezen terwijl de behandeling nog loopt",
        "",
        BN,
        "professional",
        steps=(
            (
                14,
                S.NOT_SOLVABLE,
                "De wet laat verlenging alleen toe als de hulp vóór 18 "
                "is gestart en nodig blijft; hier was dat niet zo.",
            ),
            (20, S.REOPENED, "De behandeling was wél vóór 18 gestart; zie de beschikking."),
        ),
        age_band="18-22",
    ),
    _Spec(
        130,
        C.RULES,
        "Een nieuwe beschikking is nodig voor elke kleine wijziging in de hulp",
        "Het aanvragen kost het wijkteam en het gezin weken; de hulp staat zolang stil.",
        HC,
        "expert",
        steps=(
            (20, S.IN_PROGRESS, ""),
            (
                60,
                S.SOLVED,
                "Beschikkingen zijn voortaan taakgericht: wijzigingen binnen de "
                "taak kunnen zonder nieuwe beschikking.",
            ),
        ),
    ),
    _Spec(
        25,
        C.RULES,
        "Aanbieder mag niet starten zonder toewijzingsbericht, ook in een crisis",
        "",
        BN,
        "coordinator",
        we_too=("professional",),
    ),
    _Spec(
        110,
        C.COOPERATION,
        "School en wijkteam delen geen afspraken over een leerling die thuiszit",
        "",
        BN,
        "professional",
        steps=((6, S.IN_PROGRESS, "Gesprek met de leerplichtambtenaar."),),
        age_band="12-17",
    ),
    _Spec(
        90,
        C.PRIVACY,
        "Onduidelijk of het wijkteam gegevens mag delen met de huisarts zonder toestemming",
        "",
        LW,
        "expert",
        steps=(
            (8, S.IN_PROGRESS, ""),
            (
                20,
                S.SOLVED,
                "Regionale handreiking gegevensdeling gemaakt met de functionaris "
                "gegevensbescherming.",
            ),
        ),
    ),
    _Spec(
        100,
        C.RULES,
        "Een jongere met een voorwaardelijke machtiging mag niet in een gezinshuis wonen",
        "",
        EX,
        "expert",
        steps=(
            (6, S.IN_PROGRESS, ""),
            (
                25,
                S.NOT_SOLVABLE,
                "De voorwaarden in de machtiging stelt de kinderrechter; "
                "de gemeente kan ze niet wijzigen. Besproken met de Raad voor de "
                "Kinderbescherming.",
            ),
        ),
        age_band="12-17",
    ),
    _Spec(
        70,
        C.WORKFORCE,
        "Te weinig gedragswetenschappers in de wijkteams om hulp te onderbouwen",
        "Vacatures staan al maanden open.",
        HO,
        "expert",
        steps=((30, S.IN_PROGRESS, ""),),
    ),
    _Spec(
        12,
        C.FINANCING,
        "Gemeenten zijn het oneens over het woonplaatsbeginsel na een verhuizing van de moeder",
        "",
        BN,
        "coordinator",
        age_band="0-3",
    ),
    _Spec(
        4,
        C.WAITING,
        "Wachtlijst voor een logeerplek ter ontlasting van ouders",
        "",
        BN,
        "professional",
        age_band="4-11",
    ),
]


def _bodies(region: Region, teams: dict[str, Team], users: dict[str, User]) -> None:
    municipalities = {m.name: m for m in Municipality.objects.filter(region=region)}

    def body(
        name: str, level: str, email: str, handlers: tuple[str, ...] = (), **scope: Any
    ) -> ResponsibleBody:
        found, _ = ResponsibleBody.objects.get_or_create(
            name=name,
            defaults={"level": level, "contact_email": email, **scope},
        )
        found.handlers.add(*[users[h] for h in handlers if h in users])
        return found

    coordinator = body(
        "Knelpuntencoördinator Jeugdregio Voorbeeld",
        Level.REGION,
        "knelpunten@jeugdregio-voorbeeld.example",
        ("analyst",),
        region=region,
        is_region_coordinator=True,
    )
    purchasing = body(
        "Jeugdregio Voorbeeld, regionaal inkoopteam",
        Level.REGION,
        "inkoop@jeugdregio-voorbeeld.example",
        ("analyst",),
        region=region,
    )
    national = body(
        "Ministerie van VWS, directie Jeugd",
        Level.NATIONAL,
        "knelpunten-jeugd@minvws.example",
    )
    team_body = body(
        "Wijkteam Beekdal-Noord, teamcoördinator",
        Level.TEAM,
        "coordinator@beekdal.example",
        ("coordinator",),
        region=region,
        team=teams[BN],
    )
    rules: list[tuple[ResponsibleBody, dict[str, Any]]] = [
        (team_body, {"level": Level.TEAM, "municipality": municipalities["Beekdal"]}),
    ]
    for name, municipality in municipalities.items():
        # Beekdal has its own demo login; the region's analyst answers for the other two, so
        # every body that acts in a history has someone who may act for it.
        handlers = ("gemeente",) if name == "Beekdal" else ("analyst",)
        town = body(
            f"Gemeente {name}, team Jeugd",
            Level.MUNICIPALITY,
            f"jeugd@{name.lower()}.example",
            handlers,
            region=region,
            municipality=municipality,
        )
        rules.append((town, {"level": Level.MUNICIPALITY, "municipality": municipality}))
    rules += [
        (purchasing, {"level": Level.REGION, "category": C.WAITING}),
        (purchasing, {"level": Level.REGION, "category": C.NO_SUITABLE_CARE}),
        (coordinator, {"level": Level.REGION}),
    ]
    for position, (target, criteria) in enumerate(rules, start=1):
        RoutingRule.objects.get_or_create(
            position=position * 10, region=region, body=target, **criteria
        )
    RoutingRule.objects.get_or_create(
        position=900, region=None, level=Level.NATIONAL, defaults={"body": national}
    )
    for category, (response, answer, kind) in NORMS.items():
        ResponseNorm.objects.get_or_create(
            region=region,
            category=category,
            defaults={"response_days": response, "answer_days": answer, "day_kind": kind},
        )


def _at(day: date, rng: random.Random) -> datetime:
    return at_on(day, rng.randint(8, 16), rng.randint(0, 59))


@dataclass
class _Bottleneck:
    """One bottleneck being replayed: the saved row once raised."""

    spec: _Spec
    team: Team
    reporter: User
    row: Bottleneck | None = None

    @property
    def saved(self) -> Bottleneck:
        assert self.row is not None, "raised first"
        return self.row


def _handler(bottleneck: Bottleneck) -> User:
    """Whoever acts for the bottleneck's current body (the demo gives every body that acts in
    a history a handler)."""
    handler = bottleneck.body.handlers.order_by("pk").first()
    assert handler is not None, f"{bottleneck.body} has no handler to act for it"
    return handler


def _steps(
    item: _Bottleneck, region: Region, users: dict[str, User], today: date, rng: random.Random
) -> list[tuple[datetime, Callable[[datetime], object]]]:
    """What happened to one bottleneck, as (when, action) pairs."""
    spec = item.spec
    raised_on = today - timedelta(days=spec.days_ago)
    draft = actions.Draft(
        region=region,
        category=spec.category,
        title=spec.title,
        description=spec.description,
        level=spec.level,
        municipality=item.team.municipality,
        team=item.team,
        age_band=spec.age_band,
    )

    def raise_it(at: datetime) -> None:
        item.row = actions.raise_bottleneck(item.reporter, draft, at=at)

    previous = _at(raised_on, rng)
    steps: list[tuple[datetime, Callable[[datetime], object]]] = [(previous, raise_it)]
    day = raised_on
    for offset, new, text in spec.steps:
        day = min(today, day + timedelta(days=offset))
        # Two steps on one day keep their order.
        previous = max(_at(day, rng), previous + timedelta(minutes=30))

        def move(at: datetime, new: str = new, text: str = text) -> None:
            status = Status(new)
            actor = item.reporter if status == Status.REOPENED else _handler(item.saved)
            actions.transition(actor, item.saved, status, text, at=at)

        steps.append((previous, move))
    if spec.published:

        def publish(at: datetime) -> None:
            if item.saved.status == Status.SOLVED:
                actions.publish(_handler(item.saved), item.saved, spec.published, at=at)

        steps.append((previous + timedelta(hours=1), publish))
    for who in spec.we_too:
        if who in users and users[who] != item.reporter:

            def endorse(at: datetime, user: User = users[who]) -> None:
                membership = user.memberships.select_related("team").first()
                team = membership.team if membership else None
                actions.endorse(user, item.saved, team, at=at)

            steps.append((_at(raised_on + timedelta(days=rng.randint(1, 10)), rng), endorse))
    for index, (who, text) in enumerate(spec.comments, start=1):

        def comment(at: datetime, user: User = users[who], text: str = text) -> None:
            actions.add_comment(user, item.saved, text, at=at)

        day_of_comment = min(today, raised_on + timedelta(days=index * 20))
        steps.append((_at(day_of_comment, rng), comment))
    return steps


def _in_order(
    steps: list[tuple[datetime, Callable[[datetime], object]]], now: datetime
) -> list[tuple[datetime, Callable[[datetime], object]]]:
    """Steps in the order they happened, each at least a minute after the one before and none
    later than now (a step dated today gets a time of day that has passed)."""
    steps = sorted(steps, key=lambda step: step[0])
    timed: list[tuple[datetime, Callable[[datetime], object]]] = []
    latest = now - timedelta(minutes=len(steps) + 1)
    for position, (at, action) in enumerate(steps):
        at = min(at, latest + timedelta(minutes=position))
        if timed and at <= timed[-1][0]:
            at = timed[-1][0] + timedelta(minutes=1)
        timed.append((at, action))
    return timed


def load_demo_bottlenecks(region: Region, teams: dict[str, Team], today: date) -> None:
    """Replay every bottleneck's history through the bottleneck actions, in the past: each
    step is checked by the state machine and the actor's part in it as a user's would be."""
    users = {user.username: user for user in User.objects.filter(memberships__isnull=False)}
    _bodies(region, teams, users)
    if Bottleneck.objects.filter(region=region).exists():
        return
    rng = random.Random(20260505)  # noqa: S311 - synthetic data, not security
    steps = []
    for spec in SPECS:
        item = _Bottleneck(spec, teams[spec.team], users[spec.reporter])
        steps += _in_order(_steps(item, region, users, today, rng), timezone.now())
    # History is not news: the bodies were told when it happened, so no e-mail goes out now.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for at, action in steps:
            action(at)
