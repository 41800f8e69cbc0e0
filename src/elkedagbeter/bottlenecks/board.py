"""The board of a region: filtering and grouping of the bottlenecks a user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from . import similar
from .models import CLOSED, Bottleneck


def filtered(bottlenecks: QuerySet[Bottleneck], filters: dict[str, Any], today: date) -> Any:
    """``filters`` are a BoardFilterForm's cleaned data."""
    result = bottlenecks.filter(region=filters["regio"])
    if filters.get("categorie"):
        result = result.filter(category=filters["categorie"])
    if filters.get("instantie"):
        result = result.filter(body=filters["instantie"])
    status = filters.get("status")
    if status == "open":
        result = result.exclude(status__in=CLOSED)
    elif status == "te-laat":
        result = result.exclude(status__in=CLOSED).filter(due_on__lt=today)
    elif status:
        result = result.filter(status=status)
    if filters.get("ouderdom"):
        result = result.filter(
            created_at__date__lt=today - timedelta(days=int(filters["ouderdom"]))
        )
    if filters.get("zoek"):
        words = filters["zoek"].split()
        for word in words:
            result = result.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return result


@dataclass(frozen=True)
class Group:
    """Bottlenecks with similar text; ``frequency`` counts each report and each "wij ook"."""

    items: list[Bottleneck]

    @property
    def lead(self) -> Bottleneck:
        return self.items[0]

    @property
    def others(self) -> list[Bottleneck]:
        return self.items[1:]

    @property
    def frequency(self) -> int:
        return sum(1 + getattr(item, "we_too", 0) for item in self.items)


def grouped(bottlenecks: list[Bottleneck]) -> list[Group]:
    texts = [f"{item.title} {item.description}" for item in bottlenecks]
    found = similar.groups(bottlenecks, texts)
    return sorted(
        (Group(items) for items in found),
        key=lambda group: (-group.frequency, -group.lead.created_at.timestamp()),
    )
