"""Case histories as placement chains: the residence types of a dossier's placements in order
(pleegzorg → gezinshuis → gesloten ...), and how many placements and transfers it had."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import Event, EventKind, ResidenceType

SHORT_NAMES = {
    ResidenceType.FOSTER_CARE.value: _("foster care"),
    ResidenceType.FAMILY_HOME.value: _("family-style home"),
    ResidenceType.CLOSED.value: _("closed"),
    ResidenceType.OTHER.value: _("other residential"),
}
ARROW = " → "


@dataclass(frozen=True)
class History:
    """What a dossier's timeline says about its placements."""

    chain: tuple[str, ...]  # CBS residence-type codes, in order of the start of each placement
    transfers: int

    @property
    def placements(self) -> int:
        return len(self.chain)

    @property
    def label(self) -> str:
        return chain_label(self.chain)


def chain_label(chain: tuple[str, ...]) -> str:
    if not chain:
        return str(_("no placement"))
    return ARROW.join(str(SHORT_NAMES.get(code, code)) for code in chain)


def histories_of_cases(case_ids: Iterable[int]) -> dict[int, History]:
    """Placement chain and transfer count per case, from its events, in one query (a queryset
    of ids is used as a subquery, so a large population is not sent as a list)."""
    ids = case_ids if isinstance(case_ids, QuerySet) else list(case_ids)
    chains: dict[int, list[str]] = defaultdict(list)
    transfers: dict[int, int] = defaultdict(int)
    events = (
        Event.objects.filter(case_id__in=ids, kind__in=[EventKind.PLACEMENT, EventKind.TRANSFER])
        .order_by("case_id", "started_on", "id")
        .values_list("case_id", "kind", "residence_type")
    )
    for case_id, kind, residence_type in events:
        if kind == EventKind.PLACEMENT:
            chains[case_id].append(residence_type)
        else:
            transfers[case_id] += 1
    return {case_id: History(tuple(chains[case_id]), transfers[case_id]) for case_id in ids}


def placement_band(placements: int) -> str:
    """The stratum of a dossier by its number of placements."""
    if placements >= 4:
        return "4+"
    if placements >= 2:
        return "2-3"
    return str(placements)


# Bands for the distribution of placements and transfers in a report.
DISTRIBUTION_BANDS = ["0", "1", "2", "3", "4-5", "6-10", "11+"]


def distribution_band(count: int) -> str:
    if count <= 3:
        return str(count)
    if count <= 5:
        return "4-5"
    if count <= 10:
        return "6-10"
    return "11+"
