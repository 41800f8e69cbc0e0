"""Who sees which bottleneck and who may do what with it, decided here and nowhere else.

- The board of a region is for everyone who works in it: its teams (professionals,
  coordinators, the expert team), its analysts, executives and administrators; national
  analysts and executives see every region. A municipal analyst sees the region the
  municipality belongs to: bottlenecks cross municipal borders.
- A body's handlers also see what is, or ever was, with their body (a national body has no
  region of its own).
- The case a bottleneck came from is shown only to those who may open that case.
- The name of the person who raised it is shown only to that person and to the members of the
  team it was raised from (colleagues who can follow it up). Everyone else — the responsible
  body's handlers, analysts, viewers, administrators, other teams — and every export and API
  answer read "de melder" and the team (or, raised by an analyst, the municipality or region).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from elkedagbeter.audit.models import AuthorisationRule
from elkedagbeter.cases.selectors import case_grant
from elkedagbeter.organisations.models import Membership, Region, Role
from elkedagbeter.organisations.scoping import has_role, memberships_of

from .models import (
    TRANSITIONS,
    Bottleneck,
    Comment,
    ResponsibleBody,
    Status,
    StatusChange,
    next_level,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User

    AnyUser = User | AnonymousUser

# Roles that raise bottlenecks and say "wij ook".
RAISING_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ANALYST)
BOARD_ROLES = tuple(Role)


def _membership_region_id(membership: Membership) -> int | None:
    if membership.team is not None:
        return membership.team.region_id
    if membership.municipality is not None:
        return membership.municipality.region_id
    return membership.region_id


def sees_every_region(user: AnyUser) -> bool:
    return any(
        m.team_id is None and m.municipality_id is None and m.region_id is None
        for m in memberships_of(user)
    )


def board_region_ids(user: AnyUser) -> set[int]:
    if sees_every_region(user):
        return set(Region.objects.values_list("pk", flat=True))
    return {
        region_id
        for m in memberships_of(user)
        if (region_id := _membership_region_id(m)) is not None
    }


def board_regions(user: AnyUser) -> QuerySet[Region]:
    return Region.objects.filter(pk__in=board_region_ids(user)).order_by("name")


def handled_body_ids(user: AnyUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached: set[int] | None = getattr(user, "_edb_bodies", None)
    if cached is None:
        cached = set(
            ResponsibleBody.objects.filter(handlers=user.pk, is_active=True).values_list(
                "pk", flat=True
            )
        )
        setattr(user, "_edb_bodies", cached)  # noqa: B010 - a per-request cache
    return cached


def may_use_board(user: AnyUser) -> bool:
    return bool(memberships_of(user)) or bool(handled_body_ids(user))


def bottlenecks_visible_to(user: AnyUser) -> QuerySet[Bottleneck]:
    if not user.is_authenticated:
        return Bottleneck.objects.none()
    bodies = handled_body_ids(user)
    condition = Q(region_id__in=board_region_ids(user))
    if bodies:
        condition |= Q(
            pk__in=StatusChange.objects.filter(body_id__in=bodies).values("bottleneck_id")
        )
    return (
        Bottleneck.objects.filter(condition)
        .select_related("region", "municipality", "body", "raised_by_team")
        .annotate(we_too=Count("endorsements", distinct=True))
        .order_by("-created_at", "-id")  # an aggregate drops Meta.ordering
    )


def may_raise(user: AnyUser) -> bool:
    return has_role(user, *RAISING_ROLES)


def acts_for_body(user: AnyUser, bottleneck: Bottleneck) -> bool:
    return bottleneck.body_id in handled_body_ids(user)


def is_reporting_side(user: AnyUser, bottleneck: Bottleneck) -> bool:
    """The person who raised it, or a professional or coordinator of the team that did."""
    if user.pk is not None and user.pk == bottleneck.raised_by_id:
        return True
    return any(
        m.team_id is not None
        and m.team_id == bottleneck.raised_by_team_id
        and m.role in {Role.PROFESSIONAL, Role.COORDINATOR}
        for m in memberships_of(user)
    )


def allowed_moves(user: AnyUser, bottleneck: Bottleneck) -> list[Status]:
    """The statuses ``user`` may move the bottleneck to now: the body's handlers respond,
    work and decide; the reporting side and the body may reopen what was closed."""
    possible = TRANSITIONS[Status(bottleneck.status)]
    moves: list[Status] = []
    handler = acts_for_body(user, bottleneck)
    for status in possible:
        if status == Status.REOPENED:
            if handler or is_reporting_side(user, bottleneck):
                moves.append(status)
        elif handler and (status != Status.ESCALATED or next_level(bottleneck.level)):
            moves.append(status)
    order = list(Status)
    return sorted(moves, key=order.index)


def may_publish(user: AnyUser, bottleneck: Bottleneck) -> bool:
    return bottleneck.status == Status.SOLVED and acts_for_body(user, bottleneck)


def may_endorse(user: AnyUser, bottleneck: Bottleneck) -> bool:
    return (
        user.pk is not None
        and has_role(user, *RAISING_ROLES)
        and bottleneck.is_open
        and user.pk != bottleneck.raised_by_id
        # "We too" is a voice for the body with the mandate; that body does not vote for itself.
        and bottleneck.body_id not in handled_body_ids(user)
        and not bottleneck.endorsements.filter(user_id=user.pk).exists()
    )


def case_link_visible(user: AnyUser, bottleneck: Bottleneck) -> bool:
    """Only those who may work on the case see which case a bottleneck came from (an
    emergency read does not count)."""
    if bottleneck.case is None:
        return False
    grant = case_grant(user, bottleneck.case)
    return grant is not None and grant.rule in {
        AuthorisationRule.TEAM_MEMBERSHIP,
        AuthorisationRule.ESCALATION,
    }


# --- Who raised it -------------------------------------------------------------------------------


def sees_raiser(user: AnyUser, bottleneck: Bottleneck) -> bool:
    """The raiser themselves, or a member of the team the bottleneck was raised from."""
    if user.pk is not None and user.pk == bottleneck.raised_by_id:
        return True
    return bottleneck.raised_by_team_id is not None and any(
        m.team_id == bottleneck.raised_by_team_id for m in memberships_of(user)
    )


def raised_from(bottleneck: Bottleneck) -> str:
    """Where a bottleneck was raised from, as everyone may read it: the team, or for an
    analyst the municipality or region; never the person."""
    return str(bottleneck.raised_by_team or bottleneck.municipality or bottleneck.region)


Entry = TypeVar("Entry", StatusChange, Comment)


@dataclass(frozen=True)
class Named(Generic[Entry]):
    """A history step or comment with the name ``user`` may read for the person behind it."""

    entry: Entry
    who: str


def _named(user: AnyUser, bottleneck: Bottleneck, entries: QuerySet[Entry]) -> list[Named[Entry]]:
    hide_raiser = not sees_raiser(user, bottleneck)
    named = []
    for entry in entries:
        person = entry.actor if isinstance(entry, StatusChange) else entry.author
        if hide_raiser and person.pk == bottleneck.raised_by_id:
            who = _("the reporter")
        else:
            who = person.get_full_name() or person.username
        named.append(Named(entry, who))
    return named


def history_for(user: AnyUser, bottleneck: Bottleneck) -> list[Named[StatusChange]]:
    return _named(user, bottleneck, bottleneck.history.select_related("body", "actor"))


def comments_for(user: AnyUser, bottleneck: Bottleneck) -> list[Named[Comment]]:
    return _named(user, bottleneck, bottleneck.comments.select_related("author"))
