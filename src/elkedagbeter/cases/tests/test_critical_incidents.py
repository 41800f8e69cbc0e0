"""The critical incidents added for the zero goals: the timeline rules with Dutch messages, and
the same rules through the import and the API."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from conftest import World
from elkedagbeter.api.tests.conftest import bearer_client, post_json, token_for
from elkedagbeter.cases.imports import ImportKind, ImportMode, read_rows, run_import
from elkedagbeter.cases.models import (
    Case,
    DiagnosisGroup,
    EndKind,
    Event,
    EventKind,
    HouseholdMember,
    LegalBasis,
    MemberRole,
    ResidenceType,
)
from elkedagbeter.cases.timeline import event_errors

TODAY = date(2026, 11, 23)
DAY = date(2026, 3, 1)


def _placement(start: date, end: date | None = None, **values: object) -> Event:
    return Event(
        pk=1,
        kind=EventKind.PLACEMENT,
        member_id=7,
        started_on=start,
        ended_on=end,
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=LegalBasis.VOLUNTARY,
        **values,
    )


def test_incidents_of_one_youth_need_the_youth_and_have_no_end_date() -> None:
    for kind in (EventKind.SUICIDE, EventKind.REVICTIMISATION, EventKind.DIAGNOSIS):
        event = Event(kind=kind, started_on=DAY, ended_on=DAY + timedelta(days=1))
        errors = event_errors(event, TODAY, [])
        assert {"member", "ended_on"} <= set(errors), kind
    assert event_errors(Event(kind=EventKind.RUNAWAY, started_on=DAY), TODAY, []) == {}


def test_a_diagnosis_names_its_group_and_only_a_diagnosis_does() -> None:
    missing = Event(kind=EventKind.DIAGNOSIS, member_id=7, started_on=DAY)
    assert set(event_errors(missing, TODAY, [])) == {"diagnosis"}
    stray = Event(kind=EventKind.CRISIS, started_on=DAY, diagnosis=DiagnosisGroup.ADHD)
    assert set(event_errors(stray, TODAY, [])) == {"diagnosis"}
    good = Event(
        kind=EventKind.DIAGNOSIS, member_id=7, started_on=DAY, diagnosis=DiagnosisGroup.AUTISM
    )
    assert event_errors(good, TODAY, []) == {}


def test_how_a_placement_ended_needs_its_end_date() -> None:
    assert set(event_errors(_placement(DAY, end_kind=EndKind.UNPLANNED), TODAY, [])) == {"end_kind"}
    ended = _placement(DAY, DAY + timedelta(days=30), end_kind=EndKind.UNPLANNED)
    assert event_errors(ended, TODAY, []) == {}
    crisis = Event(kind=EventKind.CRISIS, started_on=DAY, end_kind=EndKind.PLANNED)
    assert set(event_errors(crisis, TODAY, [])) == {"end_kind"}


def test_a_return_home_follows_a_placement_of_that_youth() -> None:
    home = Event(kind=EventKind.RETURN_HOME, member_id=7, started_on=DAY)
    assert set(event_errors(home, TODAY, [])) == {"kind"}
    later = _placement(DAY + timedelta(days=1))
    assert set(event_errors(home, TODAY, [later])) == {"kind"}
    earlier = _placement(DAY - timedelta(days=60), DAY)
    assert event_errors(home, TODAY, [earlier]) == {}


def test_a_youth_has_one_suicide_recorded_at_most() -> None:
    first = Event(pk=1, kind=EventKind.SUICIDE, member_id=7, started_on=DAY)
    second = Event(kind=EventKind.SUICIDE, member_id=7, started_on=DAY)
    assert set(event_errors(second, TODAY, [first])) == {"kind"}
    other_youth = Event(kind=EventKind.SUICIDE, member_id=8, started_on=DAY)
    assert event_errors(other_youth, TODAY, [first]) == {}


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_database_keeps_diagnosis_and_end_kind_where_they_belong(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(case=world.case_a, kind=EventKind.DIAGNOSIS, started_on=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(
            case=world.case_a, kind=EventKind.CRISIS, started_on=DAY, end_kind=EndKind.PLANNED
        )


@pytest.mark.django_db
def test_the_import_takes_the_new_kinds_and_columns_with_dutch_errors(world: World) -> None:
    Case.objects.create(team=world.team_a, source_ref="WT-1", opened_on=date(2024, 1, 1))
    text = (
        "casus;soort;datum;einddatum;jeugdige_geboortejaar;hulpvorm;juridische_grond;"
        "beeindiging;diagnose\n"
        "WT-1;uithuisplaatsing;2025-03-01;2025-04-20;2012;11;72;ongepland;\n"
        "WT-1;thuisplaatsing;2025-04-20;;2012;;;;\n"
        "WT-1;diagnose;2025-05-01;;2012;;;;adhd\n"
        "WT-1;diagnose;2025-06-01;;2012;;;;\n"
        "WT-1;hervictimisatie;2025-06-01;;;;;;\n"
        "WT-1;thuisplaatsing;2025-06-01;;2014;;;;\n"
        "WT-1;crisis;2025-06-01;;;;;gepland;\n"
    )
    rows = read_rows(io.BytesIO(text.encode()), "rows.csv")

    report = run_import(
        rows, kind=ImportKind.EVENTS, team=world.team_a, mode=ImportMode.GOOD_ROWS, commit=True
    )

    problems = {(p.row, p.column): p.message for p in report.problems}
    assert problems == {
        (5, "diagnose"): "Kies de diagnose.",
        (6, "jeugdige_geboortejaar"): "Kies de jeugdige bij wie dit gebeurde.",
        (7, "soort"): (
            "Een thuisplaatsing volgt op een uithuisplaatsing: leg eerst de plaatsing van "
            "deze jeugdige vast."
        ),
        (8, "beeindiging"): "Hoe iets eindigde wordt alleen bij een plaatsing vastgelegd.",
    }
    kinds = sorted(Event.objects.values_list("kind", flat=True))
    assert kinds == ["diagnose", "thuisplaatsing", "uithuisplaatsing"]
    assert Event.objects.get(kind="uithuisplaatsing").end_kind == EndKind.UNPLANNED


@pytest.mark.django_db
def test_the_api_records_a_diagnosis(world: World) -> None:
    youth = HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2012
    )
    client = bearer_client(token_for(world.user("professional")))
    url = f"/api/v1/casussen/{world.case_a.reference}/gebeurtenissen"
    day = str(timezone.localdate() - timedelta(days=3))
    refused = post_json(client, url, {"soort": "diagnose", "gezinslid": youth.pk, "datum": day})
    assert refused.status_code == 400
    assert {p["name"] for p in refused.json()["invalidParams"]} == {"diagnose"}

    body = {"soort": "diagnose", "gezinslid": youth.pk, "datum": day, "diagnose": "autisme"}
    response = post_json(client, url, body)

    assert response.status_code == 201, response.json()
    assert response.json()["diagnose"] == "autisme"


def test_explanation_belongs_to_a_placement_and_the_form_to_a_seclusion() -> None:
    from elkedagbeter.cases.models import Explained, SeclusionForm

    crisis = Event(
        kind=EventKind.CRISIS,
        started_on=DAY,
        reason_explained=Explained.NO,
        seclusion_form=SeclusionForm.ISOLATION,
    )
    assert set(event_errors(crisis, TODAY, [])) == {"reason_explained", "seclusion_form"}
    assert event_errors(_placement(DAY, reason_explained=Explained.NO), TODAY, []) == {}
    isolation = Event(
        kind=EventKind.SECLUSION,
        started_on=DAY,
        duration_minutes=30,
        place="eigen kamer",
        seclusion_form=SeclusionForm.ISOLATION,
    )
    assert event_errors(isolation, TODAY, []) == {}
