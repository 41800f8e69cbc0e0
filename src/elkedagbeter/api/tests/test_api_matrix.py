"""Every URL of the API for every persona plus anonymous, with bearer tokens: allowed or refused
as designed. The site-wide matrix (tests/test_role_url_matrix.py) leaves ``api:`` URLs to this one.

``test_every_api_url_is_in_the_matrix`` fails when an API URL has no row. Outcomes:

- OK (200) and CREATED (201): the resource;
- REASON (400): an expert must state why they open a case escalated to their team;
- UNAUTHENTICATED (401): no token;
- FORBIDDEN (403): the token's user has no role that works on single cases;
- NOT_FOUND (404): a case that is not yours does not exist for you (nor does a path with a
  trailing slash, or anything else under /api/v1/);
- NOT_ALLOWED (405): the method does not exist on that resource.

Every response carries ``API-Version``, and every refusal is ``application/problem+json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import World
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Level, ResponsibleBody, Status
from elkedagbeter.cases.models import Event, EventKind
from elkedagbeter.costs.models import Arrangement
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale

from .conftest import bearer_client, token_for


class Outcome(Enum):
    OK = 200
    CREATED = 201
    REASON = 400
    UNAUTHENTICATED = 401
    FORBIDDEN = 403
    NOT_FOUND = 404
    NOT_ALLOWED = 405


OK, CREATED, REASON, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = Outcome

PERSONAS = ("professional", "coordinator", "outsider", "expert", "analyst", "viewer", "admin")
CASE_WORKERS = frozenset({"professional", "coordinator", "outsider", "expert"})
NO_CASES = frozenset({"analyst", "viewer", "admin"})
OWN_TEAM = frozenset({"professional", "coordinator"})
ESCALATED = frozenset({"outsider", "expert"})  # case_escalated: team B's, escalated to X
REASON_TEXT = "Overleg over de veiligheid van de jongere"


@dataclass(frozen=True)
class Probe:
    url_name: str
    allowed: frozenset[str]
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    method: str = "get"
    body: Callable[[World], dict[str, Any]] | None = None
    reason: bool = False
    label: str = ""
    success: Outcome = OK
    everyone: Outcome | None = None  # the same for every persona and for anonymous
    exceptions: dict[str, Outcome] = field(default_factory=dict)

    def expected(self, persona: str | None) -> Outcome:
        if self.everyone is not None:
            return self.everyone
        if persona is None:
            return UNAUTHENTICATED
        if persona in self.exceptions:
            return self.exceptions[persona]
        if persona in self.allowed:
            return self.success
        return FORBIDDEN if persona in NO_CASES else NOT_FOUND

    @property
    def id(self) -> str:
        return f"{self.url_name}{'[' + self.label + ']' if self.label else ''}"


def _case(attribute: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"casusnummer": getattr(world, attribute).reference}


def _event(world: World, attribute: str = "case_a") -> dict[str, Any]:
    case = getattr(world, attribute)
    event = Event.objects.create(case=case, kind=EventKind.CRISIS, started_on=case.opened_on)
    return {"casusnummer": world.case_a.reference, "id": event.pk}


def _moment(world: World) -> dict[str, Any]:
    moment = MonitoringMoment.objects.create(
        case=world.case_a, scale=ScoreScale.GAS, safety=7, plan_fits=PlanFit.YES
    )
    return {"casusnummer": world.case_a.reference, "id": moment.pk}


def _arrangement(attribute: str) -> Callable[[World], dict[str, Any]]:
    def kwargs(world: World) -> dict[str, Any]:
        case = getattr(world, attribute)
        Arrangement.objects.create(case=case, level="midden", agreed_on=case.opened_on)
        return {"casusnummer": case.reference}

    return kwargs


def _new_arrangement(world: World) -> dict[str, Any]:
    return {"niveau": "zwaar", "afgesprokenOp": timezone.localdate().isoformat()}


def _new_event(world: World) -> dict[str, Any]:
    return {"soort": EventKind.CRISIS, "datum": timezone.localdate().isoformat()}


def _new_moment(world: World) -> dict[str, Any]:
    return {"schaal": ScoreScale.GAS, "veiligheid": 7, "planPastNog": PlanFit.YES}


def _bottleneck(world: World, *, south: bool = False) -> dict[str, Any]:
    region = world.south if south else world.north
    body = ResponsibleBody.objects.create(
        name=f"Instantie {region}", level=Level.REGION, region=region, contact_email="i@x.nl"
    )
    bottleneck = Bottleneck.objects.create(
        region=region,
        category=Category.WAITING,
        title="Wachtlijst",
        raised_by=world.user("professional"),
        level=Level.REGION,
        body=body,
        status=Status.REPORTED,
    )
    return {"id": bottleneck.pk}


EVERYONE = frozenset(PERSONAS)
# Bottlenecks are for everyone in the organisation; a region's are not for other regions.
NOT_THEIRS = {"analyst": NOT_FOUND, "admin": NOT_FOUND}

EVERY_CASE_WORKER_405 = {persona: NOT_ALLOWED for persona in CASE_WORKERS}

PROBES = [
    Probe("api:case_list", CASE_WORKERS),
    # Roles are checked before the method: case workers learn the method is not there.
    Probe(
        "api:case_list", frozenset(), method="post", label="post", exceptions=EVERY_CASE_WORKER_405
    ),
    Probe("api:case_detail", OWN_TEAM, _case("case_a"), label="own team"),
    Probe(
        "api:case_detail",
        frozenset({"outsider"}),
        _case("case_escalated"),
        label="escalated, no reason",
        exceptions={"expert": REASON},
    ),
    Probe("api:case_detail", ESCALATED, _case("case_escalated"), reason=True, label="escalated"),
    Probe(
        "api:case_detail",
        frozenset(),
        lambda world: {"casusnummer": "C-BBBB-BBBB"},
        label="no such case",
    ),
    Probe(
        "api:case_detail",
        frozenset(),
        _case("case_a"),
        method="delete",
        label="delete",
        exceptions=EVERY_CASE_WORKER_405,
    ),
    Probe("api:event_list", OWN_TEAM, _case("case_a")),
    Probe("api:event_list", ESCALATED, _case("case_escalated"), reason=True, label="escalated"),
    Probe(
        "api:event_list",
        OWN_TEAM,
        _case("case_a"),
        method="post",
        body=_new_event,
        label="post",
        success=CREATED,
    ),
    Probe(
        "api:event_list",
        ESCALATED,
        _case("case_escalated"),
        method="post",
        body=_new_event,
        reason=True,
        label="post escalated",
        success=CREATED,
    ),
    Probe(
        "api:event_list",
        frozenset(),
        _case("case_a"),
        method="put",
        body=_new_event,
        label="put",
        exceptions=EVERY_CASE_WORKER_405,
    ),
    Probe("api:event_detail", OWN_TEAM, _event),
    Probe(
        "api:event_detail",
        frozenset(),
        lambda world: _event(world, "case_b"),
        label="another case's event",
    ),
    Probe("api:moment_list", OWN_TEAM, _case("case_a")),
    Probe("api:moment_list", ESCALATED, _case("case_escalated"), reason=True, label="escalated"),
    Probe(
        "api:moment_list",
        OWN_TEAM,
        _case("case_a"),
        method="post",
        body=_new_moment,
        label="post",
        success=CREATED,
    ),
    Probe("api:moment_detail", OWN_TEAM, _moment),
    # The case's arrangement (costs): read and recorded by those who work on the case.
    Probe("api:arrangement", OWN_TEAM, _arrangement("case_a")),
    Probe(
        "api:arrangement",
        ESCALATED,
        _arrangement("case_escalated"),
        reason=True,
        label="escalated",
    ),
    Probe(
        "api:arrangement",
        OWN_TEAM,
        _case("case_a"),
        method="put",
        body=_new_arrangement,
        label="put",
    ),
    Probe(
        "api:arrangement",
        frozenset(),
        _case("case_a"),
        method="post",
        body=_new_arrangement,
        label="post",
        exceptions=EVERY_CASE_WORKER_405,
    ),
    Probe("api:bottleneck_list", EVERYONE),
    # Raising: team workers with one team need not say where from; an analyst of a region
    # with several municipalities must (400); executives and administrators do not raise.
    Probe(
        "api:bottleneck_list",
        EVERYONE - {"viewer", "admin"},
        method="post",
        body=lambda world: {"categorie": Category.WAITING, "titel": "Wachtlijst jeugd-ggz"},
        label="post",
        success=CREATED,
        exceptions={"analyst": REASON, "viewer": FORBIDDEN, "admin": FORBIDDEN},
    ),
    Probe("api:bottleneck_detail", EVERYONE, _bottleneck),
    Probe(
        "api:bottleneck_detail",
        frozenset({"viewer"}),
        lambda world: _bottleneck(world, south=True),
        label="other region",
        exceptions=NOT_THEIRS,
    ),
    Probe("api:bottleneck_moves", EVERYONE, _bottleneck),
    # Nobody here acts for the body, and a just-reported bottleneck cannot be reopened.
    Probe(
        "api:bottleneck_moves",
        frozenset(),
        _bottleneck,
        method="post",
        body=lambda world: {"status": Status.IN_PROGRESS},
        label="post",
        exceptions={persona: FORBIDDEN for persona in PERSONAS},
    ),
    Probe("api:openapi_json", frozenset(), everyone=OK),
    Probe("api:openapi_yaml", frozenset(), everyone=OK),
    Probe("api:openapi_json", frozenset(), method="post", label="post", everyone=NOT_ALLOWED),
    Probe("api:not_found", frozenset(), everyone=NOT_FOUND),
    Probe("api:not_found", frozenset(), method="post", label="post", everyone=NOT_FOUND),
]


def _url_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace or ""
            yield from _url_names(pattern.url_patterns, inner if pattern.namespace else namespace)
        elif pattern.name is not None:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_api_url_is_in_the_matrix() -> None:
    api_urls = {name for name in _url_names(get_resolver().url_patterns) if name.startswith("api:")}
    probed = {probe.url_name for probe in PROBES}
    assert api_urls, "the API's URLs are not mounted under the 'api' namespace"
    assert api_urls - probed == set(), "API URLs without a row in the API matrix"
    assert probed - api_urls == set(), "matrix rows for API URLs that no longer exist"


def _request(client: Client, probe: Probe, url: str, world: World) -> Any:
    extra: dict[str, Any] = {}
    if probe.reason:
        extra["headers"] = {"Access-Reason": REASON_TEXT}
    if probe.body is not None:
        extra["data"] = probe.body(world)
        extra["content_type"] = "application/json"
    return getattr(client, probe.method)(url, **extra)


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe.id)
def test_api_role_matrix(world: World, probe: Probe) -> None:
    url = reverse(probe.url_name, kwargs=probe.kwargs(world))
    wrong = {}
    for persona in (None, *PERSONAS):
        secret = token_for(world.user(persona)) if persona is not None else None
        response = _request(bearer_client(secret), probe, url, world)
        expected = probe.expected(persona)
        name = persona or "anonymous"
        if response.status_code != expected.value:
            wrong[name] = f"got {response.status_code}, expected {expected.value} ({expected.name})"
        elif response.get("API-Version") != "1.0.0":
            wrong[name] = "no API-Version header"
        elif response.status_code >= 400 and response["Content-Type"] != "application/problem+json":
            wrong[name] = f"a refusal as {response['Content-Type']}, not a problem"
    assert wrong == {}
