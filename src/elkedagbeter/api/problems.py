"""Errors as ``application/problem+json`` (RFC 9457), with NLGov's ``invalidParams`` extension.

``type`` points at the RFC 9110 section of the status code, as the Haal Centraal APIs do;
``title`` names the status in the user's language, ``detail`` explains this occurrence,
``instance`` is the path asked for, and ``code`` is a stable machine-readable code. Validation
problems list every invalid field as ``{name, code, reason}``: ``name`` is the JSON field
(``scores[1].score`` inside lists), ``reason`` a Dutch sentence.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.signals import got_request_exception
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.settings import api_settings  # type: ignore[import-untyped]
from rest_framework.views import set_rollback  # type: ignore[import-untyped]

from elkedagbeter.core.availability import RETRY_AFTER_SECONDS, is_database_away

from .authentication import InvalidToken

PROBLEM_JSON = "application/problem+json"
logger = logging.getLogger(__name__)

_RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110#section-"
_SECTIONS = {
    400: "15.5.1",
    401: "15.5.2",
    403: "15.5.4",
    404: "15.5.5",
    405: "15.5.6",
    406: "15.5.7",
    415: "15.5.16",
    500: "15.6.1",
    503: "15.6.4",
}
_TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Not authenticated"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    415: gettext_lazy("Unsupported media type"),
    500: gettext_lazy("Internal server error"),
    503: gettext_lazy("Service unavailable"),
}
_NON_FIELD_KEYS = {api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS}


def problem_type(status: int) -> str:
    section = _SECTIONS.get(status)
    return f"{_RFC9110}{section}" if section else "about:blank"


def problem(
    request: Any,
    status: int,
    *,
    detail: str,
    code: str,
    invalid_params: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The body of a problem response."""
    title = _TITLES.get(status) or HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": problem_type(status),
        "title": str(title),
        "status": status,
        "detail": detail,
        "instance": request.path if request is not None else "",
        "code": code,
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def invalid_params(detail: Any, name: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error structure into NLGov ``invalidParams`` entries."""
    if isinstance(detail, dict):
        entries: list[dict[str, str]] = []
        for key, value in detail.items():
            if key in _NON_FIELD_KEYS:
                child = name
            elif isinstance(key, int):
                child = f"{name}[{key}]"
            else:
                child = f"{name}.{key}" if name else str(key)
            entries += invalid_params(value, child)
        return entries
    if isinstance(detail, list):
        entries = []
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                entries += invalid_params(item, f"{name}[{index}]")
            else:
                entries += invalid_params(item, name)
        return entries
    return [
        {
            "name": name,
            "code": str(getattr(detail, "code", None) or "invalid"),
            "reason": str(detail),
        }
    ]


def _validation_response(request: Any, exc: Any) -> dict[str, Any]:
    entries = invalid_params(exc.detail)
    general = [entry["reason"] for entry in entries if not entry["name"]]
    detail = " ".join(general) or _("One or more fields are not valid; see invalidParams.")
    return problem(
        request,
        exc.status_code,
        detail=detail,
        code="invalid",
        invalid_params=[entry for entry in entries if entry["name"]],
    )


def _detail_text(detail: Any) -> str:
    if isinstance(detail, dict | list):
        return " ".join(entry["reason"] for entry in invalid_params(detail))
    return str(detail)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Any:
    """DRF's exception handler, answering every error as a problem."""
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return _unexpected(request, exc)

    headers: dict[str, str] = {}
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        # RFC 6750: say why a presented token was refused.
        headers["WWW-Authenticate"] = (
            f'{auth_header}, error="invalid_token"'
            if isinstance(exc, InvalidToken)
            else auth_header
        )
    if getattr(exc, "wait", None):
        headers["Retry-After"] = f"{exc.wait:.0f}"

    if isinstance(exc, exceptions.ValidationError):
        body = _validation_response(request, exc)
    else:
        codes = exc.get_codes()
        body = problem(
            request,
            exc.status_code,
            detail=_detail_text(exc.detail),
            code=codes if isinstance(codes, str) else "error",
        )
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers, content_type=PROBLEM_JSON)


def database_away(request: Any) -> dict[str, Any]:
    """The body of the 503 answer while the database cannot be reached."""
    detail = _("The database cannot be reached at the moment. Try again in a minute.")
    return problem(request, 503, detail=detail, code="unavailable")


def _unexpected(request: Any, exc: Exception) -> Any:
    if is_database_away(exc):
        logger.error("Database unavailable during an API request", exc_info=exc)
        set_rollback()
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        body = database_away(request)
        return Response(body, status=503, headers=headers, content_type=PROBLEM_JSON)
    if settings.DEBUG:
        return None  # DRF re-raises: Django's debug page shows the traceback
    logger.error("Unexpected error in the API", exc_info=exc)
    got_request_exception.send(sender=None, request=getattr(request, "_request", request))
    set_rollback()
    body = problem(
        request,
        500,
        detail=_("Something went wrong on our side. Try again later."),
        code="server_error",
    )
    return Response(body, status=500, content_type=PROBLEM_JSON)
