"""The REST API's kit: the NLGov response policies, the base view, schema decoration, turning an
action's validation errors into problems, the OpenAPI document and the catch-all 404.

The endpoints live with their app (``cases.api``, ``bottlenecks.api``); the URL table that joins
them is ``elkedagbeter.api_urls``, above every app. This module imports no domain app, so every
app may build on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, generics, permissions, status  # type: ignore[import-untyped]
from rest_framework.parsers import JSONParser  # type: ignore[import-untyped]
from rest_framework.renderers import JSONRenderer  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import has_role

from .authentication import BearerTokenAuthentication
from .pagination import HalPagination
from .problems import problem_exception_handler
from .serializers import StrictSerializer
from .settings import API_VERSION, API_VERSION_HEADER, SPECTACULAR_SETTINGS

CASE_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT)
# Success responses are keyed by (status, media type) like the problems, so that drf-spectacular
# takes the success response as the main one (it picks the smallest key).
JSON = "application/json"


class NlGovResponses:
    """Every response, errors included, carries ``API-Version``; errors are problems."""

    def get_exception_handler(self) -> Callable[[Exception, dict[str, Any]], Any]:
        return problem_exception_handler

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response[API_VERSION_HEADER] = API_VERSION
        return response


class WorksOnCases(permissions.BasePermission):  # type: ignore[misc]
    message = _("Your roles give no access to single cases.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return has_role(request.user, *CASE_ROLES)


class ApiView(NlGovResponses, generics.GenericAPIView):  # type: ignore[misc]
    """The API's policies, set here rather than taken from the project's REST_FRAMEWORK."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, WorksOnCases]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    throttle_classes: list[Any] = []
    versioning_class = None
    pagination_class: type[HalPagination] | None = None
    schema = AutoSchema()


F = TypeVar("F", bound=Callable[..., Any])


def documented(**kwargs: Any) -> Callable[[F], F]:
    """``extend_schema`` built on drf-spectacular's AutoSchema even when the project's
    REST_FRAMEWORK does not name it as DEFAULT_SCHEMA_CLASS (extend_schema falls back to that
    setting, and DRF's own AutoSchema cannot describe these views)."""

    def decorator(method: F) -> F:
        setattr(method, "schema", AutoSchema)  # noqa: B010 - read by extend_schema
        return extend_schema(**kwargs)(method)

    return decorator


# --- Helpers for the endpoints ------------------------------------------------------------------


def item(queryset: QuerySet[Any], pk: int) -> Any:
    """The row with that id, or a 404 problem."""
    item = queryset.filter(pk=pk).first()
    if item is None:
        raise exceptions.NotFound()
    return item


def validation_error(
    error: DjangoValidationError, names: dict[str, str]
) -> exceptions.ValidationError:
    """An action's ValidationError, with the model's field names turned into the API's."""
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            [exceptions.ErrorDetail(message, code="invalid") for message in error.messages]
        )
    detail: dict[str, list[Any]] = {}
    for field, field_errors in error.error_dict.items():
        name = names.get(field, "non_field_errors" if field == NON_FIELD_ERRORS else field)
        detail[name] = [
            exceptions.ErrorDetail(message, code=item.code or "invalid")
            for item in field_errors
            for message in item.messages
        ]
    return exceptions.ValidationError(detail)


def created(request: Any, serializer: StrictSerializer, item: Model) -> Any:
    """201 with the new item and its ``Location``."""
    data = serializer.__class__(item, context={"request": request}).data
    return Response(
        data, status=status.HTTP_201_CREATED, headers={"Location": data["_links"]["self"]["href"]}
    )


# --- The OpenAPI document and everything else -----------------------------------------------------


class _OpenApiView(NlGovResponses, SpectacularAPIView):
    """Published without authentication (NLGov: /core/publish-openapi)."""

    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]
    serve_public = True
    schema = AutoSchema()
    custom_settings = {
        key: value for key, value in SPECTACULAR_SETTINGS.items() if not key.startswith("SERVE_")
    }

    @documented(exclude=True)
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return super().get(request, *args, **kwargs)  # type: ignore[no-untyped-call]


class OpenApiJsonView(_OpenApiView):
    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer]


class OpenApiYamlView(_OpenApiView):
    renderer_classes = [OpenApiYamlRenderer2, OpenApiYamlRenderer]


class NotFoundView(NlGovResponses, APIView):  # type: ignore[misc]
    """Anything else under /api/v1/, including every path with a trailing slash: a 404 problem
    rather than Django's HTML page (and never a redirect to add or drop a slash)."""

    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]
    renderer_classes = [JSONRenderer]
    schema = None

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()
