"""Who keeps the intervention catalogue: national interventions, which every region and the
public read, only a national administrator; a region's own interventions its administrators.
Every change records who made it, shown in the admin list and on the intervention's page. A
regional administrator could edit the national catalogue before."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World, _member, log_in
from elkedagbeter.accounts.models import User
from elkedagbeter.cases.imports import ImportMode, read_rows
from elkedagbeter.knowledge import actions
from elkedagbeter.knowledge.imports import run_catalogue_import
from elkedagbeter.knowledge.models import CatalogueItem, EvidenceLevel
from elkedagbeter.organisations.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_admin(world: World) -> User:
    user = _member("landelijk", Role.ADMIN)
    user.first_name, user.last_name = "Lotte", "Landelijk"
    user.save()
    return user


@pytest.fixture
def national_item(world: World) -> CatalogueItem:
    return actions.save_catalogue_item(
        None,
        CatalogueItem(code="mst", name="Multisysteemtherapie", evidence_level="goed_onderbouwd"),
    )


@pytest.fixture
def northern_item(world: World) -> CatalogueItem:
    return actions.save_catalogue_item(
        None, CatalogueItem(code="noord-aanpak", name="Noordelijke aanpak", region=world.north)
    )


def _change_form(item: CatalogueItem, **changes: str) -> dict[str, str]:
    form = {
        "code": item.code,
        "name": item.name,
        "evidence_level": item.evidence_level,
        "region": str(item.region_id or ""),
    }
    return form | changes


def test_a_regional_admin_cannot_change_or_delete_a_national_intervention(
    world: World, national_item: CatalogueItem
) -> None:
    admin = log_in(Client(), world.user("admin"))
    change = reverse("admin:knowledge_catalogueitem_change", args=[national_item.pk])

    page = admin.get(change)
    posted = admin.post(change, _change_form(national_item, name="Iets anders"))
    deleted = admin.post(
        reverse("admin:knowledge_catalogueitem_delete", args=[national_item.pk]), {"post": "yes"}
    )

    assert page.status_code == 200 and b'name="name"' not in page.content  # read-only
    assert posted.status_code == 403
    assert deleted.status_code == 403
    national_item.refresh_from_db()
    assert national_item.name == "Multisysteemtherapie"


def test_a_regional_admin_keeps_their_own_regions_interventions(
    world: World, northern_item: CatalogueItem
) -> None:
    admin = log_in(Client(), world.user("admin"))
    change = reverse("admin:knowledge_catalogueitem_change", args=[northern_item.pk])

    response = admin.post(change, _change_form(northern_item, name="Noordelijke aanpak 2.0"))
    added = admin.post(
        reverse("admin:knowledge_catalogueitem_add"),
        {"code": "landelijk-nieuw", "name": "Nieuw", "evidence_level": "goed_beschreven"},
    )
    elsewhere = admin.post(
        reverse("admin:knowledge_catalogueitem_add"),
        {
            "code": "zuid-nieuw",
            "name": "Zuid",
            "evidence_level": "goed_beschreven",
            "region": str(world.south.pk),
        },
    )

    assert response.status_code == 302
    northern_item.refresh_from_db()
    assert northern_item.name == "Noordelijke aanpak 2.0"
    assert northern_item.changed_by == world.user("admin")
    assert northern_item.changed_at is not None
    assert added.status_code == 200 and "region" in added.context["adminform"].form.errors
    assert elsewhere.status_code == 200 and "region" in elsewhere.context["adminform"].form.errors
    assert not CatalogueItem.objects.filter(code__in=["landelijk-nieuw", "zuid-nieuw"]).exists()


def test_a_national_admin_changes_the_national_catalogue_and_it_shows_who(
    world: World, national_admin: User, national_item: CatalogueItem
) -> None:
    client = log_in(Client(), national_admin)
    change = reverse("admin:knowledge_catalogueitem_change", args=[national_item.pk])

    response = client.post(change, _change_form(national_item, evidence_level="goed_beschreven"))
    listing = client.get(reverse("admin:knowledge_catalogueitem_changelist")).content.decode()
    public = Client().get(reverse("knowledge:item", args=[national_item.code])).content.decode()
    colleague = log_in(Client(), world.user("professional"))
    inside = colleague.get(reverse("knowledge:item", args=[national_item.code])).content.decode()

    assert response.status_code == 302
    national_item.refresh_from_db()
    assert national_item.evidence_level == EvidenceLevel.WELL_DESCRIBED
    assert national_item.changed_by == national_admin
    assert "Lotte Landelijk" in listing and "landelijk" in listing
    assert "de landelijke catalogus" in public and "Laatst gewijzigd" in public
    assert "Lotte Landelijk" not in public  # the public sees when, not who
    assert "Lotte Landelijk" in inside


def test_the_action_refuses_a_regional_admin_on_a_national_item(
    world: World, national_item: CatalogueItem
) -> None:
    national_item.name = "Gekaapt"
    with pytest.raises(PermissionDenied):
        actions.save_catalogue_item(world.user("admin"), national_item)
    national_item.region = world.north  # nor by moving it into their region
    with pytest.raises(PermissionDenied):
        actions.save_catalogue_item(world.user("admin"), national_item)
    assert CatalogueItem.objects.get(pk=national_item.pk).name == "Multisysteemtherapie"


def _rows(text: str) -> list[dict[str, str]]:
    return read_rows(io.BytesIO(text.encode()), "catalogus.csv")


def test_an_import_by_a_regional_admin_adds_to_their_region_and_leaves_national_items(
    world: World, national_item: CatalogueItem
) -> None:
    rows = _rows(
        "code;naam;bewijskracht;regio\n"
        "mst;Multisysteemtherapie;niet beoordeeld;\n"
        "buurtgezin;Buurtgezinnen;goed beschreven;\n"
        "zuid-iets;Iets in Zuid;goed beschreven;zuid\n"
    )
    with translation.override("nl"):
        report = run_catalogue_import(
            rows, mode=ImportMode.GOOD_ROWS, commit=True, user=world.user("admin")
        )

    problems = {(p.row, p.column): p.message for p in report.problems}
    assert problems == {
        (2, "code"): "“mst” is een landelijke interventie; alleen een landelijk beheerder kan "
        "die wijzigen.",
        (4, "regio"): "“zuid” is geen regio die u beheert.",
    }
    added = CatalogueItem.objects.get(code="buurtgezin")
    assert added.region == world.north and added.changed_by == world.user("admin")
    national_item.refresh_from_db()
    assert national_item.evidence_level == "goed_onderbouwd"


def test_the_import_page_is_for_administrators_who_keep_part_of_the_catalogue(
    world: World,
) -> None:
    municipal = _member("gemeentebeheer", Role.ADMIN, municipality=world.team_a.municipality)
    upload = SimpleUploadedFile("catalogus.csv", b"naam;bewijskracht\nX;goed beschreven\n")

    refused = log_in(Client(), municipal).post(
        reverse("knowledge:catalogue_import"), {"upload": upload, "mode": "alles"}
    )

    assert refused.status_code == 403
