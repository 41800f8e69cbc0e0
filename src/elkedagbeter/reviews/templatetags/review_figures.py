"""How shares and kappas read on the review pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from ..agreement import band

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """17 %, or a dash when the share is hidden or there is nothing to divide by."""
    return "—" if share is None else f"{round(share * 100)}%"


@register.filter
def kappa(value: float | None) -> str:
    """0,40 (redelijk): the kappa with its Landis & Koch reading, or a dash when undefined."""
    return "—" if value is None else f"{number_format(value, 2)} ({band(value)})"
