"""Wie is ervan? Routing a bottleneck to the body with the mandate, and its response deadline.

Rules are tried in order of position; the first active rule whose criteria all match (an empty
criterion matches anything) and whose body is active wins, as Amsterdam's Signalen routes
public-space reports to departments. Without a match the region's bottleneck coordinator gets
it, and the bottleneck says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from elkedagbeter.organisations.models import Municipality, Region

from . import workdays
from .models import (
    AWAITING_RESPONSE,
    DayKind,
    Level,
    ResponseNorm,
    ResponsibleBody,
    RoutingRule,
    Status,
)


@dataclass(frozen=True)
class Route:
    body: ResponsibleBody
    rule: RoutingRule | None
    note: str

    @property
    def fell_back(self) -> bool:
        return self.rule is None


def matching_rule(
    region: Region, category: str, level: str, municipality: Municipality | None = None
) -> RoutingRule | None:
    return (
        RoutingRule.objects.filter(is_active=True, body__is_active=True)
        .filter(Q(region=region) | Q(region__isnull=True))
        .filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .filter(Q(category=category) | Q(category=""))
        .filter(Q(level=level) | Q(level=""))
        .select_related("body")
        .order_by("position", "id")
        .first()
    )


def region_coordinator(region: Region) -> ResponsibleBody:
    """The region's bottleneck coordinator; created, without handlers, when the region has
    none yet, so that a bottleneck never lands nowhere (the administrator completes it)."""
    coordinator = ResponsibleBody.objects.filter(region=region, is_region_coordinator=True).first()
    if coordinator is None:  # named in the site's language (called within route's override)
        coordinator = ResponsibleBody.objects.create(
            name=_("Bottleneck coordinator %(region)s") % {"region": region.name},
            level=Level.REGION,
            region=region,
            contact_email=settings.BOTTLENECK_FALLBACK_EMAIL,
            is_region_coordinator=True,
        )
    return coordinator


def route(
    region: Region, category: str, level: str, municipality: Municipality | None = None
) -> Route:
    """The body for a bottleneck, with a note for its history. The note is kept in the
    site's language, like everything people write on a bottleneck."""
    rule = matching_rule(region, category, level, municipality)
    with translation.override(settings.LANGUAGE_CODE):
        if rule is not None:
            note = _("Routing rule %(position)s") % {"position": rule.position}
            return Route(rule.body, rule, note)
        note = _("No routing rule matches; sent to the region's bottleneck coordinator.")
        return Route(region_coordinator(region), None, note)


def due_on(region: Region, category: str, status: str, start: date) -> date | None:
    """By when the body must respond (``status`` awaits a response) or answer (it is in
    progress); None for a closed bottleneck or when there is no answer norm."""
    norm = ResponseNorm.objects.filter(region=region, category=category).first()
    kind = norm.day_kind if norm else DayKind.WORKING
    if status in AWAITING_RESPONSE:
        days: int | None = norm.response_days if norm else settings.BOTTLENECK_RESPONSE_DAYS
    elif status == Status.IN_PROGRESS:
        days = norm.answer_days if norm else None
    else:
        days = None
    if days is None:
        return None
    if kind == DayKind.CALENDAR:
        return workdays.add_calendar_days(start, days)
    return workdays.add_working_days(start, days)
