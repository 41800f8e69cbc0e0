"""Reading and reviewing a dossier: the logged read, a reviewer's answers, the agreed resolution."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode
from elkedagbeter.core.deidentify import deidentify
from elkedagbeter.organisations.models import Membership

from ..models import Answer, AnswerChoice, ChecklistItem, Dossier, Resolution, Review
from .guards import acting_user, team_member


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
    team_member(request, round_)
    if review.reviewer_id != acting_user(request).pk:
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
    team_member(request, dossier.round)
    reviews = list(dossier.reviews.all())
    if acting_user(request).pk not in {review.reviewer_id for review in reviews}:
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
            "resolved_by": acting_user(request),
            "resolved_at": timezone.now(),
        },
    )
    return resolution
