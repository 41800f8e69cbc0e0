"""The rules for a case's arrangement (licht, midden, zwaar and the day it was agreed), shared by
the case page, the case import and the API, so each refuses the same values with the same
Dutch message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.imports import RowError, optional_date
from elkedagbeter.cases.models import Case

from .models import ARRANGEMENTS, Arrangement

LEVELS = [str(level.value) for level in ARRANGEMENTS]


def level_error(level: str) -> str | None:
    if level not in LEVELS:
        return _("“%(value)s” is not one of: %(valid)s.") % {
            "value": level,
            "valid": ", ".join(LEVELS),
        }
    return None


def agreed_on_error(agreed_on: date, *, opened_on: date | None, today: date) -> str | None:
    """An arrangement is agreed during the trajectory: not before the case started and not in
    the future."""
    if agreed_on > today:
        return _("A date cannot lie in the future.")
    if opened_on is not None and agreed_on < opened_on:
        return _("The arrangement cannot be agreed before the case started (%(day)s).") % {
            "day": opened_on.isoformat()
        }
    return None


def arrangement_errors(
    level: str, agreed_on: date, *, case: Case | None, today: date
) -> dict[str, str]:
    """Every broken rule by field (``level``, ``agreed_on``); empty when the values are fine."""
    errors: dict[str, str] = {}
    if (message := level_error(level)) is not None:
        errors["level"] = message
    opened_on = case.opened_on if case is not None else None
    if (message := agreed_on_error(agreed_on, opened_on=opened_on, today=today)) is not None:
        errors["agreed_on"] = message
    return errors


# --- The case import's columns (``cases.imports.register_case_columns``) ----------------------

LEVEL_COLUMN = "arrangement"
DATE_COLUMN = "arrangement_datum"
IMPORT_COLUMNS = [LEVEL_COLUMN, DATE_COLUMN]


def import_check(row: dict[str, str], opened_on: date) -> Callable[[Case], object] | None:
    """The arrangement on a cases row: both columns or neither; a bad value names its column."""
    level = row.get(LEVEL_COLUMN, "").strip().lower()
    agreed_on = optional_date(row, DATE_COLUMN)
    if not level and agreed_on is None:
        return None
    if not level:
        raise RowError(
            LEVEL_COLUMN, _("Required when %(column)s is filled in.") % {"column": DATE_COLUMN}
        )
    if (message := level_error(level)) is not None:
        raise RowError(LEVEL_COLUMN, message)
    if agreed_on is None:
        raise RowError(
            DATE_COLUMN, _("Required when %(column)s is filled in.") % {"column": LEVEL_COLUMN}
        )
    message = agreed_on_error(agreed_on, opened_on=opened_on, today=timezone.localdate())
    if message is not None:
        raise RowError(DATE_COLUMN, message)

    def save(case: Case) -> Arrangement:
        return Arrangement.objects.create(case=case, level=level, agreed_on=agreed_on)

    return save
