"""Template context shared by every page: the navigation for the user's roles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from elkedagbeter.accounts.models import User
from elkedagbeter.accounts.second_factor import second_factor_pending
from elkedagbeter.bottlenecks.selectors import may_use_board
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import roles_of

from .feedback import unread_count


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


def _items(request: HttpRequest) -> list[tuple[str | Promise, str]]:
    if not request.user.is_authenticated or second_factor_pending(request):
        return []
    roles = roles_of(request.user)
    items: list[tuple[str | Promise, str]] = [(_("Home"), reverse("pages:home"))]
    if roles & {Role.PROFESSIONAL, Role.COORDINATOR}:
        items.append((_("My attention"), reverse("attention:today")))
    if Role.EXPERT in roles:
        items.append((_("Consultations"), reverse("attention:consultations")))
    if roles & {Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT}:
        items.append((_("Cases"), reverse("cases:list")))
    if roles & {Role.ANALYST, Role.VIEWER, Role.COORDINATOR, Role.PROFESSIONAL, Role.EXPERT}:
        items.append((_("Beweging van 0"), reverse("indicators:dashboard")))
    if roles & {Role.ANALYST, Role.VIEWER}:
        items.append((_("What the help costs"), reverse("costs:overview")))
    if may_use_board(request.user):
        items.append((_("Bottlenecks"), reverse("bottlenecks:board")))
    items.append((_("What works"), reverse("knowledge:home")))
    if roles & {Role.EXPERT, Role.COORDINATOR, Role.ANALYST, Role.VIEWER}:
        items.append((_("Dossier reviews"), reverse("reviews:list")))
    if roles:
        items.append((_("Stories"), reverse("stories:list")))
    if roles & {Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ADMIN}:
        items.append((_("Teams"), reverse("organisations:teams")))
    if Role.ADMIN in roles:
        items.append((_("Access log"), reverse("audit:search")))
        items.append((_("Tariffs"), reverse("costs:tariffs")))
        items.append((_("Administration"), reverse("admin:index")))
    return items


def navigation(request: HttpRequest) -> dict[str, object]:
    path = request.path
    home = reverse("pages:home")
    nav_items = [
        NavItem(label, url, path == url if url == home else path.startswith(url))
        for label, url in _items(request)
    ]
    return {
        "nav_items": nav_items,
        "demo_mode": settings.DEMO_MODE,
        "signals_unread": _signals_unread(request),
        # Tokens are for people with a role; a family account has none and could not use them.
        "shows_api_tokens": isinstance(request.user, User) and bool(roles_of(request.user)),
    }


class SignalsUnread:
    """The header's count of changed signals, counted only when a page shows it, and once."""

    def __init__(self, user: User) -> None:
        self.user = user

    @cached_property
    def count(self) -> int:
        return unread_count(self.user)


def _signals_unread(request: HttpRequest) -> SignalsUnread | None:
    user = request.user
    if not isinstance(user, User) or second_factor_pending(request) or not roles_of(user):
        return None
    return SignalsUnread(user)
