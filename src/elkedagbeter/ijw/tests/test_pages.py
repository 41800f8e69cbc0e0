from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from elkedagbeter.cases.models import HouseholdMember, MemberRole
from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.ijw.actions import import_messages
from elkedagbeter.ijw.models import CareEpisode
from elkedagbeter.ijw.tests import examples as ex
from elkedagbeter.ijw.tests.test_import import _trajectory

pytestmark = pytest.mark.django_db


def _zip(*messages: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, data in enumerate(messages):
            archive.writestr(f"bericht-{number:03d}.xml", data)
    return buffer.getvalue()


def test_the_analyst_uploads_a_zip_and_sees_each_rejected_message(
    world: World, client_for: Callable[[str], Client]
) -> None:
    bad = ex.start("S9", "1001", "45", "45A11", "2026-02-30")
    upload = SimpleUploadedFile("berichten.zip", _zip(*_trajectory(), bad))
    response = client_for("analyst").post(
        reverse("ijw:import"),
        {"upload": upload, "region": world.north.pk, "mode": "goede_berichten"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "7 berichten verwerkt" in page
    assert "Bericht S9: element JW305/Client/StartProduct/Begindatum heeft een ongeldige" in page
    assert CareEpisode.objects.filter(region=world.north).count() == 2


def test_all_or_nothing_upload_keeps_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    bad = ex.start("S9", "1001", "45", "45A11", "2026-02-30")
    upload = SimpleUploadedFile("berichten.zip", _zip(*_trajectory(), bad))
    response = client_for("admin").post(
        reverse("ijw:import"), {"upload": upload, "region": world.north.pk, "mode": "alles"}
    )
    assert "Er is niets geïmporteerd" in response.content.decode()
    assert CareEpisode.objects.count() == 0


def test_an_analyst_cannot_import_for_another_region(
    world: World, client_for: Callable[[str], Client]
) -> None:
    upload = SimpleUploadedFile("b.xml", _trajectory()[0])
    response = client_for("analyst").post(
        reverse("ijw:import"), {"upload": upload, "region": world.south.pk, "mode": "alles"}
    )
    assert response.status_code == 200
    assert CareEpisode.objects.count() == 0
    assert "region" in response.context["form"].errors


def test_the_episodes_appear_on_the_household_timeline_marked_ijw(
    world: World, client_for: Callable[[str], Client]
) -> None:
    HouseholdMember.objects.create(
        case=world.case_a,
        role=MemberRole.YOUTH,
        birth_year=2011,
        pseudonym=pseudonym_for(ex.BSN_A, world.north.code),
    )
    import_messages(
        world.north, [(f"{i}.xml", m) for i, m in enumerate(_trajectory())], all_or_nothing=True
    )
    # The same youth in another region is another pseudonym: not shown.
    import_messages(
        world.south,
        [("x.xml", ex.start("Z1", "9", "45", "45A11", "2026-05-01"))],
        all_or_nothing=True,
    )
    page = (
        client_for("professional")
        .get(reverse("cases:detail", args=[world.case_a.reference]))
        .content.decode()
    )
    # Two care episodes and five derived events (two waits, a broken-off trajectory, a
    # placement in foster care, a transfer), all marked by their source.
    assert page.count("bron: iJw") == 7
    assert "Hulp van aanbieder 87654321" in page
    assert "Hulp van aanbieder 12345678" in page
    assert "voortijdig afgebroken" in page
