"""Agreement to an out-of-home placement: who agreed is recorded on the placement itself, checked
like every other timeline rule, and accepted the same way by the form, the import and the API."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from conftest import World
from elkedagbeter.api.tests.conftest import bearer_client, post_json, token_for
from elkedagbeter.cases.forms import EventForm
from elkedagbeter.cases.imports import ImportKind, ImportMode, read_rows, run_import
from elkedagbeter.cases.models import (
    Agreement,
    Case,
    Event,
    EventKind,
    HouseholdMember,
    LegalBasis,
    MemberRole,
    ResidenceType,
)
from elkedagbeter.cases.timeline import event_errors

TODAY = date(2026, 11, 23)


def _placement(legal_basis: str, **agreements: str) -> Event:
    return Event(
        kind=EventKind.PLACEMENT,
        member_id=1,
        started_on=date(2026, 3, 1),
        residence_type=ResidenceType.FOSTER_CARE,
        legal_basis=legal_basis,
        **agreements,
    )


def test_a_voluntary_placement_cannot_have_a_parent_who_did_not_agree() -> None:
    refused = _placement(
        LegalBasis.VOLUNTARY, parent_agreed=Agreement.YES, other_parent_agreed=Agreement.NO
    )
    assert "legal_basis" in event_errors(refused, TODAY, [])
    # The young person may object to a voluntary placement: that is what the zero goal counts.
    youth_objects = _placement(
        LegalBasis.VOLUNTARY, parent_agreed=Agreement.YES, youth_agreed=Agreement.NO
    )
    assert event_errors(youth_objects, TODAY, []) == {}
    ordered = _placement(LegalBasis.PLACEMENT_ORDER, parent_agreed=Agreement.NO)
    assert event_errors(ordered, TODAY, []) == {}
    agreed_with_order = _placement(LegalBasis.SUPERVISION, parent_agreed=Agreement.YES)
    assert event_errors(agreed_with_order, TODAY, []) == {}


def test_agreement_belongs_to_a_placement_only() -> None:
    crisis = Event(kind=EventKind.CRISIS, started_on=date(2026, 3, 1), youth_agreed=Agreement.NO)
    assert set(event_errors(crisis, TODAY, [])) == {"youth_agreed"}


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_database_refuses_agreement_on_another_event(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(
            case=world.case_a,
            kind=EventKind.CRISIS,
            started_on=date(2026, 3, 1),
            parent_agreed=Agreement.NO,
        )


@pytest.mark.django_db
def test_the_form_offers_and_checks_the_agreement(world: World) -> None:
    youth = HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2012
    )
    data = {
        "kind": EventKind.PLACEMENT,
        "member": youth.pk,
        "started_on": "2026-03-01",
        "residence_type": ResidenceType.FOSTER_CARE,
        "legal_basis": LegalBasis.VOLUNTARY,
        "parent_agreed": Agreement.NO,
        "youth_agreed": Agreement.YES,
    }
    form = EventForm(data, case=world.case_a)
    assert not form.is_valid()
    assert "legal_basis" in form.errors
    form = EventForm({**data, "legal_basis": LegalBasis.PLACEMENT_ORDER}, case=world.case_a)
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_the_import_reads_the_agreement_columns_with_dutch_errors(world: World) -> None:
    Case.objects.create(team=world.team_a, source_ref="WT-1", opened_on=date(2024, 1, 1))
    text = (
        "casus;soort;datum;jeugdige_geboortejaar;hulpvorm;juridische_grond;"
        "instemming_ouder;instemming_andere_ouder;instemming_jeugdige\n"
        "WT-1;uithuisplaatsing;2025-03-01;2012;11;72;nee;nvt;ja\n"
        "WT-1;uithuisplaatsing;2025-03-01;2013;11;vrijwillig;nee;;\n"
        "WT-1;uithuisplaatsing;2025-03-01;2014;11;ots;misschien;;\n"
        "WT-1;crisis;2025-03-01;;;;;;nee\n"
    )
    rows = read_rows(io.BytesIO(text.encode()), "rows.csv")

    report = run_import(
        rows, kind=ImportKind.EVENTS, team=world.team_a, mode=ImportMode.GOOD_ROWS, commit=True
    )

    problems = {(p.row, p.column): p.message for p in report.problems}
    assert set(problems) == {
        (3, "juridische_grond"),
        (4, "instemming_ouder"),
        (5, "instemming_jeugdige"),
    }
    assert problems[(3, "juridische_grond")].startswith(
        "Een vrijwillige plaatsing vraagt de instemming van elke ouder met gezag."
    )
    assert problems[(4, "instemming_ouder")].startswith("“misschien” is niet een van: ja, nee")
    assert problems[(5, "instemming_jeugdige")] == (
        "Instemming wordt alleen bij een uithuisplaatsing vastgelegd."
    )
    event = Event.objects.get()
    assert (event.parent_agreed, event.other_parent_agreed, event.youth_agreed) == (
        "nee",
        "nvt",
        "ja",
    )
    assert event.against_will


@pytest.mark.django_db
def test_the_api_records_and_returns_the_agreement(world: World) -> None:
    client = bearer_client(token_for(world.user("professional")))
    youth = HouseholdMember.objects.create(
        case=world.case_a, role=MemberRole.YOUTH, birth_year=2012
    )
    url = f"/api/v1/casussen/{world.case_a.reference}/gebeurtenissen"
    body = {
        "soort": EventKind.PLACEMENT,
        "gezinslid": youth.pk,
        "datum": str(timezone.localdate() - timedelta(days=3)),
        "hulpvormVerblijf": ResidenceType.FOSTER_CARE,
        "juridischeGrond": "vrijwillig",
        "instemmingOuder": "ja",
        "instemmingAndereOuder": "nee",
        "instemmingJeugdige": "ja",
    }
    refused = post_json(client, url, body)
    assert refused.status_code == 400
    assert {p["name"] for p in refused.json()["invalidParams"]} == {"juridischeGrond"}

    response = post_json(client, url, {**body, "juridischeGrond": "ots"})

    assert response.status_code == 201, response.json()
    assert response.json()["instemmingAndereOuder"] == "nee"
    assert Event.objects.get(case=world.case_a).other_parent_agreed == Agreement.NO
