"""REST API v1. Thin, like the pages: scoping comes from the cases selectors, writes and access
logging from the actions. A token sees exactly what its user sees in the application:

- analysts, executives and administrators see no single case: 403 on every case endpoint;
- a case the user may not open does not exist for them: 404 (and a refused read is logged);
- members of an expert team state a reason (``Access-Reason``) for a case escalated to them;
- every read of a case (GET on a case, its events or its moments) is written to the access log.
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

from elkedagbeter.cases import actions as case_actions
from elkedagbeter.cases.forms import AccessReasonForm
from elkedagbeter.cases.models import Case, Event
from elkedagbeter.cases.selectors import WRITE_RULES, CaseGrant, cases_visible_to
from elkedagbeter.cases.views.access import granted_case
from elkedagbeter.monitoring import actions as monitoring_actions
from elkedagbeter.monitoring.models import MonitoringMoment
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import has_role

from .authentication import BearerTokenAuthentication
from .pagination import CasePagination, EventPagination, HalPagination, MomentPagination
from .problems import problem_exception_handler
from .schema import ACCESS_REASON, ACCESS_REASON_HEADER, CASE_NUMBER, ITEM_ID, problems
from .serializers import (
    CaseSerializer,
    CaseSummarySerializer,
    EventSerializer,
    MomentSerializer,
    StrictSerializer,
)
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


# --- Opening a case ------------------------------------------------------------------------------


def _header(request: Any, name: str) -> str | None:
    raw: str | None = request.headers.get(name)
    if raw is None:
        return None
    try:  # WSGI hands headers over as ISO-8859-1; clients send UTF-8
        return raw.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return raw


def access_reason(request: Any) -> str:
    """The reason an expert states for reading an escalated case, checked as on the page."""
    form = AccessReasonForm({"reason": _header(request, ACCESS_REASON_HEADER) or ""})
    if form.is_valid():
        reason: str = form.cleaned_data["reason"]
        return reason
    errors = form.errors.as_data()["reason"]
    raise exceptions.ValidationError(
        {
            ACCESS_REASON_HEADER: [
                exceptions.ErrorDetail(message, code=error.code or "invalid")
                for error in errors
                for message in error.messages
            ]
        }
    )


def open_case(request: Any, casusnummer: str, *, write: bool = False) -> tuple[Case, CaseGrant]:
    """The case, if the user may open it (404 otherwise), with the stated reason checked; a GET
    is logged as a read of the case."""
    case, grant = granted_case(request, casusnummer)
    reason = access_reason(request) if grant.needs_reason else ""
    if write and grant.rule not in WRITE_RULES:
        raise exceptions.PermissionDenied(_("You may read this case but not change it."))
    if request.method in ("GET", "HEAD"):
        case_actions.log_case_read(request, case, grant, reason=reason)
    return case, grant


def _item(queryset: QuerySet[Any], pk: int) -> Any:
    item = queryset.filter(pk=pk).first()
    if item is None:
        raise exceptions.NotFound()
    return item


def _validation_error(
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


def _created(request: Any, serializer: StrictSerializer, item: Model) -> Any:
    data = serializer.__class__(item, context={"request": request}).data
    return Response(
        data, status=status.HTTP_201_CREATED, headers={"Location": data["_links"]["self"]["href"]}
    )


# --- Cases ---------------------------------------------------------------------------------------

_READ_PROBLEMS = problems(400, 401, 403, 404)
_WRITE_PROBLEMS = problems(400, 401, 403, 404, 415)


class CaseListView(ApiView):
    pagination_class = CasePagination
    serializer_class = CaseSummarySerializer

    @documented(
        operation_id="casussen_list",
        summary="The cases you may see",
        description="Your teams' own cases and the cases escalated to your expert team, newest "
        "first. Listing is not a read of each case; opening one is.",
        tags=["casussen"],
        responses={(200, JSON): CaseSummarySerializer(many=True), **problems(400, 401, 403, 404)},
    )
    def get(self, request: Any) -> Any:
        page = self.paginate_queryset(cases_visible_to(request.user))
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


class CaseDetailView(ApiView):
    serializer_class = CaseSerializer

    @documented(
        operation_id="casussen_retrieve",
        summary="One case",
        description="Team, dates, household (without pseudonyms) and the current versions of "
        "the explanatory analysis and the support plan.",
        tags=["casussen"],
        parameters=[CASE_NUMBER, ACCESS_REASON],
        responses={(200, JSON): CaseSerializer, **_READ_PROBLEMS},
    )
    def get(self, request: Any, casusnummer: str) -> Any:
        case, _grant = open_case(request, casusnummer)
        return Response(self.get_serializer(case).data)


# --- Events --------------------------------------------------------------------------------------


class EventListView(ApiView):
    pagination_class = EventPagination
    serializer_class = EventSerializer

    @documented(
        operation_id="gebeurtenissen_list",
        summary="The case's timeline of critical events",
        description="Newest first.",
        tags=["gebeurtenissen"],
        parameters=[CASE_NUMBER, ACCESS_REASON],
        responses={(200, JSON): EventSerializer(many=True), **_READ_PROBLEMS},
    )
    def get(self, request: Any, casusnummer: str) -> Any:
        case, _grant = open_case(request, casusnummer)
        page = self.paginate_queryset(case.events.all())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @documented(
        operation_id="gebeurtenissen_create",
        summary="Record an event",
        description="The timeline's rules apply: no date in the future, no end before the "
        "start, a placement needs a household member and a type of residential care and may "
        "not overlap another placement of that youth, a closed placement needs a closed youth "
        "care order (`71`), a seclusion needs its duration and place, a transfer needs where "
        "from and where to. Every broken rule is named in `invalidParams`.",
        tags=["gebeurtenissen"],
        parameters=[CASE_NUMBER, ACCESS_REASON],
        request=EventSerializer,
        responses={(201, JSON): EventSerializer, **_WRITE_PROBLEMS},
    )
    def post(self, request: Any, casusnummer: str) -> Any:
        case, _grant = open_case(request, casusnummer, write=True)
        serializer = EventSerializer(data=request.data, context={"request": request, "case": case})
        serializer.is_valid(raise_exception=True)
        event = Event(**serializer.validated_data)
        try:
            case_actions.record_event(request, case, event)
        except DjangoValidationError as error:
            raise _validation_error(error, serializer.api_names()) from error
        return _created(request, serializer, event)


class EventDetailView(ApiView):
    serializer_class = EventSerializer

    @documented(
        operation_id="gebeurtenissen_retrieve",
        summary="One event",
        tags=["gebeurtenissen"],
        parameters=[CASE_NUMBER, ITEM_ID, ACCESS_REASON],
        responses={(200, JSON): EventSerializer, **_READ_PROBLEMS},
    )
    def get(self, request: Any, casusnummer: str, id: int) -> Any:
        case, _grant = open_case(request, casusnummer)
        return Response(self.get_serializer(_item(case.events.all(), id)).data)


# --- Monitoring moments --------------------------------------------------------------------------


class MomentListView(ApiView):
    pagination_class = MomentPagination
    serializer_class = MomentSerializer

    @documented(
        operation_id="monitoringmomenten_list",
        summary="The case's monitoring moments",
        description="Newest first, each with its goal scores.",
        tags=["monitoringmomenten"],
        parameters=[CASE_NUMBER, ACCESS_REASON],
        responses={(200, JSON): MomentSerializer(many=True), **_READ_PROBLEMS},
    )
    def get(self, request: Any, casusnummer: str) -> Any:
        case, _grant = open_case(request, casusnummer)
        moments = case.monitoring_moments.prefetch_related("scores")
        page = self.paginate_queryset(moments)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @documented(
        operation_id="monitoringmomenten_create",
        summary="Record a monitoring moment",
        description="Scores only for the case's open desired results, within the scale's range; "
        "safety 1 to 10; the family's verdict 1 to 5; not in the future.",
        tags=["monitoringmomenten"],
        parameters=[CASE_NUMBER, ACCESS_REASON],
        request=MomentSerializer,
        responses={(201, JSON): MomentSerializer, **_WRITE_PROBLEMS},
    )
    def post(self, request: Any, casusnummer: str) -> Any:
        case, _grant = open_case(request, casusnummer, write=True)
        serializer = MomentSerializer(data=request.data, context={"request": request, "case": case})
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        scores = values.pop("scores", [])
        moment = MonitoringMoment(**values)
        names = serializer.api_names()
        names.update(
            {f"goal_{score['goal_id']}": f"scores[{i}].score" for i, score in enumerate(scores)}
        )
        try:
            monitoring_actions.record_moment(
                request, case, moment, {score["goal_id"]: score["score"] for score in scores}
            )
        except DjangoValidationError as error:
            raise _validation_error(error, names) from error
        return _created(request, serializer, moment)


class MomentDetailView(ApiView):
    serializer_class = MomentSerializer

    @documented(
        operation_id="monitoringmomenten_retrieve",
        summary="One monitoring moment",
        tags=["monitoringmomenten"],
        parameters=[CASE_NUMBER, ITEM_ID, ACCESS_REASON],
        responses={(200, JSON): MomentSerializer, **_READ_PROBLEMS},
    )
    def get(self, request: Any, casusnummer: str, id: int) -> Any:
        case, _grant = open_case(request, casusnummer)
        moments = case.monitoring_moments.prefetch_related("scores")
        return Response(self.get_serializer(_item(moments, id)).data)


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
