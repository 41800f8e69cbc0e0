"""What other apps did with a story pattern, for the storyteller's receipt page (a hook registry).

A pattern can lead to knelpunten (bottlenecks) and other follow-ups, but stories may not import
the apps that hold them (bottlenecks, knowledge and stories are independent). Instead such an app
registers a callable once, in its ``AppConfig.ready()``::

    from elkedagbeter.stories.pattern_followups import register_pattern_followup

    register_pattern_followup(public.pattern_followups)

The callable gets the pattern's id and returns ``Followup``s: only what may be shown to anyone
with the receipt code (no names, no cases, no internal notes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Followup:
    """One thing done with a pattern, in public words."""

    kind: str | Promise  # e.g. "Knelpunt"
    title: str  # what it is about, as it may be published
    status: str | Promise  # where it stands, in plain words
    holder: str = ""  # the body that holds the mandate
    summary: str = ""  # the published outcome, if there is one
    url: str = ""  # a public page about it, if there is one


PatternFollowup = Callable[[int], list[Followup]]

_followups: list[PatternFollowup] = []


def register_pattern_followup(followup: PatternFollowup) -> None:
    if followup not in _followups:
        _followups.append(followup)


def pattern_followups(pattern_id: int) -> list[Followup]:
    """Everything every registered app reports for the pattern."""
    return [item for followup in _followups for item in followup(pattern_id)]
