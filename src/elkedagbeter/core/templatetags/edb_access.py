"""``{% may_open "cases:new" as may_register %}``: whether the current user's roles pass the
role gate of a page, so templates only show links a role can use."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from elkedagbeter.core import permissions
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import has_role

register = template.Library()


@register.simple_tag(takes_context=True)
def may_open(context: dict[str, Any], url_name: str, *args: Any) -> bool:
    request = context.get("request")
    if request is None:
        return False
    return permissions.may_open(request.user, reverse(url_name, args=args))


@register.simple_tag(takes_context=True)
def is_beheerder(context: dict[str, Any]) -> bool:
    """Whether the current user is a functioneel beheerder (the 403 page must not send them to
    themselves)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return has_role(request.user, Role.ADMIN)
