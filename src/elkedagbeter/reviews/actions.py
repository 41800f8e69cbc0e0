"""Important writes on review rounds. Each checks who may do it, owns its transaction and, where
case data is read, its access-log entry."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode
from elkedagbeter.bottlenecks.actions import Draft, raise_bottleneck
from elkedagbeter.cases.imports import ImportMode, RowReport
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.organisations.models import Membership, Role, Team, TeamType
from elkedagbeter.organisations.scoping import team_membership

from . import imports, sampling
from .checklist import DEFAULT_CHECKLIST
from .models import (
    Answer,
    AnswerChoice,
    ChecklistItem,
    Conclusion,
    Dossier,
    ItemKind,
    Lesson,
    Population,
    Resolution,
    Review,
    ReviewRound,
    RoundStatus,
    SampleMethod,
    TeamConsent,
)
from .selectors import expert_membership, population

MIN_REVIEWERS = 2


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _team_member(request: HttpRequest, round_: ReviewRound) -> Membership:
    membership = expert_membership(request.user, round_)
    if membership is None:
        raise PermissionDenied
    return membership


def _preparing(round_: ReviewRound) -> None:
    if not round_.is_preparing:
        raise ValidationError(_("Only a round in preparation can be changed this way."))


def new_seed() -> int:
    return secrets.randbelow(1_000_000) + 1


def expert_colleagues(team: Team) -> list[User]:
    """Who may review in a round of ``team``: its expert members."""
    return list(
        User.objects.filter(
            is_active=True, memberships__team=team, memberships__role=Role.EXPERT
        ).order_by("first_name", "last_name", "username")
    )


def _check_reviewers(team: Team, reviewers: Iterable[User]) -> list[User]:
    allowed = {user.pk for user in expert_colleagues(team)}
    chosen = list(reviewers)
    if any(user.pk not in allowed for user in chosen):
        raise PermissionDenied
    return chosen


@transaction.atomic
def create_round(
    request: HttpRequest,
    *,
    expert_team: Team,
    fields: Mapping[str, Any],
    reviewers: Iterable[User] = (),
) -> ReviewRound:
    """Open a round for one of the user's expert teams, with the default checklist."""
    if (
        expert_team.team_type != TeamType.EXPERT
        or team_membership(request.user, expert_team.pk, Role.EXPERT) is None
    ):
        raise PermissionDenied
    values = dict(fields)
    if not values.get("seed"):
        values["seed"] = new_seed()
    round_ = ReviewRound.objects.create(
        expert_team=expert_team, created_by=_actor(request), **values
    )
    round_.reviewers.set(_check_reviewers(expert_team, reviewers) or [_actor(request)])
    add_default_checklist(round_)
    return round_


def add_default_checklist(round_: ReviewRound) -> None:
    """The checklist of the seed study, in the language of the person opening the round."""
    codes: dict[str, ChecklistItem] = {}
    for position, default in enumerate(DEFAULT_CHECKLIST, start=1):
        codes[default.code] = ChecklistItem.objects.create(
            round=round_,
            code=default.code,
            question=str(default.question),
            help_text=str(default.help_text),
            kind=default.kind,
            part_of=codes.get(default.part_of),
            position=position,
        )


@transaction.atomic
def update_round(
    request: HttpRequest,
    round_: ReviewRound,
    *,
    fields: Mapping[str, Any],
    reviewers: Iterable[User],
) -> ReviewRound:
    _team_member(request, round_)
    _preparing(round_)
    for name, value in fields.items():
        setattr(round_, name, value)
    if not round_.seed:
        round_.seed = new_seed()
    round_.save()
    round_.reviewers.set(_check_reviewers(round_.expert_team, reviewers))
    return round_


# --- The checklist --------------------------------------------------------------------------------


def _unique_code(round_: ReviewRound, question: str) -> str:
    base = slugify(question)[:50] or "vraag"
    code, number = base, 2
    while round_.items.filter(code=code).exists():
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def add_item(
    request: HttpRequest,
    round_: ReviewRound,
    *,
    question: str,
    kind: ItemKind,
    help_text: str = "",
    part_of: ChecklistItem | None = None,
) -> ChecklistItem:
    _team_member(request, round_)
    _preparing(round_)
    if part_of is not None and (part_of.round_id != round_.pk or not part_of.is_number):
        raise ValidationError(_("A part can only belong to a number item of the same checklist."))
    last = round_.items.order_by("-position").values_list("position", flat=True).first() or 0
    return ChecklistItem.objects.create(
        round=round_,
        code=_unique_code(round_, question),
        question=question,
        help_text=help_text,
        kind=ItemKind.NUMBER if part_of is not None else kind,
        part_of=part_of,
        position=last + 1,
    )


@transaction.atomic
def remove_item(request: HttpRequest, round_: ReviewRound, item: ChecklistItem) -> None:
    _team_member(request, round_)
    _preparing(round_)
    if item.round_id != round_.pk:
        raise PermissionDenied
    if round_.items.count() <= 1:
        raise ValidationError(_("A checklist needs at least one item."))
    item.delete()  # its parts go with it


# --- Consent of the teams whose cases the round reads -------------------------------------------


def _coordinator_of(request: HttpRequest, team: Team) -> Membership:
    membership = team_membership(request.user, team.pk, Role.COORDINATOR)
    if membership is None:
        raise PermissionDenied
    return membership


def _consent_allowed(round_: ReviewRound, team: Team) -> None:
    if (
        round_.population != Population.REGION
        or team.region_id != round_.region.pk
        or team.team_type != TeamType.NEIGHBOURHOOD
    ):
        raise PermissionDenied
    if not round_.is_preparing:
        raise ValidationError(
            _("The sample has been drawn; consent can no longer be given or withdrawn.")
        )


@transaction.atomic
def give_consent(
    request: HttpRequest, round_: ReviewRound, team: Team, *, note: str = ""
) -> TeamConsent:
    """The team's coordinator agrees that the expert team reviews the team's cases."""
    _coordinator_of(request, team)
    _consent_allowed(round_, team)
    running = round_.consents.filter(team=team, withdrawn_at__isnull=True).first()
    if running is not None:
        return running
    return TeamConsent.objects.create(
        round=round_, team=team, given_by=_actor(request), note=note.strip()
    )


@transaction.atomic
def withdraw_consent(request: HttpRequest, round_: ReviewRound, team: Team) -> None:
    _coordinator_of(request, team)
    _consent_allowed(round_, team)
    round_.consents.filter(team=team, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=_actor(request)
    )


# --- Population from a file -----------------------------------------------------------------------


def import_dossiers(
    request: HttpRequest,
    round_: ReviewRound,
    rows: list[dict[str, str]],
    *,
    mode: ImportMode,
    commit: bool,
) -> RowReport:
    _team_member(request, round_)
    _preparing(round_)
    if round_.population != Population.IMPORTED:
        raise PermissionDenied
    return imports.run_import(rows, round_, mode=mode, commit=commit)


# --- The sample -----------------------------------------------------------------------------------


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
    _team_member(request, round_)
    _preparing(round_)
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


# --- Reading and reviewing a dossier --------------------------------------------------------------


def log_dossier_read(request: HttpRequest, dossier: Dossier, membership: Membership) -> None:
    """A reviewer reads a case through the round: logged as a case read on the round's basis,
    so the case's team sees it in the case's access log."""
    if dossier.case is None:
        return
    record_access(
        request,
        event=EventCode.CASE_READ,
        action=ActionCode.READ,
        rule=AuthorisationRule.REVIEW_ROUND,
        membership=membership,
        object_type=OBJECT_TYPE_CASE,
        object_ref=dossier.case.reference,
        reason=f"dossierreview {dossier.round_id} “{dossier.round.title}” {dossier.label}",
    )


def _answer_value(item: ChecklistItem, raw: object) -> tuple[str, int | None]:
    if item.is_number:
        if raw in (None, ""):
            return "", None
        return "", int(str(raw))
    choice = str(raw or "")
    if choice and choice not in AnswerChoice.values:
        raise ValidationError({f"item_{item.pk}": _("Choose yes, no or not applicable.")})
    return choice, None


def answer_errors(items: list[ChecklistItem], values: Mapping[int, object]) -> dict[str, str]:
    """Rules across answers: a part is not larger than its whole."""
    errors: dict[str, str] = {}
    for item in items:
        if item.part_of_id is None:
            continue
        part, whole = values.get(item.pk), values.get(item.part_of_id)
        if part not in (None, "") and whole not in (None, "") and int(str(part)) > int(str(whole)):
            errors[f"item_{item.pk}"] = _("This cannot be more than “%(whole)s” (%(value)s).") % {
                "whole": item.part_of.question,  # type: ignore[union-attr]
                "value": whole,
            }
    return errors


@transaction.atomic
def save_review(
    request: HttpRequest,
    review: Review,
    *,
    values: Mapping[int, object],
    note: str,
    submit: bool,
) -> Review:
    """Keep a reviewer's answers; ``submit`` hands the review in (all items answered), after
    which it no longer changes."""
    round_ = review.dossier.round
    _team_member(request, round_)
    if review.reviewer_id != _actor(request).pk:
        raise PermissionDenied
    if review.is_submitted or not round_.is_reviewing:
        raise ValidationError(_("This review has been handed in and can no longer be changed."))
    items = list(round_.items.select_related("part_of"))
    errors = answer_errors(items, values)
    if submit:
        for item in items:
            if values.get(item.pk) in (None, ""):
                errors.setdefault(f"item_{item.pk}", _("Answer this item before handing in."))
    if errors:
        raise ValidationError(errors)
    for item in items:
        choice, number = _answer_value(item, values.get(item.pk))
        if not choice and number is None:
            Answer.objects.filter(review=review, item=item).delete()
            continue
        Answer.objects.update_or_create(
            review=review, item=item, defaults={"choice": choice, "number": number}
        )
    review.note = deidentify(note)
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    return review


@transaction.atomic
def resolve(
    request: HttpRequest,
    dossier: Dossier,
    item: ChecklistItem,
    *,
    value: object,
    note: str = "",
) -> Resolution:
    """Record the answer both reviewers agree on, where their own answers differed."""
    _team_member(request, dossier.round)
    reviews = list(dossier.reviews.all())
    if _actor(request).pk not in {review.reviewer_id for review in reviews}:
        raise PermissionDenied
    if not dossier.round.is_reviewing:
        raise ValidationError(_("Only a round that is being reviewed can be changed this way."))
    if item.round_id != dossier.round_id:
        raise PermissionDenied
    if not all(review.is_submitted for review in reviews):
        raise ValidationError(_("Both reviews must be handed in before differences are resolved."))
    choice, number = _answer_value(item, value)
    if not choice and number is None:
        raise ValidationError({"value": _("Give the answer you agreed on.")})
    resolution, _created = Resolution.objects.update_or_create(
        dossier=dossier,
        item=item,
        defaults={
            "choice": choice,
            "number": number,
            "note": deidentify(note.strip())[:300],
            "resolved_by": _actor(request),
            "resolved_at": timezone.now(),
        },
    )
    return resolution


# --- Closing, sharing, conclusions and lessons ----------------------------------------------------


@transaction.atomic
def close_round(request: HttpRequest, round_: ReviewRound, *, open_work: int) -> ReviewRound:
    """Close a round once every dossier is reviewed twice and every difference resolved
    (``open_work`` is what the findings still count as missing)."""
    _team_member(request, round_)
    if open_work:
        raise ValidationError(
            _("Not every dossier has two handed-in reviews with all differences resolved yet.")
        )
    round_.set_status(RoundStatus.CLOSED)
    round_.save()
    return round_


@transaction.atomic
def set_shared(request: HttpRequest, round_: ReviewRound, *, shared: bool) -> ReviewRound:
    _team_member(request, round_)
    if shared and not round_.is_closed:
        raise ValidationError(_("Only a closed round can be shared."))
    round_.shared = shared
    round_.save(update_fields=["shared"])
    return round_


def _not_preparing(round_: ReviewRound) -> None:
    if round_.is_preparing:
        raise ValidationError(_("Draw the sample first."))


def add_conclusion(
    request: HttpRequest,
    round_: ReviewRound,
    *,
    text: str,
    raise_bottleneck: bool = False,
    bottleneck_category: str = "",
    bottleneck_title: str = "",
) -> Conclusion:
    _team_member(request, round_)
    _not_preparing(round_)
    if not raise_bottleneck:
        bottleneck_category = bottleneck_title = ""
    return conclude(
        _actor(request), round_, text=text, category=bottleneck_category, title=bottleneck_title
    )


@transaction.atomic
def conclude(
    actor: User, round_: ReviewRound, *, text: str, category: str = "", title: str = ""
) -> Conclusion:
    """Record a conclusion. With a category and a title it is also raised as a bottleneck of
    the round's region, from its expert team, and routed like any other."""
    bottleneck = None
    if category:
        draft = Draft(
            region=round_.region,
            category=category,
            title=title,
            description=text,
            team=round_.expert_team,
        )
        bottleneck = raise_bottleneck(actor, draft)
    return Conclusion.objects.create(
        round=round_,
        text=deidentify(text.strip()),
        raise_bottleneck=bottleneck is not None,
        bottleneck_category=category,
        bottleneck_title=deidentify(title.strip()),
        bottleneck=bottleneck,
        created_by=actor,
    )


def add_lesson(
    request: HttpRequest, round_: ReviewRound, *, title: str, text: str, shareable: bool
) -> Lesson:
    _team_member(request, round_)
    _not_preparing(round_)
    return Lesson.objects.create(
        round=round_,
        title=deidentify(title.strip()),
        text=deidentify(text.strip()),
        shareable=shareable,
        created_by=_actor(request),
    )
