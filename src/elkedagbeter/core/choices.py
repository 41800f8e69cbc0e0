"""A cheaper ``get_FOO_display()`` for models whose pages show many choice labels."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@cache
def _labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    # The labels stay lazy here, so each call still translates into the active language.
    return dict(make_hashable(field.flatchoices))


class ChoiceLabels:
    """Mix into a model, before ``models.Model``.

    Django's ``get_FOO_display()`` builds a dictionary of all the field's choices on every call,
    hashing (so translating) every label; with a few of these per row that showed up in the case
    page's profile. This looks the label up in a dictionary built once per field; the result is
    the same: the label in the active language, or the value itself when it is not a choice.
    Choices given as a callable may change, so those still go the Django way.
    """

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:
        if isinstance(field.choices, CallableChoiceIterator):
            return models.Model._get_FIELD_display(self, field)
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
