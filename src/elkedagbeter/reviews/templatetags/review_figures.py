"""How shares and kappas read on the review pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from elkedagbeter.bottlenecks.selectors import may_raise

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


@register.simple_tag(takes_context=True)
def may_raise_bottleneck(context: template.Context) -> bool:
    """Whether the reader may raise a knelpunt, to offer "Knelpunt melden" from a conclusion."""
    request = context.get("request")
    return request is not None and may_raise(request.user)
