"""Schemathesis against the API's own OpenAPI document, in-process through the WSGI application.

Every operation in ``/api/v1/openapi.json`` is fuzzed for several callers:

- ``owner``: a professional of team A with a real token, aimed at team A's case, its events and
  moments, and a bottleneck of region Noord, so that most requests reach the real code;
- ``expert``: the expert team's member on the case escalated to them, stating a reason;
- ``analyst``: region Noord's analyst, who handles bottlenecks and must get 403 on every case;
- ``stranger``: a professional of region Zuid aimed at the same data, who must get 401, 403 or
  404 there, and whose lists and new items never show team A's case or Noord's bottleneck;
- ``anonymous`` and ``revoked``: no token, and a revoked token: 401 on everything.

Each request's response is checked by schemathesis: no 5xx, the status code and content type
are documented, and the body and headers match the documented schema. Generated cases mix
schema-valid (positive) and schema-invalid (negative) input, with path parameters either the
real ids above or generated ones.

``FUZZ_EXAMPLES`` sets the examples per operation and caller (default 6 in ``make test``);
``scripts/bench.sh`` runs many more. The number of generated cases per operation is printed in
the summary at the end of the pytest run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import World, _member, count_fuzz_case, fuzz_settings
from elkedagbeter.api.actions import revoke_tokens
from elkedagbeter.api.views import OpenApiJsonView
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Level, ResponsibleBody, Status
from elkedagbeter.cases.models import Event, EventKind, Goal, HouseholdMember, MemberRole
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale
from elkedagbeter.organisations.models import Role

from .conftest import token_for

SCHEMA_URL = "/api/v1/openapi.json"
REASON = "Overleg over de veiligheid van de jongere"
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every operation the document describes, read when tests are collected
    (the same generator serves ``/api/v1/openapi.json``)."""
    with patched_settings(OpenApiJsonView.custom_settings):  # as the view serves it
        document = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), path.removeprefix("/api/v1"))
        for path, item in document["paths"].items()
        for method in item
    ]


OPERATIONS = _operations()


@dataclass
class Target:
    """The real ids a caller is aimed at, and what it must never see."""

    casusnummer: str
    event: int
    moment: int
    bottleneck: int
    headers: dict[str, str] = field(default_factory=dict)
    secret_texts: tuple[str, ...] = ()


@dataclass
class Fuzzed:
    world: World
    schema: Any
    owner: Target
    escalated: Target
    secrets: dict[str, str]


@pytest.fixture
def fuzzed(world: World) -> Iterator[Fuzzed]:
    """Team A's case with a youth, an event, a moment and an open desired result; the escalated
    case with the same; a routed bottleneck of region Noord; the schema, loaded from the app."""
    today = timezone.localdate()
    world.users["stranger"] = _member("stranger", Role.PROFESSIONAL, team=world.team_d)
    targets = []
    for case in (world.case_a, world.case_escalated):
        HouseholdMember.objects.create(case=case, role=MemberRole.YOUTH, birth_year=2012)
        Goal.objects.create(case=case, text="Naar school gaan")
        event = Event.objects.create(case=case, kind=EventKind.CRISIS, started_on=case.opened_on)
        moment = MonitoringMoment.objects.create(
            case=case, scale=ScoreScale.GAS, safety=7, plan_fits=PlanFit.YES, recorded_on=today
        )
        targets.append((case, event, moment))
    body = ResponsibleBody.objects.create(
        name="Jeugdregio Noord, inkoop",
        level=Level.REGION,
        region=world.north,
        contact_email="inkoop@noord.invalid",
    )
    body.handlers.add(world.user("analyst"))
    bottleneck = Bottleneck.objects.create(
        region=world.north,
        category=Category.WAITING,
        title="Wachtlijst voor dagbehandeling",
        raised_by=world.user("professional"),
        raised_by_team=world.team_a,
        level=Level.REGION,
        body=body,
        status=Status.REPORTED,
    )
    (case_a, event_a, moment_a), (escalated, event_x, moment_x) = targets
    secrets = {
        persona: token_for(world.user(persona))
        for persona in ("professional", "expert", "analyst", "stranger")
    }
    revoked = token_for(world.user("professional"))
    revoke_tokens(revoked)
    secrets["revoked"] = revoked
    # As Django's test client does: keep the test's database connection (and its transaction)
    # open across requests; the WSGI handler would otherwise close it around each of them.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield Fuzzed(
            world=world,
            schema=schemathesis.openapi.from_wsgi(SCHEMA_URL, WSGIHandler()),
            owner=Target(
                case_a.reference,
                event_a.pk,
                moment_a.pk,
                bottleneck.pk,
                secret_texts=(case_a.reference, bottleneck.number),
            ),
            escalated=Target(
                escalated.reference,
                event_x.pk,
                moment_x.pk,
                bottleneck.pk,
                headers={"Access-Reason": REASON},
            ),
            secrets=secrets,
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _path_parameters(path: str, target: Target) -> dict[str, Any]:
    if path.startswith("/knelpunten"):
        return {"id": target.bottleneck} if "{id}" in path else {}
    parameters: dict[str, Any] = {"casusnummer": target.casusnummer}
    if "{id}" in path:
        parameters["id"] = target.moment if "monitoringmomenten" in path else target.event
    return parameters if "{casusnummer}" in path else {}


def _strategy(operation: Any, target: Target, auth: dict[str, str]) -> st.SearchStrategy[Any]:
    """Real path parameters most of the time, generated ones sometimes; valid and invalid input."""
    aimed = _path_parameters(operation.path, target)
    headers = {**target.headers, **auth}
    strategies = [
        operation.as_strategy(path_parameters=aimed, headers=headers),
        operation.as_strategy(
            generation_mode=GenerationMode.NEGATIVE, path_parameters=aimed, headers=headers
        ),
        operation.as_strategy(headers=headers),
    ]
    return st.one_of(*strategies)


def run_operation(
    fuzzed: Fuzzed,
    method: str,
    path: str,
    *,
    caller: str,
    target: Target,
    expect: Callable[[Any, Any], None] | None = None,
) -> None:
    operation = fuzzed.schema[path][method]
    secret = fuzzed.secrets.get(caller)
    auth = {"Authorization": f"Bearer {secret}"} if secret else {}
    label = f"{method} {path}"

    @fuzz_settings
    @given(case=_strategy(operation, target, auth))
    def fuzz(case: Any) -> None:
        response = case.call()
        count_fuzz_case(f"API {label}", str(response.status_code))
        case.validate_response(response, checks=CHECKS)
        if expect is not None:
            expect(case, response)

    fuzz()


# --- The data's own users ------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[" ".join(op) for op in OPERATIONS])
def test_every_operation_holds_for_the_owner(fuzzed: Fuzzed, method: str, path: str) -> None:
    run_operation(fuzzed, method, path, caller="professional", target=fuzzed.owner)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[" ".join(op) for op in OPERATIONS])
def test_every_operation_holds_for_an_expert_with_a_reason(
    fuzzed: Fuzzed, method: str, path: str
) -> None:
    run_operation(fuzzed, method, path, caller="expert", target=fuzzed.escalated)


def _is_endpoint(case: Any) -> bool:
    """Whether the generated path is one of the API's endpoints, rather than a path that no
    endpoint matches (an ``id`` of -1, say), which is a 404 for everyone."""
    match = resolve(
        unquote(urlsplit(case.operation.schema.get_full_path(case.formatted_path)).path)
    )
    return match.url_name != "not_found"


def _no_single_case(case: Any, response: Any) -> None:
    """403 on every case endpoint."""
    if case.path.startswith("/casussen"):
        expected = 403 if _is_endpoint(case) else 404
        assert response.status_code == expected, (case.formatted_path, response.status_code)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[" ".join(op) for op in OPERATIONS])
def test_an_analyst_never_gets_a_single_case(fuzzed: Fuzzed, method: str, path: str) -> None:
    run_operation(
        fuzzed,
        method,
        path,
        caller="analyst",
        target=fuzzed.owner,
        expect=_no_single_case,
    )


# --- Those who must not see it -------------------------------------------------------------------


def _lists(path: str) -> bool:
    return path in {"/casussen", "/knelpunten"}


def _shown(response: Any) -> str:
    """The response's content, without a problem's ``instance`` (the path the caller sent)."""
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return str(response.content.decode("utf-8", "replace"))
    if isinstance(body, dict):
        body.pop("instance", None)
    return json.dumps(body, ensure_ascii=False)


def _never_data(target: Target) -> Callable[[Any, Any], None]:
    def expect(case: Any, response: Any) -> None:
        text = _shown(response)
        for secret in target.secret_texts:
            assert secret not in text, (case.path, response.status_code)
        if not _lists(case.operation.path):
            assert response.status_code in {401, 403, 404}, (case.path, response.status_code)

    return expect


def _refused(case: Any, response: Any) -> None:
    """401 with a challenge; 404 only for a generated path that is no endpoint at all."""
    if not _is_endpoint(case):
        assert response.status_code == 404, (case.formatted_path, response.status_code)
        return
    assert response.status_code == 401, (case.formatted_path, response.status_code)
    assert response.headers["www-authenticate"][0].startswith("Bearer realm=")


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[" ".join(op) for op in OPERATIONS])
def test_a_stranger_never_sees_the_data(fuzzed: Fuzzed, method: str, path: str) -> None:
    run_operation(
        fuzzed,
        method,
        path,
        caller="stranger",
        target=fuzzed.owner,
        expect=_never_data(fuzzed.owner),
    )


@pytest.mark.parametrize("caller", ["anonymous", "revoked"])
def test_without_a_valid_token_everything_is_401(fuzzed: Fuzzed, caller: str) -> None:
    for method, path in OPERATIONS:
        run_operation(fuzzed, method, path, caller=caller, target=fuzzed.owner, expect=_refused)


def test_every_operation_in_the_served_document_is_fuzzed(fuzzed: Fuzzed) -> None:
    served = {
        (operation.ok().method.upper(), operation.ok().path)
        for operation in fuzzed.schema.get_all_operations()
    }
    assert served == set(OPERATIONS)
    assert len(served) >= 13


# --- What the fuzzing found, held by fixed examples ----------------------------------------------


def _conforms(fuzzed: Fuzzed, method: str, path: str, caller: str = "professional", **data: Any):
    """Send one fixed request and check its response as the fuzz tests do."""
    case = fuzzed.schema[path][method].Case(
        headers={"Authorization": f"Bearer {fuzzed.secrets[caller]}"}, **data
    )
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    return response


def test_a_page_past_the_last_is_a_documented_404(fuzzed: Fuzzed) -> None:
    for path in ("/casussen", "/knelpunten"):
        response = _conforms(fuzzed, "GET", path, query={"page": 99})
        assert response.status_code == 404


def test_a_case_without_analysis_or_plan_and_a_regional_bottleneck_conform(
    fuzzed: Fuzzed,
) -> None:
    case = _conforms(
        fuzzed,
        "GET",
        "/casussen/{casusnummer}",
        path_parameters={"casusnummer": fuzzed.owner.casusnummer},
    ).json()
    assert case["verklarendeAnalyseVersie"] is None
    assert case["ondersteuningsplanVersie"] is None
    bottleneck = _conforms(
        fuzzed, "GET", "/knelpunten/{id}", path_parameters={"id": fuzzed.owner.bottleneck}
    ).json()
    assert bottleneck["gemeente"] is None


def test_a_step_answers_with_an_absolute_location(fuzzed: Fuzzed) -> None:
    response = _conforms(
        fuzzed,
        "POST",
        "/knelpunten/{id}/statuswijzigingen",
        caller="analyst",
        path_parameters={"id": fuzzed.owner.bottleneck},
        body={"status": Status.IN_PROGRESS},
        media_type="application/json",
    )
    assert response.status_code == 201
    assert response.headers["location"][0].startswith("http://")


def test_a_path_with_a_newline_is_a_problem_too(fuzzed: Fuzzed) -> None:
    response = Client().get("/api/v1/casussen/x%0Ay/gebeurtenissen/-1")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"]


def test_a_duration_beyond_any_database_integer_is_a_400(fuzzed: Fuzzed) -> None:
    body = {"soort": "separatie", "datum": "2025-01-10", "duurMinuten": 10**20, "plaats": "kamer"}
    response = _conforms(
        fuzzed,
        "POST",
        "/casussen/{casusnummer}/gebeurtenissen",
        path_parameters={"casusnummer": fuzzed.owner.casusnummer},
        body=body,
        media_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "duurMinuten"
