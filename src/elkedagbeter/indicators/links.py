"""Links from the learning apps to the zero goals and the ten child-perspective statements.

Each learning app keeps small link tables of codes (like ``knowledge.ExampleZeroGoal``), not
foreign keys into indicators. This module gives them the same form fields, the same way to
write the rows, and the same labels to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .perspective import BY_CODE as STATEMENTS_BY_CODE
from .perspective import STATEMENT_CHOICES
from .zero_goals import BY_CODE as ZERO_GOALS_BY_CODE
from .zero_goals import ZERO_GOAL_CHOICES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def zero_goals_field(label: StrOrPromise | None = None) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label or _("Zero goals"),
        required=False,
        choices=ZERO_GOAL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which zero goals does this concern? Choose none, one or more."),
        error_messages={"invalid_choice": _("Zero goals: choose only zero goals from the list.")},
    )


def statements_field(label: StrOrPromise | None = None) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label or _("Statements from the child's perspective"),
        required=False,
        choices=STATEMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which of the ten statements does this touch? Choose none, one or more."),
        error_messages={
            "invalid_choice": _(
                "Statements from the child's perspective: choose only statements from the list."
            )
        },
    )


def clean_zero_goals(codes: Iterable[str]) -> list[str]:
    """The known zero-goal codes among ``codes``, once each, in the order of the zero goals."""
    wanted = set(codes)
    return [code for code in ZERO_GOALS_BY_CODE if code in wanted]


def clean_statements(codes: Iterable[str]) -> list[str]:
    wanted = set(codes)
    return [code for code in STATEMENTS_BY_CODE if code in wanted]


def replace_codes(
    model: type[models.Model],
    owner_field: str,
    owner: models.Model,
    code_field: str,
    codes: list[str],
) -> None:
    """Make ``owner``'s rows in the link table ``model`` hold exactly ``codes``."""
    rows = model._default_manager.filter(**{owner_field: owner})
    rows.exclude(**{f"{code_field}__in": codes}).delete()
    have = set(rows.values_list(code_field, flat=True))
    model._default_manager.bulk_create(
        [model(**{owner_field: owner, code_field: code}) for code in codes if code not in have]
    )


@dataclass(frozen=True)
class Link:
    code: str
    label: Any


@dataclass(frozen=True)
class Links:
    """What a detail page shows: the linked zero goals and statements, with their labels."""

    zero_goals: list[Link]
    statements: list[Link]

    def __bool__(self) -> bool:
        return bool(self.zero_goals or self.statements)

    @property
    def zero_goal_codes(self) -> list[str]:
        return [link.code for link in self.zero_goals]

    @property
    def statement_codes(self) -> list[str]:
        return [link.code for link in self.statements]


def links(zero_goals: Iterable[str], statements: Iterable[str] = ()) -> Links:
    return Links(
        [Link(code, ZERO_GOALS_BY_CODE[code].title) for code in clean_zero_goals(zero_goals)],
        [Link(code, STATEMENTS_BY_CODE[code].label) for code in clean_statements(statements)],
    )


def raise_query(found: Links, title: str = "", category: str = "") -> str:
    """The query for "Knelpunt melden" (``bottlenecks:new``) pre-filled with these links."""
    pairs = [("nuldoel", code) for code in found.zero_goal_codes]
    pairs += [("uitspraak", code) for code in found.statement_codes]
    if category:
        pairs.append(("categorie", category))
    if title:
        pairs.append(("titel", title[:160]))
    return urlencode(pairs)
