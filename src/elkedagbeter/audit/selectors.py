"""Reads of the access log, scoped to the regions an admin administers."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from elkedagbeter.organisations.models import Region
from elkedagbeter.organisations.scoping import administered_area

from .models import AccessLogEntry

if TYPE_CHECKING:
    from elkedagbeter.accounts.models import User


def access_log_visible_to(user: User) -> QuerySet[AccessLogEntry]:
    area = administered_area(user)
    if area.national:
        return AccessLogEntry.objects.all()
    if area.is_empty:
        return AccessLogEntry.objects.none()
    codes = Region.objects.filter(pk__in=area.region_ids).values_list("code", flat=True)
    return AccessLogEntry.objects.filter(region_code__in=list(codes))


def filter_access_log(
    entries: QuerySet[AccessLogEntry], filters: dict[str, Any]
) -> QuerySet[AccessLogEntry]:
    zone = timezone.get_current_timezone()
    if filters.get("date_from"):
        entries = entries.filter(
            occurred_at__gte=datetime.combine(filters["date_from"], time.min, tzinfo=zone)
        )
    if filters.get("date_to"):
        end = datetime.combine(filters["date_to"] + timedelta(days=1), time.min, tzinfo=zone)
        entries = entries.filter(occurred_at__lt=end)
    if filters.get("event"):
        entries = entries.filter(event_code=filters["event"])
    if filters.get("result"):
        entries = entries.filter(result=filters["result"])
    if filters.get("user"):
        entries = entries.filter(user_display__icontains=filters["user"])
    if filters.get("object_ref"):
        # Case numbers are upper case; an exact match can use the index.
        entries = entries.filter(object_ref=filters["object_ref"].strip().upper())
    return entries
