"""Parts that apps above cases add to the case page (a hook registry).

The case page may show what a higher app knows about the case (for example the zero goals it
touches, from indicators). Those apps sit above cases, so cases may not import them. Each
registers a part once, in its ``AppConfig.ready()``::

    from elkedagbeter.cases.page_parts import register_case_part

    register_case_part("zero_goals", case_goals.case_part)

A part is called with the user, the case and what the case page already read of it (its
``CaseOverview``: members, open goals, events, involvements, interventions, the latest
monitoring moments), so that it need not read those again. It returns a ``CasePart``: the
template to include and its context, which the template reads as ``part``. The case page shows
the parts to the case's own team and the expert team it was escalated to, never to an emergency
reader (``cases.views.pages.case_detail``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .models import Case
from .overview import CaseOverview


@dataclass(frozen=True)
class CasePart:
    template: str
    context: Mapping[str, object] = field(default_factory=dict)


PagePart = Callable[[Any, Case, CaseOverview], CasePart | None]

_parts: dict[str, PagePart] = {}


def register_case_part(name: str, part: PagePart) -> None:
    """Add ``part`` to every case page, under ``name``."""
    registered = _parts.get(name)
    if registered is not None and registered is not part:
        raise ImproperlyConfigured(f"Two case page parts are called {name!r}.")
    _parts[name] = part


def case_parts(user: Any, case: Case, overview: CaseOverview) -> list[CasePart]:
    """Every registered part for one case page, in the order they were registered; a part that
    has nothing to say returns ``None`` and is left out."""
    found = (part(user, case, overview) for part in _parts.values())
    return [part for part in found if part is not None]


# --- Entries on the case's timeline ------------------------------------------------------------
# A higher app may put its own entries on the timeline, between the events, by date (the
# attention app's case conferences). Same rules as the parts: own team and expert team only.


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    template: str
    context: Mapping[str, object] = field(default_factory=dict)


TimelinePart = Callable[[Any, Case], list[TimelineEntry]]

_timeline_parts: dict[str, TimelinePart] = {}


def register_timeline_part(name: str, part: TimelinePart) -> None:
    registered = _timeline_parts.get(name)
    if registered is not None and registered is not part:
        raise ImproperlyConfigured(f"Two timeline parts are called {name!r}.")
    _timeline_parts[name] = part


def timeline(user: Any, case: Case, events: list[Any], *, with_parts: bool) -> list[Any]:
    """The case's events and the entries higher apps add, newest first."""
    entries: list[Any] = list(events)
    if with_parts:
        for part in _timeline_parts.values():
            entries.extend(part(user, case))

    def day(item: Any) -> date:
        return item.day if isinstance(item, TimelineEntry) else item.started_on

    return sorted(entries, key=day, reverse=True)
