"""A family account reaches its own pages, the login pages and the public pages, nothing else.

Each professional page checks its own roles too; this is the second wall, kept in one place, so
a new page for professionals is out of a family account's reach from the day it is added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from elkedagbeter.organisations.scoping import roles_of

from .selectors import family_access_of

# Namespaces a family account may use whole: its own pages, logging in and out, the second factor.
FAMILY_NAMESPACES = frozenset({"family", "accounts", "public_figures", "public_bottlenecks"})
# Single pages anyone may read or use without an account (and the start page, which sends a
# family account on to its own page).
PUBLIC_URL_NAMES = frozenset(
    {
        "pages:home",
        "set_language",
        "knowledge:home",
        "knowledge:search",
        "knowledge:catalogue",
        "knowledge:item",
        "knowledge:examples",
        "knowledge:example",
        "stories:share",
        "stories:share_region",
        "stories:withdraw",
        "stories:follow",
        "stories:public_patterns",
        "stories:public_pattern",
    }
)
# Within the family's own namespaces, the team's pages (they check the case's team as well).
TEAM_URL_NAMES = frozenset({"family:invite", "family:withdraw", "family:end"})


def family_may_use(view_name: str) -> bool:
    if view_name in TEAM_URL_NAMES:
        return False
    return view_name in PUBLIC_URL_NAMES or view_name.split(":", 1)[0] in FAMILY_NAMESPACES


class FamilyScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not request.user.is_authenticated:
            return None
        if roles_of(request.user):
            return None  # a family account is made by its invitation and has no membership
        if family_access_of(request.user) is None or family_may_use(match.view_name):
            return None
        raise PermissionDenied
