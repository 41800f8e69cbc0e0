"""The REST API as a connecting system uses it: scoping like the application, NLGov conventions,
problems that name every bad field, logged reads and writes, and tokens that can be revoked."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.api.actions import issue_token
from elkedagbeter.api.models import ApiToken
from elkedagbeter.audit.models import AccessLogEntry, AuthorisationRule, EventCode, Result
from elkedagbeter.cases.models import (
    EmergencyAccess,
    Event,
    EventKind,
    Goal,
    HouseholdMember,
    MemberRole,
    ResidenceType,
)
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.monitoring.models import MonitoringMoment

from .conftest import ApiClientFactory, bearer_client, post_json, token_for

CASES = "/api/v1/casussen"
TODAY = timezone.localdate()


def _events_url(reference: str) -> str:
    return f"{CASES}/{reference}/gebeurtenissen"


def _moments_url(reference: str) -> str:
    return f"{CASES}/{reference}/monitoringmomenten"


def _all_pages(client: Client, url: str, resource: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    next_url: str | None = url
    while next_url is not None:
        body = client.get(next_url).json()
        items += body["_embedded"][resource]
        next_url = body["_links"].get("next", {}).get("href")
    return items


def _youth(world: World) -> HouseholdMember:
    return HouseholdMember.objects.create(case=world.case_a, role=MemberRole.YOUTH, birth_year=2012)


# --- Scoping -------------------------------------------------------------------------------------


def test_a_token_of_team_a_never_sees_a_case_of_team_b(world: World, api: ApiClientFactory) -> None:
    own = {world.case_a.reference} | {CaseFactory(team=world.team_a).reference for _ in range(4)}
    theirs = [world.case_b, *(CaseFactory(team=world.team_b) for _ in range(4))]
    Event.objects.create(case=world.case_b, kind=EventKind.CRISIS, started_on=TODAY)
    client = api("professional")

    listed = _all_pages(client, f"{CASES}?pageSize=2", "casussen")

    assert {item["casusnummer"] for item in listed} == own
    for case in theirs:
        for url in (f"{CASES}/{case.reference}", _events_url(case.reference)):
            response = client.get(url)
            assert response.status_code == 404, url
            assert response.json()["code"] == "not_found"
            assert world.team_b.name not in response.content.decode()
    refused = post_json(
        client, _events_url(world.case_b.reference), {"soort": "crisis", "datum": str(TODAY)}
    )
    assert refused.status_code == 404
    assert world.case_b.events.count() == 1


def test_an_expert_sees_escalated_cases_only_with_a_reason_that_is_logged(
    world: World, api: ApiClientFactory
) -> None:
    url = f"{CASES}/{world.case_escalated.reference}"

    listed = _all_pages(api("expert"), CASES, "casussen")
    without = api("expert").get(url)
    with_reason = api("expert", **{"Access-Reason": "Overleg over de veiligheid"}).get(url)

    assert [item["casusnummer"] for item in listed] == [world.case_escalated.reference]
    assert without.status_code == 400
    assert without.json()["invalidParams"][0]["name"] == "Access-Reason"
    assert with_reason.status_code == 200
    entry = AccessLogEntry.objects.get(object_ref=world.case_escalated.reference)
    assert entry.reason == "Overleg over de veiligheid"
    assert entry.authorisation_rule == AuthorisationRule.ESCALATION


def test_an_emergency_read_through_the_api_reads_but_does_not_write(
    world: World, api: ApiClientFactory
) -> None:
    EmergencyAccess.objects.create(
        case=world.case_a,
        user=world.user("outsider"),
        reason="Politie belt, kind op straat",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    client = api("outsider")

    read = client.get(f"{CASES}/{world.case_a.reference}")
    write = post_json(
        client, _events_url(world.case_a.reference), {"soort": "crisis", "datum": str(TODAY)}
    )

    assert read.status_code == 200
    assert write.status_code == 403
    assert not world.case_a.events.exists()


def test_every_read_is_logged_for_the_case_team_and_a_refused_one_too(
    world: World, api: ApiClientFactory
) -> None:
    api("professional").get(f"{CASES}/{world.case_a.reference}")
    api("professional").get(_events_url(world.case_a.reference))
    api("outsider").get(f"{CASES}/{world.case_a.reference}")

    entries = AccessLogEntry.objects.filter(object_ref=world.case_a.reference)
    assert [(e.user_display, e.event_code, e.result) for e in entries.order_by("id")] == [
        ("professional", EventCode.CASE_READ, Result.SUCCESS),
        ("professional", EventCode.CASE_READ, Result.SUCCESS),
        ("outsider", EventCode.CASE_READ, Result.REFUSED),
    ]


# --- NLGov conventions ---------------------------------------------------------------------------


def test_lists_page_with_next_and_prev_links(world: World, api: ApiClientFactory) -> None:
    for _ in range(4):
        CaseFactory(team=world.team_a)
    client = api("professional")

    first = client.get(f"{CASES}?pageSize=2").json()
    last = client.get(first["_links"]["last"]["href"]).json()

    assert "prev" not in first["_links"]
    assert "page=2" in first["_links"]["next"]["href"]
    assert "page=2" in last["_links"]["prev"]["href"]
    assert "next" not in last["_links"]
    assert len(last["_embedded"]["casussen"]) == 1


def test_page_size_is_honoured_and_the_links_say_page_size(
    world: World, api: ApiClientFactory
) -> None:
    """A client sending ``page_size`` gets that size, and links that carry only parameters the
    API reads (``pageSize``)."""
    for _ in range(4):
        CaseFactory(team=world.team_a)

    first = api("professional").get(f"{CASES}?page_size=2").json()

    assert len(first["_embedded"]["casussen"]) == 2
    for link in first["_links"].values():
        assert "page_size" not in link["href"] and "pageSize=2" in link["href"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("pageSize=101", "pageSize"),
        ("pageSize=nul", "pageSize"),
        ("page=0", "page"),
        ("page_size=101", "page_size"),
    ],
)
def test_a_bad_page_request_is_named(
    world: World, api: ApiClientFactory, query: str, name: str
) -> None:
    response = api("professional").get(f"{CASES}?{query}")

    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == [name]


def test_a_page_past_the_last_is_not_found(world: World, api: ApiClientFactory) -> None:
    response = api("professional").get(f"{CASES}?page=9")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "path", ["/casussen/", "/casussen/{ref}/", "/casussen/{ref}/gebeurtenissen/"]
)
def test_a_trailing_slash_is_not_found_rather_than_redirected(
    world: World, api: ApiClientFactory, path: str
) -> None:
    response = api("professional").get("/api/v1" + path.format(ref=world.case_a.reference))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_the_openapi_document_is_public_and_valid() -> None:
    response = Client().get("/api/v1/openapi.json")
    document = response.json()

    assert response.status_code == 200
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == response["API-Version"]
    assert set(document["paths"]) >= {
        "/casussen",
        "/casussen/{casusnummer}",
        "/casussen/{casusnummer}/gebeurtenissen",
        "/casussen/{casusnummer}/monitoringmomenten",
    }
    assert not [path for path in document["paths"] if path.endswith("/")]
    assert document["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    # drf-spectacular validates the document against the OpenAPI 3 JSON schema.
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())


# --- Writes --------------------------------------------------------------------------------------


def test_a_placement_is_recorded_logged_and_deidentified(
    world: World, api: ApiClientFactory
) -> None:
    youth = _youth(world)
    body = {
        "soort": EventKind.PLACEMENT,
        "gezinslid": youth.pk,
        "datum": str(TODAY - timedelta(days=3)),
        "hulpvormVerblijf": ResidenceType.FOSTER_CARE,
        "juridischeGrond": "ots",
        "toelichting": "Oma Jolanda Bakker vangt haar op.",
    }

    response = post_json(api("professional"), _events_url(world.case_a.reference), body)

    assert response.status_code == 201
    event = Event.objects.get(case=world.case_a)
    assert response["Location"].endswith(f"/gebeurtenissen/{event.pk}")
    assert response.json()["hulpvormVerblijf"] == ResidenceType.FOSTER_CARE
    assert "Jolanda" not in event.note
    assert AccessLogEntry.objects.filter(
        object_ref=world.case_a.reference, event_code=EventCode.CASE_UPDATE
    ).exists()


def test_a_bad_event_names_every_broken_rule_and_stores_nothing(
    world: World, api: ApiClientFactory
) -> None:
    body = {
        "soort": EventKind.PLACEMENT,
        "datum": str(TODAY + timedelta(days=2)),
        "kleur": "rood",
    }

    response = post_json(api("professional"), _events_url(world.case_a.reference), body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {param["name"] for param in response.json()["invalidParams"]} == {"kleur"}
    body.pop("kleur")
    response = post_json(api("professional"), _events_url(world.case_a.reference), body)
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert names >= {"datum", "gezinslid", "hulpvormVerblijf"}
    assert not world.case_a.events.exists()


def test_a_member_of_another_case_cannot_be_placed(world: World, api: ApiClientFactory) -> None:
    stranger = HouseholdMember.objects.create(
        case=world.case_b, role=MemberRole.YOUTH, birth_year=2012
    )
    body = {
        "soort": EventKind.PLACEMENT,
        "gezinslid": stranger.pk,
        "datum": str(TODAY),
        "hulpvormVerblijf": ResidenceType.FOSTER_CARE,
    }

    response = post_json(api("professional"), _events_url(world.case_a.reference), body)

    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == ["gezinslid"]


def test_only_json_is_accepted(world: World, api: ApiClientFactory) -> None:
    response = api("professional").post(
        _events_url(world.case_a.reference), {"soort": "crisis", "datum": str(TODAY)}
    )

    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


def test_a_monitoring_moment_with_scores(world: World, api: ApiClientFactory) -> None:
    school, home = (
        Goal.objects.create(case=world.case_a, text=text) for text in ("Naar school", "Rust")
    )
    url = _moments_url(world.case_a.reference)
    body: dict[str, Any] = {
        "schaal": "gas",
        "veiligheid": 7,
        "planPastNog": "ja",
        "gehoord": 4,
        "scores": [{"doel": school.pk, "score": 1}, {"doel": home.pk, "score": 5}],
    }

    refused = post_json(api("professional"), url, body)
    body["scores"][1]["score"] = -1
    created = post_json(api("professional"), url, body)
    listed = api("professional").get(url).json()["_embedded"]["monitoringmomenten"]

    assert refused.status_code == 400
    assert [param["name"] for param in refused.json()["invalidParams"]] == ["scores[1].score"]
    assert "-2" in refused.json()["invalidParams"][0]["reason"]
    assert created.status_code == 201
    assert MonitoringMoment.objects.get().scores.count() == 2
    assert {(s["doel"], s["score"]) for s in listed[0]["scores"]} == {(school.pk, 1), (home.pk, -1)}


# --- Tokens --------------------------------------------------------------------------------------


def test_only_a_digest_of_the_token_is_stored(world: World) -> None:
    token, secret = issue_token(world.user("professional"), name="Bronsysteem", valid_for=None)

    stored = ApiToken.objects.filter(pk=token.pk).values().get()

    assert secret not in {str(value) for value in stored.values()}
    assert bearer_client(secret).get(CASES).status_code == 200


@pytest.mark.parametrize("spoil", ["revoke", "expire", "deactivate", "misspell"])
def test_an_unusable_token_is_refused(world: World, spoil: str) -> None:
    user = world.user("professional")
    token, secret = issue_token(user, name="Bronsysteem", valid_for=timedelta(days=1))
    if spoil == "revoke":
        ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    elif spoil == "expire":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    elif spoil == "deactivate":
        user.is_active = False
        user.save()
    else:
        secret = secret[:-1]

    response = bearer_client(secret).get(CASES)

    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert response.json()["code"] == "invalid_token"


def test_a_session_does_not_open_the_api(world: World) -> None:
    client = log_in(Client(), world.user("professional"))

    assert client.get(CASES).status_code == 401


def test_tokens_are_issued_and_revoked_from_the_command_line(world: World) -> None:
    out = io.StringIO()
    call_command(
        "create_api_token", "professional", "--name", "Bronsysteem", "--days", "30", stdout=out
    )
    secret = out.getvalue().strip()

    assert bearer_client(secret).get(CASES).status_code == 200
    call_command("revoke_api_token", secret[:12], stdout=io.StringIO())
    assert bearer_client(secret).get(CASES).status_code == 401


def test_the_last_use_of_a_token_is_kept(world: World) -> None:
    secret = token_for(world.user("professional"))

    bearer_client(secret).get(CASES)

    assert ApiToken.objects.get().last_used_at is not None
