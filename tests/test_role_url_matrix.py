"""Every URL of the site for every role plus anonymous: allowed or refused as designed.

``test_every_url_is_in_the_matrix`` fails when a URL pattern has no probe, so a new page cannot
arrive without its row. Outcomes are what the user gets, not implementation details:

- OK: the page (200);
- ELSEWHERE: sent on to another page they may use (302 not to a login or second-factor page);
- LOGIN: sent to the login page; VERIFY: sent to the second-factor page;
- DENIED: 403 or 404 (a case that is not yours does not exist for you);
- POST_ONLY: 405 on GET.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.accounts.models import AccountCode, CodeChannel, CodePurpose, User
from elkedagbeter.accounts.tests.factories import UserFactory
from elkedagbeter.api.actions import issue_token
from elkedagbeter.attention.models import Consultation, Thresholds
from elkedagbeter.audit.models import AccessLogEntry, ActionCode, EventCode, Result
from elkedagbeter.bottlenecks.models import (
    Bottleneck,
    Category,
    Level,
    PartnerRequest,
    ResponseNorm,
    ResponsibleBody,
    RoutingRule,
    Status,
)
from elkedagbeter.cases.models import Event, EventKind
from elkedagbeter.costs.models import Tariff
from elkedagbeter.family.models import FamilyAccess, FamilyKind
from elkedagbeter.family.tests.factories import family_account, household
from elkedagbeter.ijw.models import ProductMapping
from elkedagbeter.indicators.decisions import DecisionInput, record_decision
from elkedagbeter.indicators.models import PeriodApproval, RegionalAmbition
from elkedagbeter.knowledge.models import (
    CatalogueItem,
    GoodExample,
    ImprovementInitiative,
    ReflectionSession,
)
from elkedagbeter.organisations.models import Membership, MembershipRequest, Municipality, Role
from elkedagbeter.reviews import actions as review_actions
from elkedagbeter.reviews.models import Population, ReviewRound
from elkedagbeter.reviews.tests.factories import (
    answer_all,
    import_rows,
    new_round,
    request_for,
    second_expert,
)
from elkedagbeter.stories.actions import Telling, tell_story
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import (
    Framework,
    MscRound,
    PanelLevel,
    Pattern,
    PatternStatus,
    Story,
    StoryStatus,
    Suggestion,
    SuggestionRun,
)


class Outcome(Enum):
    OK = "page"
    ELSEWHERE = "redirect elsewhere"
    LOGIN = "login page"
    VERIFY = "second-factor page"
    DENIED = "refused"
    POST_ONLY = "method not allowed"


OK, ELSEWHERE, LOGIN, VERIFY, DENIED, POST_ONLY = Outcome

# Logged-in personas (see conftest.World); "pending" is the professional before the second factor.
PERSONAS = (
    "professional",
    "coordinator",
    "outsider",
    "expert",
    "analyst",
    "viewer",
    "admin",
    "pending",
    "parent",
    "youth",
)
# A parent and a young person (17) of case A's household with their own family account: they
# reach their own pages and nothing of the professionals' (family/tests/test_family_scope.py
# probes other households' case URLs too).
FAMILY = {"parent", "youth"}
CASE_WORKERS = {"professional", "coordinator", "outsider", "expert"}
TEAM_WORKERS = {"professional", "coordinator", "outsider"}


@dataclass(frozen=True)
class Probe:
    url_name: str
    allowed: set[str]
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    query: str = ""  # may name {team_a}
    method: str = "get"
    label: str = ""
    anonymous: Outcome = LOGIN
    refused: Outcome = DENIED
    pending: Outcome = VERIFY
    exceptions: dict[str, Outcome] = field(default_factory=dict)
    family: Outcome | None = None  # a family account outside ``allowed``; see ``expected``

    def expected(self, persona: str | None) -> Outcome:
        if persona is None:
            return self.anonymous
        if persona in self.exceptions:
            return self.exceptions[persona]
        if persona == "pending":
            return self.pending
        if persona in FAMILY and persona not in self.allowed:
            # A family account reaches the public pages and its own, nothing else.
            if self.family is not None:
                return self.family
            return OK if self.anonymous == OK else DENIED
        return OK if persona in self.allowed else self.refused

    @property
    def id(self) -> str:
        return f"{self.url_name}{'[' + self.label + ']' if self.label else ''}"


EVERYONE = set(PERSONAS) - {"pending"} - FAMILY
# The work floor sees its region's figures too (aggregates only, suppressed).
FIGURES = {"analyst", "viewer", "coordinator", "professional", "outsider", "expert"}
SHARING = {"professional", "coordinator", "outsider", "expert", "analyst"}
INITIATIVES = {"coordinator", "expert", "analyst"}


def _approved(world: World) -> PeriodApproval:
    return PeriodApproval.objects.create(
        region=world.north,
        period_kind="jaar",
        period_start=date(2025, 1, 1),
        approved_by=world.user("analyst"),
    )


def _consultation(world: World) -> Consultation:
    return Consultation.objects.create(
        case=world.case_a, expert_team=world.expert_team, situation="s", tried="t", needed="n"
    )


def _event(world: World) -> Event:
    return Event.objects.create(
        case=world.case_a, kind=EventKind.CRISIS, started_on=world.case_a.opened_on
    )


def _body(world: World) -> ResponsibleBody:
    return ResponsibleBody.objects.get_or_create(
        name="Gemeente Aa",
        defaults={"level": Level.MUNICIPALITY, "region": world.north, "contact_email": "aa@x.nl"},
    )[0]


def _bottleneck(world: World, *, south: bool = False) -> dict[str, Any]:
    """A bottleneck raised by team A's professional from case A (or one in region Zuid)."""
    region = world.south if south else world.north
    body = ResponsibleBody.objects.create(
        name=f"Instantie {region}", level=Level.REGION, region=region, contact_email="i@x.nl"
    )
    bottleneck = Bottleneck.objects.create(
        region=region,
        category=Category.WAITING,
        title="Wachtlijst",
        raised_by=world.user("professional"),
        raised_by_team=None if south else world.team_a,
        case=None if south else world.case_a,
        level=Level.REGION,
        body=body,
        status=Status.REPORTED,
    )
    return {"pk": bottleneck.pk}


def _partner_request(world: World, *, body: bool = True) -> PartnerRequest:
    """Region Noord asks Gemeente Aa (for whom no persona acts), or a role, about seclusions."""
    return PartnerRequest.objects.create(
        region=world.north,
        zero_goal="separaties",
        body=_body(world) if body else None,
        role_name="" if body else "Jeugdrechters",
        ask="Sluit aan bij de leertafel",
        asked_by=world.user("analyst"),
    )


def _partner_pk(world: World) -> dict[str, Any]:
    return {"pk": _partner_request(world).pk}


def _catalogue_item(world: World) -> CatalogueItem:
    # National (no region): the regional administrator reads it in the admin but cannot delete it.
    return CatalogueItem.objects.create(code="gezinscoaching", name="Gezinscoaching")


def _example(world: World) -> GoodExample:
    return GoodExample.objects.create(
        title="Netwerkberaad",
        what="Eerst het netwerk",
        for_whom="Gezinnen",
        achieved="Minder uithuisplaatsingen",
        contact_role="coördinator",
        region=world.north,
        created_by=world.user("professional"),
    )


def _session(world: World) -> ReflectionSession:
    return ReflectionSession.objects.create(team=world.team_a, learned="Samen leren")


def _initiative(world: World) -> dict[str, Any]:
    initiative = ImprovementInitiative.objects.create(
        title="Minder wachten", question="Waarom?", region=world.north, indicator="separaties"
    )
    return {"pk": initiative.pk}


def _decision(world: World, *, team_b: bool = False) -> dict[str, Any]:
    given = DecisionInput(
        title="Eerst een time-in",
        starts_on=timezone.localdate(),
        region=world.north,
        municipality=world.team_b.municipality if team_b else None,
        team=world.team_b if team_b else None,
        indicator_codes=("separaties",),
    )
    return {"pk": record_decision(given, by=world.user("analyst"), origin="").pk}


def _round(world: World, population: str = Population.IMPORTED) -> ReviewRound:
    expert = world.user("expert")
    colleague = second_expert(world.expert_team)
    return new_round(expert, world.expert_team, [expert, colleague], population=population)


def _drawn_round(world: World) -> ReviewRound:
    """A round on the escalated case, reviewed twice and handed in."""
    round_ = _round(world, Population.ESCALATED)
    review_actions.draw_sample(request_for(world.user("expert")), round_)
    for review in round_.dossiers.get().reviews.all():
        answer_all(review, {})
    return round_


def _shared_round(world: World) -> ReviewRound:
    round_ = _round(world)
    import_rows(world.user("expert"), round_, [{"bron_id": f"D{n}"} for n in range(6)])
    expert = request_for(world.user("expert"))
    review_actions.draw_sample(expert, round_)
    for dossier in round_.dossiers.all():
        for review in dossier.reviews.all():
            answer_all(review, {})
    review_actions.close_round(expert, round_, open_work=0)
    return review_actions.set_shared(expert, round_, shared=True)


def _pk(make: Callable[[World], ReviewRound]) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"pk": make(world).pk}


def _dossier(world: World) -> dict[str, Any]:
    round_ = _drawn_round(world)
    return {"pk": round_.pk, "dossier_id": round_.dossiers.get().pk}


REVIEW_ROLES = {"expert", "coordinator", "analyst", "viewer"}
EXPERT_POST = {"expert": POST_ONLY}


def _case(attribute: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"reference": getattr(world, attribute).reference}


def _story(world: World, status: str = StoryStatus.APPROVED) -> Story:
    story, _code = tell_story(
        ensure_default_framework(),
        Telling(
            title="Gehoord",
            text="De wijkcoach luisterde echt.",
            narrator_role="ouder",
            municipality=world.team_a.municipality,
            team=world.team_a,
            consent_learning=True,
            consent_publication=True,
        ),
        status=status,
    )
    return story


def _pattern(world: World) -> Pattern:
    return Pattern.objects.create(
        name="Gehoord worden",
        slug="gehoord-worden",
        region=world.north,
        status=PatternStatus.PUBLISHED,
    )


def _suggestion(world: World) -> Suggestion:
    run = SuggestionRun.objects.create(region=world.north, method="combined")
    return Suggestion.objects.create(run=run, keywords=["wachten"], size=1)


def _team_round(world: World) -> MscRound:
    return MscRound.objects.create(
        level=PanelLevel.TEAM,
        team=world.team_a,
        region=world.north,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
    )


STORY_READERS = EVERYONE
SITE_PROBES = [
    Probe("pages:home", EVERYONE, anonymous=OK, family=ELSEWHERE),
    # "Wat is er met mijn signaal gebeurd?": every role sees its own signals (an empty page
    # when it has none); the e-mail opt-in is a POST.
    Probe("pages:signals", EVERYONE),
    Probe("pages:signals_mail", set(), refused=POST_ONLY),
    Probe("accounts:login", set(), anonymous=OK, refused=ELSEWHERE, family=ELSEWHERE),
    Probe(
        "accounts:logout",
        set(),
        anonymous=POST_ONLY,
        refused=POST_ONLY,
        pending=POST_ONLY,
        family=POST_ONLY,
    ),
    # Logging out ends on the login page, with a message when there was a session.
    Probe(
        "accounts:logout",
        set(),
        method="post",
        label="post",
        refused=LOGIN,
        pending=LOGIN,
        family=LOGIN,
    ),
    # Once the second factor is passed (or not needed) these pages send the user on; a user
    # with a confirmed authenticator app is sent from set-up to verification.
    Probe("accounts:verify", set(), refused=ELSEWHERE, pending=OK, family=ELSEWHERE),
    # Linking a phone needs a one-time code: those without one (analyst, viewer) get the
    # code form; those with a phone are sent on.
    Probe(
        "accounts:setup",
        {"analyst", "viewer"},
        refused=ELSEWHERE,
        family=ELSEWHERE,
        pending=VERIFY,
    ),
    Probe("accounts:redeem", EVERYONE, anonymous=OK),
    # Teams: the team page for its members and the area's beheerder; requests are decided
    # by POST only.
    Probe("organisations:teams", EVERYONE),
    Probe(
        "organisations:team",
        {"professional", "coordinator", "admin"},
        lambda world: {"team_id": world.team_a.pk},
    ),
    Probe(
        "organisations:decide",
        set(),
        lambda world: {"pk": 1},
        refused=POST_ONLY,
    ),
    # API tokens: everyone manages their own.
    Probe("api_tokens:list", EVERYONE),
    Probe("api_tokens:revoke", set(), lambda world: {"pk": 1}, refused=POST_ONLY),
    Probe(
        "set_language",
        set(),
        method="post",
        anonymous=ELSEWHERE,
        refused=ELSEWHERE,
        pending=ELSEWHERE,
        family=ELSEWHERE,
    ),
    # The family's own pages: their own household's case only.
    Probe("family:home", FAMILY),
    Probe("family:answer", FAMILY),
    Probe("family:plan", FAMILY),
    Probe("family:youth_check", {"youth"}),
    Probe("family:sharing", {"youth"}),
    Probe("family:who_looked", FAMILY),
    Probe("family:redeem", EVERYONE | FAMILY, anonymous=OK),
    Probe("family:invite", {"professional", "coordinator"}, _case("case_a")),
    Probe("family:invite", {"outsider"}, _case("case_b"), label="other team"),
    Probe(
        "family:withdraw",
        set(),
        lambda world: {"reference": world.case_a.reference, "pk": 1},
        anonymous=POST_ONLY,
        refused=POST_ONLY,
        family=DENIED,
    ),
    Probe(
        "family:end",
        set(),
        lambda world: {"reference": world.case_a.reference, "pk": 1},
        anonymous=POST_ONLY,
        refused=POST_ONLY,
        family=DENIED,
    ),
    Probe("cases:list", CASE_WORKERS),
    Probe("cases:new", TEAM_WORKERS),
    Probe("cases:detail", {"professional", "coordinator"}, _case("case_a"), label="own team"),
    Probe(
        "cases:detail",
        {"outsider"},
        _case("case_escalated"),
        label="escalated",
        exceptions={"expert": ELSEWHERE},  # first to the reason page
    ),
    Probe("cases:reason", {"expert"}, _case("case_escalated")),
    Probe("cases:reason", set(), _case("case_a"), label="not escalated"),
    Probe("cases:access_log", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "cases:access_log", {"outsider"}, _case("case_escalated"), label="expert sees no team log"
    ),
    Probe("cases:emergency", CASE_WORKERS),
    Probe("cases:import", TEAM_WORKERS),
    Probe("cases:source_refs", TEAM_WORKERS),
    Probe("cases:export_json", {"professional", "coordinator"}, _case("case_a")),
    Probe("cases:export_pdf", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "cases:export_json",
        {"outsider"},
        _case("case_escalated"),
        label="experts do not export",
        exceptions={"expert": DENIED},
    ),
    Probe("cases:history", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "cases:history",
        {"outsider"},
        _case("case_escalated"),
        label="escalated",
        exceptions={"expert": ELSEWHERE},
    ),
    Probe("cases:escalate", {"professional", "coordinator"}, _case("case_a")),
    Probe("cases:transfer", {"professional", "coordinator"}, _case("case_a")),
    # The expert team works on an escalated case but cannot give it away.
    Probe("cases:transfer", {"outsider"}, _case("case_escalated"), label="escalated"),
    Probe("cases:analysis", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "cases:analysis",
        {"outsider"},
        _case("case_escalated"),
        label="escalated",
        exceptions={"expert": ELSEWHERE},
    ),
    Probe("cases:plan", {"professional", "coordinator"}, _case("case_a")),
    Probe("cases:markers", {"professional", "coordinator"}, _case("case_a")),
    Probe("cases:event_new", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "cases:event_edit",
        {"professional", "coordinator"},
        lambda world: {"reference": world.case_a.reference, "event_id": _event(world).pk},
    ),
    Probe("cases:moment_new", {"professional", "coordinator"}, _case("case_a")),
    *[
        Probe(
            "cases:add",
            {"professional", "coordinator"},
            lambda world, part=part: {"reference": world.case_a.reference, "part": part},
            label=part,
        )
        for part in ("gezinslid", "doel", "betrokkene", "interventie")
    ],
    Probe(
        "cases:add",
        set(),
        lambda world: {"reference": world.case_a.reference, "part": "onbekend"},
        label="unknown part",
    ),
    Probe("audit:search", {"admin"}),
    # Mijn aandacht vandaag: the work floor of a team; the figures per rule are aggregates.
    Probe("attention:today", TEAM_WORKERS),
    Probe("attention:figures", {"coordinator", "analyst", "viewer"}),
    Probe("attention:similar", {"coordinator", "analyst", "viewer"}),
    *[
        Probe(
            name,
            set(),
            kwargs,
            anonymous=POST_ONLY,
            refused=POST_ONLY,
        )
        for name, kwargs in (
            ("attention:set_aside", lambda world: {"pk": 1}),
            ("attention:act", lambda world: {"reference": world.case_a.reference}),
            (
                "attention:agreement_done",
                lambda world: {"reference": world.case_a.reference, "pk": 1},
            ),
        )
    ],
    # Consulting the expert team: the case's team asks; the expert team reads the question (not
    # the case); both follow it; the figures are the expert team's and the region's.
    Probe("attention:consult_new", {"professional", "coordinator"}, _case("case_a")),
    Probe("attention:consultations", CASE_WORKERS),
    Probe(
        "attention:consultation",
        {"professional", "coordinator", "expert"},
        lambda world: {"pk": _consultation(world).pk},
    ),
    Probe("attention:expert_figures", {"expert", "analyst", "viewer"}),
    *[
        Probe(name, set(), kwargs, anonymous=POST_ONLY, refused=POST_ONLY)
        for name, kwargs in (
            ("attention:consultation_triage", lambda world: {"pk": 1}),
            ("attention:consultation_advise", lambda world: {"pk": 1}),
            ("attention:follow_up_answer", lambda world: {"pk": 1}),
            (
                "attention:theme_to_knelpunt",
                lambda world: {"team_id": world.expert_team.pk, "theme": "wachttijd"},
            ),
        )
    ],
    # A case conference is recorded by the case's team (and by the expert team once escalated).
    Probe("attention:conference_new", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "attention:conference_new",
        {"outsider"},
        _case("case_escalated"),
        label="escalated",
        exceptions={"expert": ELSEWHERE},  # first to the reason page
    ),
    # The Beweging van 0: figures for analysts, viewers and coordinators, each within their area.
    Probe("indicators:dashboard", FIGURES),
    Probe("indicators:dashboard", {"viewer"}, query="plaats=land", label="country"),
    Probe("indicators:zero_goals", FIGURES),
    Probe("indicators:report", FIGURES),
    Probe(
        "indicators:cases_behind",
        {"coordinator"},
        lambda world: {"code": "separaties"},
        query="plaats=team-{team_a}",
    ),
    Probe(
        "indicators:approve",
        set(),
        exceptions={"analyst": POST_ONLY, "viewer": POST_ONLY},
    ),
    # Approved figures are public.
    Probe("public_figures:regions", EVERYONE, anonymous=OK),
    Probe(
        "public_figures:region", EVERYONE, lambda world: {"region_id": world.north.pk}, anonymous=OK
    ),
    Probe(
        "public_figures:export",
        EVERYONE,
        lambda world: {"region_id": _approved(world).region_id, "code": "separaties"},
        anonymous=OK,
    ),
    Probe("indicators:plate", FIGURES, lambda world: {"code": "separaties"}),
    # A decision's page, with its measured effect: for those who may see its place's figures.
    Probe("indicators:decision", FIGURES, _decision),
    Probe(
        "indicators:decision",
        {"analyst", "viewer", "outsider"},  # team B is the outsider's own; others see the region
        lambda world: _decision(world, team_b=True),
        label="another team",
    ),
    Probe(
        "indicators:export",
        FIGURES,
        lambda world: {"code": "separaties", "fmt": "xlsx"},
    ),
    # Bottlenecks: the board is for everyone in the organisation (each sees their regions);
    # team workers and analysts raise them; only a case's own team raises from that case.
    Probe("bottlenecks:board", EVERYONE),
    Probe("bottlenecks:new", CASE_WORKERS | {"analyst"}),
    Probe("bottlenecks:from_case", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "bottlenecks:from_case",
        {"outsider"},
        _case("case_escalated"),
        label="escalated",
        exceptions={"expert": ELSEWHERE},  # first to the reason page
    ),
    Probe("bottlenecks:figures", EVERYONE),
    Probe("bottlenecks:export", EVERYONE, lambda world: {"fmt": "csv"}),
    Probe("bottlenecks:export", EVERYONE, lambda world: {"fmt": "xlsx"}, label="xlsx"),
    Probe("bottlenecks:export", set(), lambda world: {"fmt": "pdf"}, label="unknown format"),
    Probe("bottlenecks:detail", EVERYONE, _bottleneck, label="own region"),
    Probe(
        "bottlenecks:detail",
        {"viewer"},
        lambda world: _bottleneck(world, south=True),
        label="other region",
    ),
    *[
        Probe(f"bottlenecks:{name}", set(), _bottleneck, refused=POST_ONLY)
        for name in ("move", "comment", "we_too", "publish")
    ],
    # Nobody here acts for the body, and a just-reported bottleneck cannot be reopened.
    Probe("bottlenecks:move", set(), _bottleneck, method="post", label="post"),
    # Who we need: the region's analysts ask (and withdraw); whoever acts for a body or
    # coordinates a team sees what is asked of it and answers.
    Probe(
        "bottlenecks:partners_ask",
        {"analyst"},
        lambda world: {"code": "separaties", "region_id": world.north.pk},
    ),
    Probe(
        "bottlenecks:partners_ask",
        set(),
        lambda world: {"code": "separaties", "region_id": world.south.pk},
        label="other region",
    ),
    Probe("bottlenecks:partners_inbox", {"coordinator"}),
    *[
        Probe(f"bottlenecks:{name}", set(), _partner_pk, refused=POST_ONLY)
        for name in ("partners_answer", "partners_withdraw")
    ],
    # No persona acts for Gemeente Aa: nobody answers for it.
    Probe("bottlenecks:partners_answer", set(), _partner_pk, method="post", label="post"),
    Probe(
        "bottlenecks:partners_withdraw",
        set(),
        lambda world: {"pk": _partner_request(world, body=False).pk},
        method="post",
        label="post",
        exceptions={"analyst": ELSEWHERE},
    ),
    Probe("public_bottlenecks:regions", EVERYONE, anonymous=OK),
    Probe(
        "public_bottlenecks:region",
        EVERYONE,
        lambda world: {"code": world.north.code},
        anonymous=OK,
    ),
    Probe(
        "public_bottlenecks:region",
        set(),
        lambda world: {"code": "nergens"},
        label="unknown",
        anonymous=DENIED,
    ),
    # Wat werkt: catalogue and good examples are public; sharing, logbook and initiatives are not.
    Probe("knowledge:home", EVERYONE, anonymous=OK),
    Probe("knowledge:search", EVERYONE, query="q=gezinnen", anonymous=OK),
    Probe("knowledge:catalogue", EVERYONE, anonymous=OK),
    Probe(
        "knowledge:item",
        EVERYONE,
        lambda world: {"code": _catalogue_item(world).code},
        anonymous=OK,
    ),
    Probe("knowledge:catalogue_import", {"admin"}),
    # iJw messages: the functioneel beheerder and the analyst upload them (issue 22).
    Probe("ijw:import", {"admin", "analyst"}),
    # Youths known only from messages: the teams of the municipality (issue 22).
    Probe("ijw:unregistered", TEAM_WORKERS),
    *[
        Probe(name, set(), lambda world: {"pk": 1}, anonymous=POST_ONLY, refused=POST_ONLY)
        for name in ("ijw:take_up", "ijw:set_aside")
    ],
    Probe("knowledge:examples", EVERYONE, anonymous=OK),
    Probe("knowledge:example", EVERYONE, lambda world: {"pk": _example(world).pk}, anonymous=OK),
    Probe("knowledge:example_new", SHARING),
    # Only the author changes an example (the admin can correct it in the admin).
    Probe("knowledge:example_edit", {"professional"}, lambda world: {"pk": _example(world).pk}),
    # With one team, the logbook list goes straight to that team's logbook.
    Probe("knowledge:logbooks", set(), exceptions=dict.fromkeys(TEAM_WORKERS, ELSEWHERE)),
    Probe(
        "knowledge:logbook",
        {"professional", "coordinator"},
        lambda world: {"team_id": world.team_a.pk},
    ),
    Probe(
        "knowledge:session_new",
        {"professional", "coordinator"},
        lambda world: {"team_id": world.team_a.pk},
    ),
    Probe(
        "knowledge:session_share",
        {"coordinator"},
        lambda world: {"team_id": world.team_a.pk, "pk": _session(world).pk},
    ),
    Probe("knowledge:lessons", EVERYONE - {"admin"}),
    Probe("knowledge:initiatives", EVERYONE),
    Probe("knowledge:initiative", EVERYONE, _initiative),
    Probe("knowledge:initiative_new", INITIATIVES),
    *[
        probe
        for name in (
            "knowledge:initiative_advance",
            "knowledge:initiative_next_round",
            "knowledge:initiative_step_back",
        )
        for probe in (
            Probe(name, set(), _initiative, anonymous=POST_ONLY, refused=POST_ONLY),
            # An empty form comes back with its errors for those who may move the initiative.
            Probe(name, INITIATIVES, _initiative, method="post", label="post"),
        )
    ],
    # Dossier reviews: the expert team works on its rounds; others see shared findings only.
    Probe("reviews:list", REVIEW_ROLES),
    Probe("reviews:new", {"expert"}),
    Probe("reviews:compare", {"expert", "analyst", "viewer"}),
    Probe("reviews:lessons", EVERYONE),
    Probe("reviews:detail", {"expert"}, _pk(_round)),
    Probe("reviews:edit", {"expert"}, _pk(_round)),
    Probe("reviews:checklist", {"expert"}, _pk(_round)),
    Probe("reviews:import", {"expert"}, _pk(_round)),
    Probe("reviews:draw", set(), _pk(_round), exceptions=EXPERT_POST),
    Probe("reviews:close", set(), _pk(_drawn_round), exceptions=EXPERT_POST),
    Probe("reviews:share", set(), _pk(_drawn_round), exceptions=EXPERT_POST),
    Probe("reviews:conclusion_new", {"expert"}, _pk(_drawn_round)),
    Probe("reviews:lesson_new", {"expert"}, _pk(_drawn_round)),
    Probe("reviews:consent", {"coordinator"}, _pk(lambda w: _round(w, Population.REGION))),
    Probe("reviews:findings", {"expert"}, _pk(_drawn_round), label="not shared"),
    Probe("reviews:findings", {"expert", "analyst", "viewer"}, _pk(_shared_round)),
    Probe(
        "reviews:findings_export",
        {"expert", "analyst", "viewer"},
        lambda world: {"pk": _shared_round(world).pk, "fmt": "xlsx"},
    ),
    # Only the two reviewers of a dossier open it (the second reviewer is no persona).
    Probe("reviews:dossier", {"expert"}, _dossier),
    Probe("reviews:resolve", {"expert"}, _dossier),
    # Stories: the form and the published patterns are public; reading and views for every role
    # within their regions; moderation and curation for analysts; panels for coordinators
    # (teams) and analysts (municipality, region); feedback for the teams.
    Probe("stories:share", EVERYONE, anonymous=OK),
    Probe(
        "stories:share_region",
        EVERYONE,
        lambda world: {"region_code": world.north.code},
        anonymous=OK,
    ),
    Probe("stories:withdraw", EVERYONE, anonymous=OK),
    # The teller's receipt: public, the code travels in a POST (tests in stories/test_follow).
    Probe("stories:follow", EVERYONE, anonymous=OK),
    Probe("stories:public_patterns", EVERYONE, anonymous=OK),
    Probe(
        "stories:public_pattern",
        EVERYONE,
        lambda world: {"slug": _pattern(world).slug},
        anonymous=OK,
    ),
    Probe("stories:list", STORY_READERS),
    Probe("stories:insight", STORY_READERS),
    Probe("stories:export", STORY_READERS),
    Probe("stories:detail", STORY_READERS, lambda world: {"reference": _story(world).reference}),
    Probe("stories:import", {"analyst"}),
    # Wat de hulp kost: aggregates for analysts and executives; tariffs for the beheerder.
    Probe("costs:overview", {"analyst", "viewer"}),
    Probe("costs:export", {"analyst", "viewer"}),
    Probe("costs:tariffs", {"admin"}),
    # A case's arrangement is recorded by the case's team (and the expert team once escalated).
    Probe("costs:arrangement", {"professional", "coordinator"}, _case("case_a")),
    Probe(
        "costs:arrangement",
        {"outsider"},
        _case("case_escalated"),
        label="escalated",
        exceptions={"expert": ELSEWHERE},  # first to the reason page
    ),
    Probe("stories:queue", {"analyst"}),
    Probe(
        "stories:moderate",
        {"analyst"},
        lambda world: {"reference": _story(world, StoryStatus.SUBMITTED).reference},
    ),
    Probe(
        "stories:replace",
        set(),
        lambda world: {"reference": _story(world, StoryStatus.SUBMITTED).reference},
        exceptions={"analyst": POST_ONLY},
    ),
    Probe("stories:patterns", {"analyst"}),
    Probe("stories:suggest", set(), exceptions={"analyst": POST_ONLY}),
    Probe(
        "stories:suggestion", {"analyst"}, lambda world: {"suggestion_id": _suggestion(world).pk}
    ),
    Probe("stories:pattern_edit", {"analyst"}, lambda world: {"slug": _pattern(world).slug}),
    Probe("stories:msc_rounds", {"coordinator", "analyst"}),
    Probe("stories:msc_round", {"coordinator"}, lambda world: {"round_id": _team_round(world).pk}),
    Probe("stories:feedback", TEAM_WORKERS | {"expert"}),
    # Single sign-on (when configured): the start sends anyone to the identity provider; a
    # callback without the provider's answer ends on the login page with a message.
    Probe("oidc_authentication_init", set(), anonymous=ELSEWHERE, refused=ELSEWHERE),
    Probe("oidc_authentication_callback", set(), refused=LOGIN),
]

# --- The admin: the functioneel beheerder (admin role, region Noord) only. ---------------------

ADMIN_OBJECTS: dict[str, Callable[[World], Model]] = {
    "organisations_region": lambda world: world.north,
    "organisations_municipality": lambda world: Municipality.objects.get(
        pk=world.team_a.municipality_id
    ),
    "organisations_team": lambda world: world.team_a,
    "organisations_membership": lambda world: Membership.objects.filter(
        user=world.user("professional")
    ).get(),
    "accounts_user": lambda world: world.user("professional"),
    "audit_accesslogentry": lambda world: AccessLogEntry.objects.create(
        event_code=EventCode.CASE_READ,
        action_code=ActionCode.READ,
        result=Result.SUCCESS,
        user_id_ref="1",
        region_code=world.north.code,
    ),
    "api_apitoken": lambda world: issue_token(
        world.user("professional"), name="Bronsysteem", valid_for=None
    )[0],
    "organisations_membershiprequest": lambda world: MembershipRequest.objects.create(
        user=world.user("outsider"),
        role=Role.COORDINATOR,
        team=world.team_b,
        reason="Nieuwe coördinator",
        requested_by=world.user("admin"),
    ),
    "accounts_accountcode": lambda world: AccountCode.objects.create(
        user=world.user("outsider"),
        purpose=CodePurpose.RESET,
        channel=CodeChannel.IN_PERSON,
        code_digest="0" * 64,
        expires_at=timezone.now(),
    ),
    "indicators_regionalambition": lambda world: RegionalAmbition.objects.create(
        region=world.north, zero_goal="separaties", good_enough=10
    ),
    "bottlenecks_responsiblebody": _body,
    "attention_thresholds": lambda world: Thresholds.objects.create(region=world.north),
    "ijw_productmapping": lambda world: ProductMapping.objects.create(
        region=world.north, product_category="45", product_code="45A11", residence_type="14"
    ),
    "bottlenecks_routingrule": lambda world: RoutingRule.objects.create(
        region=world.north, category=Category.FINANCING, body=_body(world)
    ),
    "bottlenecks_partnerrequest": _partner_request,
    "bottlenecks_responsenorm": lambda world: ResponseNorm.objects.create(
        region=world.north, category=Category.WAITING
    ),
    "knowledge_catalogueitem": _catalogue_item,
    "knowledge_goodexample": _example,
    "costs_tariff": lambda world: Tariff.objects.create(
        region=world.north, key="licht", amount_cents=150000, valid_from=date(2025, 1, 1)
    ),
    "stories_framework": lambda world: Framework.objects.create(
        slug="noord", name="Noord luistert", region=world.north
    ),
    # A colleague who is not a persona: logging in would clear their failed attempts.
    "axes_accessattempt": lambda world: AccessAttempt.objects.create(
        username=Membership.objects.create(
            user=UserFactory(username="colleague"), role=Role.PROFESSIONAL, team=world.team_a
        ).user.username,
        ip_address="127.0.0.1",
        failures_since_start=1,
    ),
}
# Model screens a regional administrator may not use (national only, or read-only models).
ADMIN_REFUSED = {
    "organisations_region_add",
    "organisations_region_delete",
    "audit_accesslogentry_changelist",
    "audit_accesslogentry_add",
    "audit_accesslogentry_change",
    "audit_accesslogentry_delete",
    "audit_accesslogentry_history",
    "axes_accessattempt_add",
    "api_apitoken_delete",  # tokens are revoked, never deleted
    "api_apitoken_add",  # only its owner makes a token (/account/api-tokens/)
    "organisations_membershiprequest_delete",  # the record of who asked and approved stays
    "accounts_accountcode_add",  # codes are issued with the user actions
    "accounts_accountcode_delete",
    "knowledge_catalogueitem_delete",  # the probe's item is national: a national admin's
    "bottlenecks_partnerrequest_add",  # asked in the application, with its e-mail
    "bottlenecks_partnerrequest_delete",  # who asked and who answered stays
}
ADMIN_REFUSED_APPS = {"audit"}  # the access log in the admin is for national administrators
ADMIN_SITE_PROBES = [
    Probe("admin:index", {"admin"}),
    Probe("admin:login", set(), exceptions={"admin": ELSEWHERE}),
    # Django sends everyone without admin access from the admin's logout to its index.
    Probe(
        "admin:logout",
        set(),
        anonymous=ELSEWHERE,
        refused=ELSEWHERE,
        exceptions={"admin": POST_ONLY},
    ),
    Probe("admin:password_change", {"admin"}),
    Probe("admin:password_change_done", {"admin"}),
    Probe("admin:jsi18n", {"admin"}),
    Probe(
        "admin:autocomplete",
        {"admin"},
        query="app_label=organisations&model_name=membership&field_name=user",
    ),
    # None of our models has a public page, so "view on site" leads nowhere.
    Probe(
        "admin:view_on_site",
        set(),
        lambda world: {
            "content_type_id": ContentType.objects.get_for_model(world.team_a).pk,
            "object_id": world.team_a.pk,
        },
    ),
    # Nobody sets another's password: a one-time code lets the person set their own.
    Probe(
        "admin:auth_user_password_change",
        set(),
        lambda world: {"id": world.user("professional").pk},
    ),
]


def _model_probes() -> Iterator[Probe]:
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        object_id = _admin_object_id(prefix)
        for view, kwargs in [
            ("changelist", lambda world: {}),
            ("add", lambda world: {}),
            ("change", object_id),
            ("delete", object_id),
            ("history", object_id),
        ]:
            name = f"{prefix}_{view}"
            yield Probe(f"admin:{name}", set() if name in ADMIN_REFUSED else {"admin"}, kwargs)
    for app_label in {model._meta.app_label for model in admin.site._registry}:
        yield Probe(
            "admin:app_list",
            set() if app_label in ADMIN_REFUSED_APPS else {"admin"},
            lambda world, label=app_label: {"app_label": label},
            label=app_label,
        )


def _admin_object_id(prefix: str) -> Callable[[World], dict[str, Any]]:
    def make(world: World) -> dict[str, Any]:
        if prefix not in ADMIN_OBJECTS:
            raise AssertionError(f"Add an object for admin model {prefix} to ADMIN_OBJECTS")
        return {"object_id": ADMIN_OBJECTS[prefix](world).pk}

    return make


PROBES = SITE_PROBES + ADMIN_SITE_PROBES + list(_model_probes())


# --- The tests ----------------------------------------------------------------------------------


def _url_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace or ""
            yield from _url_names(pattern.url_patterns, inner if pattern.namespace else namespace)
        elif pattern.name is not None:  # unnamed admin patterns only redirect to named ones
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


@pytest.fixture(autouse=True)
def single_sign_on(settings: Any) -> None:
    """Walk the site as a deployment with single sign-on has it, so its URLs are probed too."""
    settings.ROOT_URLCONF = "elkedagbeter.accounts.tests.oidc_urls"
    settings.OIDC_RP_CLIENT_ID = "elkedagbeter"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example.nl/authorize"


def test_every_url_is_in_the_matrix() -> None:
    # The API has its own matrix with tokens instead of sessions (api/tests/test_api_matrix.py).
    site_urls = {
        name for name in _url_names(get_resolver().url_patterns) if not name.startswith("api:")
    }
    probed = {probe.url_name for probe in PROBES}
    assert site_urls - probed == set(), "URLs without a row in the role-by-URL matrix"
    assert probed - site_urls == set(), "matrix rows for URLs that no longer exist"


def _outcome(response: HttpResponse, client: Client) -> Outcome:
    if response.status_code == 200:
        return OK
    if response.status_code in (403, 404):
        return DENIED
    if response.status_code == 405:
        return POST_ONLY
    assert response.status_code == 302, f"unexpected status {response.status_code}"
    location = response["Location"]
    if location.startswith(reverse("admin:login")):
        return _outcome(client.get(location), client)
    if location.startswith(reverse("accounts:login")):
        return LOGIN
    if location.startswith(reverse("accounts:verify")):
        return VERIFY
    return ELSEWHERE


def _family_user(world: World, persona: str) -> User:
    """The parent's or the young person's account on case A (made once per test)."""
    found = FamilyAccess.objects.filter(
        case=world.case_a, kind=FamilyKind.PARENT if persona == "parent" else FamilyKind.YOUTH
    ).first()
    if found is None:
        home = household(world.case_a, world.user("professional"))
        for member, kind, name in [
            (home.parent, FamilyKind.PARENT, "ouder-a"),
            (home.older, FamilyKind.YOUTH, "jongere-a"),
        ]:
            family_account(world.user("professional"), world.case_a, member, kind, name)
        return _family_user(world, persona)
    return found.user


def _client(world: World, persona: str | None) -> Client:
    client = Client()
    if persona == "pending":
        return log_in(client, world.user("professional"), second_factor=False)
    if persona in FAMILY:
        return log_in(client, _family_user(world, persona))
    if persona is not None:
        log_in(client, world.user(persona))
    return client


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe.id)
def test_role_url_matrix(world: World, probe: Probe) -> None:
    url = reverse(probe.url_name, kwargs=probe.kwargs(world))
    if probe.query:
        url = f"{url}?{probe.query.format(team_a=world.team_a.pk)}"
    wrong = {}
    for persona in (None, *PERSONAS):
        client = _client(world, persona)
        got = _outcome(getattr(client, probe.method)(url), client)
        if got != probe.expected(persona):
            wrong[persona or "anonymous"] = (
                f"got {got.value}, expected {probe.expected(persona).value}"
            )
    assert wrong == {}
