"""Forms that speak the user's language (issue 24): range errors next to their fields and all at
once, an event form with only its kind's fields, one page to register a household, and a
second monitoring moment on one day only when meant."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in
from elkedagbeter.audit.models import AccessLogEntry
from elkedagbeter.cases.models import Case, EventKind, Goal, HouseholdMember, MemberRole
from elkedagbeter.monitoring.models import MonitoringMoment

pytestmark = pytest.mark.django_db

SAFETY_ERROR = "Veiligheid is een getal van 1 tot en met 10."


def _client(world: World) -> Client:
    return log_in(Client(), world.user("professional"))


def _url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": world.case_a.reference, **kwargs})


def _error(html: str, field: str) -> str:
    found = re.search(rf'id="id_{field}_error">(.*?)</div>', html, flags=re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def test_every_range_error_is_next_to_its_field_at_once(world: World) -> None:
    goal = Goal.objects.create(case=world.case_a, text="Naar school")
    response = _client(world).post(
        _url("moment_new", world),
        {f"goal_{goal.pk}": "7", "safety": "11", "plan_fits": "ja", "heard": "0"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _error(html, "safety") == SAFETY_ERROR
    assert _error(html, f"goal_{goal.pk}") == "Een score op deze schaal loopt van -2 tot 2."
    assert _error(html, "heard") == "Het oordeel van het gezin is een getal van 1 tot en met 5."
    assert "moment_safety_in_range" not in html
    assert not MonitoringMoment.objects.exists()
    # Zero is not offered: safety runs from 1 to 10.
    assert 'name="safety" value="0"' not in html
    response = _client(world).post(
        _url("moment_new", world), {f"goal_{goal.pk}": "1", "safety": "0", "plan_fits": "ja"}
    )
    assert (
        _error(response.content.decode(), "safety")
        == "Veiligheid is een getal van 1 tot en met 10."
    )


def test_a_second_moment_on_one_day_is_refused_unless_meant(world: World) -> None:
    goal = Goal.objects.create(case=world.case_a, text="Naar school")
    client = _client(world)
    data = {f"goal_{goal.pk}": "1", "safety": "6", "plan_fits": "ja"}
    assert client.post(_url("moment_new", world), data).status_code == 302

    refused = client.post(_url("moment_new", world), data)
    html = refused.content.decode()
    day = timezone.localdate().strftime("%d-%m-%Y")
    assert f"Deze casus heeft al een monitoringmoment op {day}." in _error(html, "recorded_on")
    assert 'name="same_day"' in html
    assert MonitoringMoment.objects.count() == 1

    meant = client.post(_url("moment_new", world), {**data, "same_day": "on"})
    assert meant.status_code == 302
    assert MonitoringMoment.objects.count() == 2
    # A moment on another day needs no box at all.
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    other = client.post(_url("moment_new", world), {**data, "recorded_on": yesterday})
    assert other.status_code == 302


def test_the_event_form_asks_the_kind_first_and_then_shows_its_fields(world: World) -> None:
    client = _client(world)
    chooser = client.get(_url("event_new", world)).content.decode()
    assert 'name="kind" value="separatie"' in chooser
    assert 'name="place"' not in chooser

    html = client.get(_url("event_new", world) + "?kind=separatie").content.decode()
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*name="([^"]+)"', html))
    assert names - {"csrfmiddlewaretoken", "next", "language"} == {
        "kind",
        "member",
        "started_on",
        "ended_on",
        "seclusion_form",
        "duration_minutes",
        "place",
        "note",
    }
    label = re.search(r'<label[^>]*for="id_duration_minutes">(.*?)</label>', html, flags=re.S)
    assert label is not None and "niet verplicht" not in label.group(1)
    label = re.search(r'<label[^>]*for="id_place">(.*?)</label>', html, flags=re.S)
    assert label is not None and "niet verplicht" not in label.group(1)

    refused = client.post(
        _url("event_new", world) + "?kind=separatie",
        {"kind": "separatie", "started_on": timezone.localdate().isoformat()},
    ).content.decode()
    assert _error(refused, "duration_minutes") == "Vul bij een separatie de duur in minuten in."
    assert _error(refused, "place") == "Vul bij een separatie de plaats in waar die plaatsvond."


def test_a_closed_placement_marks_its_legal_basis_as_needed(world: World) -> None:
    html = (
        _client(world)
        .get(_url("event_new", world) + f"?kind={EventKind.PLACEMENT}")
        .content.decode()
    )
    label = re.search(r'<label[^>]*for="id_legal_basis">(.*?)</label>', html, flags=re.S)
    assert label is not None and "niet verplicht" not in label.group(1)
    assert 'name="diagnosis"' not in html and 'name="place"' not in html


def test_the_citizen_service_number_is_marked_optional_once(world: World) -> None:
    html = _client(world).get(_url("add", world, part="gezinslid")).content.decode()
    assert html.count("(niet verplicht)") >= 1
    label = re.search(r'<label[^>]*for="id_bsn">(.*?)</label>', html, flags=re.S)
    assert label is not None
    assert label.group(1).count("niet verplicht") == 1


def test_a_household_is_registered_on_one_page(world: World) -> None:
    client = _client(world)
    url = reverse("cases:new")
    page = client.get(url).content.decode()
    assert 'name="lid-0-role"' in page and 'name="lid-1-role"' in page
    data = {
        "team": str(world.team_a.pk),
        "score_scale": "gas",
        "lid-TOTAL_FORMS": "2",
        "lid-INITIAL_FORMS": "0",
        "lid-0-role": MemberRole.PARENT,
        "lid-0-birth_year": "1985",
        "lid-1-role": MemberRole.YOUTH,
        "lid-1-birth_year": "2012",
        "goal": "Weer elke dag naar school",
    }
    # Another row keeps what was typed and saves nothing yet.
    more = client.post(url, {**data, "more_members": "1"}).content.decode()
    assert 'name="lid-2-role"' in more and 'value="2012"' in more
    assert "niet alles is goed ingevuld" not in more.lower()
    before = Case.objects.count()
    assert Case.objects.count() == before

    response = client.post(
        url,
        {**data, "lid-TOTAL_FORMS": "3", "lid-2-role": MemberRole.YOUTH, "lid-2-age_band": "0-3"},
    )
    assert response.status_code == 302
    case = Case.objects.exclude(pk__in=[c.pk for c in Case.objects.filter(team=world.team_b)])
    case = case.exclude(pk=world.case_a.pk).get(team=world.team_a)
    assert response["Location"] == reverse("cases:detail", args=[case.reference])
    assert HouseholdMember.objects.filter(case=case).count() == 3
    assert list(case.goals.values_list("text", flat=True)) == ["Weer elke dag naar school"]
    assert AccessLogEntry.objects.filter(object_ref=case.reference).count() >= 5


def test_a_wrong_member_row_keeps_the_rest_and_saves_nothing(world: World) -> None:
    client = _client(world)
    cases = Case.objects.count()
    response = client.post(
        reverse("cases:new"),
        {
            "team": str(world.team_a.pk),
            "lid-TOTAL_FORMS": "2",
            "lid-INITIAL_FORMS": "0",
            "lid-0-role": MemberRole.YOUTH,
            "lid-1-role": MemberRole.PARENT,
            "lid-1-birth_year": "1980",
            "goal": "Rust in huis",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _error(html, "lid-0-birth_year") == "Vul een geboortejaar in of kies een leeftijdsgroep."
    assert 'value="Rust in huis"' in html
    assert Case.objects.count() == cases


def test_save_and_add_another_stays_on_the_form(world: World) -> None:
    client = _client(world)
    response = client.post(_url("add", world, part="doel"), {"text": "Eerste doel", "again": "1"})
    assert response["Location"] == _url("add", world, part="doel")
    assert world.case_a.goals.count() == 1
