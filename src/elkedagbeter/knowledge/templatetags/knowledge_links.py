"""A reflection session's links to zero goals and statements, for the logbook's template."""

from __future__ import annotations

from django import template

from elkedagbeter.indicators.links import Links

from ..links import session_links as links_of_session
from ..models import ReflectionSession

register = template.Library()


@register.filter
def session_links(session: ReflectionSession) -> Links:
    return links_of_session(session)
