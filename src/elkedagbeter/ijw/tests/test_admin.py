"""The functioneel beheerder edits the region's product mapping in the admin, within their area."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, log_in
from elkedagbeter.ijw.derived import mapping_for, residence_type
from elkedagbeter.ijw.models import ProductMapping

pytestmark = pytest.mark.django_db


def test_the_admin_sees_the_shipped_defaults_and_only_their_regions_rows(world: World) -> None:
    ProductMapping.objects.create(region=world.north, product_category="45", residence_type="14")
    ProductMapping.objects.create(region=world.south, product_category="46", residence_type="11")
    admin = log_in(Client(), world.user("admin"))
    page = admin.get(reverse("admin:ijw_productmapping_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Meegeleverde standaardkoppeling" in html
    assert "13 Gesloten plaatsing" in html  # the default for category 53
    rows = list(page.context["cl"].result_list)
    assert [row.product_category for row in rows] == ["45"]


def test_the_admin_adds_a_row_for_their_region_and_it_overrides_the_default(
    world: World,
) -> None:
    admin = log_in(Client(), world.user("admin"))
    add = reverse("admin:ijw_productmapping_add")
    assert world.south.pk not in [
        region.pk for region in admin.get(add).context["adminform"].form.fields["region"].queryset
    ]
    response = admin.post(
        add,
        {
            "region": world.north.pk,
            "product_category": "43",
            "product_code": "",
            "residence_type": "",
        },
    )
    assert response.status_code == 302
    mapping = mapping_for(world.north)
    assert residence_type(mapping, "43", "43A01") == ""  # no longer foster care in Noord
    assert residence_type(mapping_for(world.south), "43", "43A01") == "11"


def test_other_roles_do_not_reach_the_mapping(world: World) -> None:
    for persona in ("analyst", "coordinator", "professional"):
        page = log_in(Client(), world.user(persona)).get(
            reverse("admin:ijw_productmapping_changelist")
        )
        assert page.status_code in (302, 403), persona
