"""The population and the sample: dossiers from a file, the seeded draw, whether it reproduces."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.imports import ImportMode, RowReport

from .. import imports, sampling
from ..models import Dossier, Population, Review, ReviewRound, RoundStatus, SampleMethod
from ..selectors import population
from .guards import require_preparing, team_member

MIN_REVIEWERS = 2


def import_dossiers(
    request: HttpRequest,
    round_: ReviewRound,
    rows: list[dict[str, str]],
    *,
    mode: ImportMode,
    commit: bool,
) -> RowReport:
    team_member(request, round_)
    require_preparing(round_)
    if round_.population != Population.IMPORTED:
        raise PermissionDenied
    return imports.run_import(rows, round_, mode=mode, commit=commit)


def draw(round_: ReviewRound) -> tuple[list[sampling.Unit[str]], str, int]:
    """The sample the round's seed draws from the population as it is now, the population's
    fingerprint and size. Pure: drawing twice gives the same answer."""
    candidates = population(round_)
    units = [candidate.unit for candidate in candidates]
    sample_of = (
        sampling.stratified_sample
        if round_.sample_method == SampleMethod.STRATIFIED
        else sampling.simple_sample
    )
    sample = sample_of(units, round_.sample_size, round_.seed)
    return sample, sampling.fingerprint([unit.key for unit in units]), len(units)


@transaction.atomic
def draw_sample(request: HttpRequest, round_: ReviewRound) -> list[Dossier]:
    """Draw the sample, give each dossier two reviewers and start the reviewing."""
    team_member(request, round_)
    require_preparing(round_)
    return start_reviewing(round_)


def start_reviewing(round_: ReviewRound) -> list[Dossier]:
    """The draw itself, for a round whose team member asked for it (or the demo)."""
    reviewers = list(round_.reviewers.order_by("pk"))
    if len(reviewers) < MIN_REVIEWERS:
        raise ValidationError(_("Choose at least two reviewers: every dossier is read twice."))
    if not round_.items.exists():
        raise ValidationError(_("A checklist needs at least one item."))
    candidates = {candidate.unit.key: candidate for candidate in population(round_)}
    sample, digest, size = draw(round_)
    if not sample:
        raise ValidationError(_("The population is empty: there is nothing to draw from."))
    pairs = sampling.reviewer_pairs([user.pk for user in reviewers], len(sample))
    dossiers = []
    for number, (unit, pair) in enumerate(zip(sample, pairs, strict=True), start=1):
        candidate = candidates[unit.key]
        dossier = Dossier.objects.create(
            round=round_,
            number=number,
            case=candidate.case,
            imported=candidate.imported,
            consent=candidate.consent,
            stratum=unit.stratum,
        )
        Review.objects.bulk_create([Review(dossier=dossier, reviewer_id=pk) for pk in pair])
        dossiers.append(dossier)
    round_.population_size = size
    round_.population_digest = digest
    round_.drawn_at = timezone.now()
    round_.set_status(RoundStatus.REVIEWING)
    round_.save()
    return dossiers


def sample_reproduces(round_: ReviewRound) -> bool | None:
    """Whether the seed draws the same dossiers from today's population; None when the
    population has changed since the draw (then no sample could be compared)."""
    if round_.drawn_at is None:
        return None
    if (
        round_.population != Population.IMPORTED
        and round_.dossiers.filter(imported__isnull=False).exists()
    ):
        return None  # the retention purge detached its cases: nothing left to draw again
    sample, digest, _size = draw(round_)
    if digest != round_.population_digest:
        return None
    drawn = [
        dossier.case.reference if dossier.case else dossier.imported.source_ref  # type: ignore[union-attr]
        for dossier in round_.dossiers.select_related("case", "imported").order_by("number")
    ]
    return drawn == [unit.key for unit in sample]
