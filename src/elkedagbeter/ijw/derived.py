"""Events derived from care episodes, without anyone typing them: transfers, residential
placements (with their CBS hulpvorm), waiting above the norm, and broken-off trajectories.

Pure functions over episodes, so they can be checked against a hand-computed timeline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from elkedagbeter.organisations.models import Region

from .models import CareEpisode, ProductMapping

# A new provider starting within this many days after another stopped is a transfer.
TRANSFER_GAP_DAYS = 30
# RedenBeeindiging codes that mean a trajectory was broken off rather than completed. Taken
# from the published iJw code list (COD588); check against the release in use (docs/ijw.md).
BROKEN_OFF_REASONS: Mapping[str, str] = {
    "07": "voortijdig afgesloten door cliënt",
    "08": "voortijdig afgesloten door aanbieder",
    "09": "voortijdig afgesloten in overeenstemming",
}

# Shipped defaults: product category (and optionally code) → CBS hulpvorm met verblijf.
# Illustrative for the Standaard Productcodelijst Jeugd; each region edits its own table.
DEFAULTS: Mapping[tuple[str, str], str] = {
    ("40", ""): "14",  # jeugdhulp met verblijf (incl. behandeling)
    ("41", ""): "14",  # jeugdhulp met verblijf (excl. behandeling)
    ("43", ""): "11",  # pleegzorg (verblijf in een pleeggezin)
    ("44", ""): "12",  # gezinshuis
    ("53", ""): "13",  # gesloten jeugdhulp (JeugdzorgPlus)
}


@dataclass(frozen=True)
class DerivedEvent:
    """``kind``: "transfer", "residential", "waiting" (every wait from the requested start to
    the actual start; ``above_norm`` says whether it is a critical one) or "broken_off"."""

    kind: str
    pseudonym: str
    day: date
    detail: str
    end: date | None = None

    @property
    def above_norm(self) -> bool:
        return self.kind == "waiting" and int(self.detail) > waiting_norm_days()


def waiting_norm_days() -> int:
    """The same norm the indicator "wachttijd boven norm" uses."""
    return int(settings.WAITING_NORM_DAYS)


def mapping_for(region: Region) -> dict[tuple[str, str], str]:
    table = dict(DEFAULTS)
    for row in ProductMapping.objects.filter(region=region):
        table[(row.product_category, row.product_code)] = row.residence_type
    return table


def residence_type(mapping: Mapping[tuple[str, str], str], category: str, code: str) -> str:
    if (category, code) in mapping:
        return mapping[(category, code)]
    return mapping.get((category, ""), "")


def derive(
    episodes: Iterable[CareEpisode], mapping: Mapping[tuple[str, str], str]
) -> list[DerivedEvent]:
    by_youth: dict[str, list[CareEpisode]] = defaultdict(list)
    for episode in episodes:
        by_youth[episode.pseudonym].append(episode)
    events: list[DerivedEvent] = []
    for pseudonym, own in by_youth.items():
        started = sorted((e for e in own if e.started_on), key=lambda e: e.started_on)  # type: ignore[arg-type, return-value]
        for episode in started:
            assert episode.started_on is not None
            kind = residence_type(mapping, episode.product_category, episode.product_code)
            if kind:
                events.append(
                    DerivedEvent(
                        "residential", pseudonym, episode.started_on, kind, episode.ended_on
                    )
                )
            if episode.requested_on is not None and episode.requested_on <= episode.started_on:
                waited = (episode.started_on - episode.requested_on).days
                events.append(
                    DerivedEvent(
                        "waiting", pseudonym, episode.requested_on, str(waited), episode.started_on
                    )
                )
            if episode.ended_on is not None and episode.stop_reason in BROKEN_OFF_REASONS:
                events.append(
                    DerivedEvent("broken_off", pseudonym, episode.ended_on, episode.stop_reason)
                )
        for earlier in started:
            if earlier.ended_on is None:
                continue
            for later in started:
                assert later.started_on is not None
                gap = (later.started_on - earlier.ended_on).days
                if later.provider_agb != earlier.provider_agb and 0 <= gap <= TRANSFER_GAP_DAYS:
                    events.append(
                        DerivedEvent(
                            "transfer",
                            pseudonym,
                            later.started_on,
                            f"{earlier.provider_agb}->{later.provider_agb}",
                        )
                    )
    return sorted(events, key=lambda e: (e.pseudonym, e.day, e.kind))
