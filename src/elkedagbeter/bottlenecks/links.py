"""Writing and reading a bottleneck's links to zero goals and child-perspective statements."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from elkedagbeter.indicators.links import (
    Links,
    clean_statements,
    clean_zero_goals,
    links,
    replace_codes,
)

from .models import Bottleneck, BottleneckStatement, BottleneckZeroGoal


def check_links(zero_goals: Iterable[str], statements: Iterable[str]) -> None:
    """Refuse unknown codes, naming the field (the API and the forms both come through here)."""
    zero_goals, statements = list(zero_goals), list(statements)
    errors = {}
    if len(clean_zero_goals(zero_goals)) != len(set(zero_goals)):
        errors["zero_goals"] = _("Zero goals: choose only zero goals from the list.")
    if len(clean_statements(statements)) != len(set(statements)):
        errors["statements"] = _(
            "Statements from the child's perspective: choose only statements from the list."
        )
    if errors:
        raise ValidationError(errors)


def set_links(bottleneck: Bottleneck, zero_goals: Iterable[str], statements: Iterable[str]) -> None:
    replace_codes(
        BottleneckZeroGoal, "bottleneck", bottleneck, "zero_goal", clean_zero_goals(zero_goals)
    )
    replace_codes(
        BottleneckStatement, "bottleneck", bottleneck, "statement", clean_statements(statements)
    )


def links_of(bottleneck: Bottleneck) -> Links:
    """Uses prefetched ``zero_goals`` and ``statements`` when they are there."""
    return links(
        [row.zero_goal for row in bottleneck.zero_goals.all()],
        [row.statement for row in bottleneck.statements.all()],
    )
