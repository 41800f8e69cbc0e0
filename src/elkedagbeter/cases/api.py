"""REST API v1 endpoints of the case record: cases, their events and monitoring moments, built on
the kit in ``elkedagbeter.api``. Thin, like the pages: scoping comes from the cases selectors,
writes and access logging from the actions. A token sees exactly what its user sees in the
application:

- analysts, executives and administrators see no single case: 403 on every case endpoint;
- a case the user may not open does not exist for them: 404 (and a refused read is logged);
- members of an expert team state a reason (``Access-Reason``) for a case escalated to them;
- every read of a case (GET on a case, its events or its moments) is written to the access log.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]

from elkedagbeter.api.pagination import CasePagination, EventPagination, MomentPagination
from elkedagbeter.api.schema import (
    ACCESS_REASON,
    ACCESS_REASON_HEADER,
    CASE_NUMBER,
    ITEM_ID,
    problems,
)
from elkedagbeter.api.views import JSON, ApiView, created, documented, item, validation_error
from elkedagbeter.monitoring.models import MonitoringMoment

from . import actions as case_actions
from .forms import AccessReasonForm
from .models import Case, Event
from .selectors import WRITE_RULES, CaseGrant, cases_visible_to
from .serializers import CaseSerializer, CaseSummarySerializer, EventSerializer, MomentSerializer
from .views.access import granted_case

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
            raise validation_error(error, serializer.api_names()) from error
        return created(request, serializer, event)


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
        return Response(self.get_serializer(item(case.events.all(), id)).data)


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
            case_actions.record_moment(
                request, case, moment, {score["goal_id"]: score["score"] for score in scores}
            )
        except DjangoValidationError as error:
            raise validation_error(error, names) from error
        return created(request, serializer, moment)


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
        return Response(self.get_serializer(item(moments, id)).data)
