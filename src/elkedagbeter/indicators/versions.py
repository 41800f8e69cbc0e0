"""The version of each region's figures, so a dashboard can keep its rendered figures without
working them out again to see whether they changed (docs/performance.md).

A region gets a new version with every change to anything its figures are made of: its facts
(``region_facts.rebuild``), the protection pattern (``protection.protect``), its ambitions and its
organisation (the signals below). The new version is written after the change, in the same
transaction: a reader who saw a new version with the old figures would keep the old figures
under the new version; one who sees the old version with the new figures keeps them under a
version nobody asks for once the new one is in. Written last, its row lock is held only until
the commit, so a long protection run does not hold up the commits of other regions.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from typing import Any

from django.db.models.signals import post_delete, post_save

from elkedagbeter.organisations.models import Municipality, Region, Team
from elkedagbeter.prepared import prepared

from .models import FiguresVersion, RegionalAmbition


def renew(region_ids: Collection[int] | None = None) -> None:
    """Give these regions (every region when None) a new version."""
    if region_ids is None:
        region_ids = list(Region.objects.values_list("pk", flat=True))
    token = secrets.token_hex(16)
    FiguresVersion.objects.bulk_create(
        [FiguresVersion(region_id=region_id, token=token) for region_id in sorted(region_ids)],
        update_conflicts=True,
        unique_fields=["region_id"],
        update_fields=["token"],
    )


_OF_REGION = prepared(
    lambda region_id: FiguresVersion.objects.filter(region_id=region_id).values_list(
        "token", flat=True
    ),
    region_id=int,
)


def current(region_id: int | None) -> tuple[tuple[int, str], ...]:
    """The version of a region's figures (of every region's for the country: ``None``)."""
    if region_id is not None:
        return tuple((region_id, token) for token in _OF_REGION.list(region_id=region_id))
    return tuple(FiguresVersion.objects.order_by("region_id").values_list("region_id", "token"))


def _ambition_changed(sender: type[Any], instance: RegionalAmbition, **kwargs: Any) -> None:
    renew([instance.region_id])


def _organisation_changed(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    # Names, parts and which team counts where: rare, so every region at once.
    renew()


for _signal in (post_save, post_delete):
    _signal.connect(_ambition_changed, sender=RegionalAmbition)
    for _model in (Region, Municipality, Team):
        _signal.connect(_organisation_changed, sender=_model)
