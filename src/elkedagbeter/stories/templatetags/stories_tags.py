"""Showing de-identified text with its replacement tags marked, for moderators."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..actions import TAG

register = template.Library()


@register.filter
def marked_tags(text: str) -> SafeString:
    """Escape ``text`` and mark every tag such as [PERSOON-1]; paragraphs become <p>."""
    paragraphs = []
    for paragraph in str(text).split("\n"):
        if not paragraph.strip():
            continue
        parts, position = [], 0
        for match in TAG.finditer(paragraph):
            parts.append(escape(paragraph[position : match.start()]))
            parts.append(format_html('<mark class="edb-tag">{}</mark>', match.group(0)))
            position = match.end()
        parts.append(escape(paragraph[position:]))
        paragraphs.append('<p class="utrecht-paragraph">' + "".join(parts) + "</p>")
    return mark_safe("".join(paragraphs))


@register.inclusion_tag("stories/_menu.html", takes_context=True)
def stories_menu(context: dict[str, Any]) -> dict[str, Any]:
    """The stories app's own menu, with what the user's roles allow."""
    from elkedagbeter.organisations.models import Role
    from elkedagbeter.organisations.scoping import roles_of

    from ..selectors import is_moderator

    user = context["request"].user
    roles = roles_of(user)
    return {
        "is_moderator": is_moderator(user),
        "runs_panels": bool(roles & {Role.COORDINATOR, Role.ANALYST}),
        "in_team": bool(roles & {Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT}),
    }
