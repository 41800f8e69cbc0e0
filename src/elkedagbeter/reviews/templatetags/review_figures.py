"""How shares and kappas read on the review pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """17 %, or a dash when the share is hidden or there is nothing to divide by."""
    return "—" if share is None else f"{round(share * 100)}%"


@register.filter
def kappa(value: float | None) -> str:
    return "—" if value is None else number_format(value, 2)
