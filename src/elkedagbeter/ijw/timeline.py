"""Care episodes from iJw messages on the household's case timeline, marked by source "iJw".

The case page asks only for the case's own team and expert team (see cases/page_parts.py); the
case read itself is logged by the case page. One query: the episodes whose pseudonym belongs
to a member of the household, in the case's region.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from elkedagbeter.cases.models import Case, HouseholdMember
from elkedagbeter.cases.page_parts import TimelineEntry
from elkedagbeter.prepared import prepared

from .derived import BROKEN_OFF_REASONS
from .models import CareEpisode


def _episodes(region_id: int, case_id: int) -> QuerySet[CareEpisode]:
    members = HouseholdMember.objects.filter(case_id=case_id).exclude(pseudonym="")
    return CareEpisode.objects.filter(
        region_id=region_id, pseudonym__in=members.values("pseudonym"), started_on__isnull=False
    )


# On every case page of its team (elkedagbeter/prepared.py).
_EPISODES = prepared(_episodes, region_id=int, case_id=int)


def episodes_of(case: Case) -> list[CareEpisode]:
    return _EPISODES.list(region_id=case.team.region_id, case_id=case.pk)


def timeline_entries(user: Any, case: Case) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            episode.started_on,  # type: ignore[arg-type]  # filtered on not null
            "ijw/_episode_entry.html",
            {"episode": episode, "broken_off": episode.stop_reason in BROKEN_OFF_REASONS},
        )
        for episode in episodes_of(case)
    ]
