"""Query parameters a page cannot use: a clear Dutch 400 that names the parameter, never a 500.

A view (or a helper it calls) raises ``BadParameter``; ``BadParameterMiddleware`` answers it with
the 400 page carrying the message. Dates and periods in parameters are kept to the years
FIRST_YEAR to LAST_YEAR, far from the limits of Python's ``date`` (years 1 and 9999), so that a
page can step back or forth from them, or convert them to UTC, without an overflow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1900
LAST_YEAR = 2100


class BadParameter(Exception):
    """A query parameter the page cannot use; ``message`` (Dutch) names it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def shown_value(value: str) -> str:
    """A parameter's value as a message may repeat it: short."""
    return value if len(value) <= 40 else value[:40] + "…"


def plausible_date_validators() -> list[MinValueValidator | MaxValueValidator]:
    """For a date filter: a date in the years FIRST_YEAR to LAST_YEAR."""
    return [
        MinValueValidator(
            date(FIRST_YEAR, 1, 1), message=_("Give a date on or after %(limit_value)s.")
        ),
        MaxValueValidator(
            date(LAST_YEAR, 12, 31), message=_("Give a date on or before %(limit_value)s.")
        ),
    ]


class BadParameterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, BadParameter):
            return None
        context = {"message": exception.message, "parameter": exception.name}
        return render(request, "400.html", context, status=400)
