"""The round's checklist: the seed study's default items, and adding or removing one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..checklist import DEFAULT_CHECKLIST
from ..models import ChecklistItem, ItemKind, ReviewRound
from .guards import require_preparing, team_member


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
    team_member(request, round_)
    require_preparing(round_)
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
    team_member(request, round_)
    require_preparing(round_)
    if item.round_id != round_.pk:
        raise PermissionDenied
    if round_.items.count() <= 1:
        raise ValidationError(_("A checklist needs at least one item."))
    item.delete()  # its parts go with it
