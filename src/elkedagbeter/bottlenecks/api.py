"""REST endpoints for bottlenecks (``/api/v1/knelpunten``), in the style of the api app: bearer
tokens that see what their user sees on the board, HAL lists, problem+json errors. Writes go
through ``actions``; a bottleneck never shows the case or the person it came from."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, permissions, serializers  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]

from elkedagbeter.api.pagination import HalPagination
from elkedagbeter.api.schema import problems
from elkedagbeter.api.serializers import (
    LinksField,
    OptionalCharField,
    OptionalChoiceField,
    StrictSerializer,
)
from elkedagbeter.api.views import JSON, ApiView, created, documented, validation_error
from elkedagbeter.cases.models import AgeBand
from elkedagbeter.indicators.perspective import STATEMENT_CHOICES
from elkedagbeter.indicators.zero_goals import ZERO_GOAL_CHOICES

from . import actions
from .models import Bottleneck, Category, Level, Status
from .places import places_of
from .selectors import bottlenecks_visible_to, may_raise, may_use_board, raised_from

ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id.")


class UsesBoard(permissions.BasePermission):  # type: ignore[misc]
    message = "Your roles give no access to bottlenecks."

    def has_permission(self, request: Any, view: Any) -> bool:
        return may_use_board(request.user)


class BoardApiView(ApiView):
    permission_classes = [permissions.IsAuthenticated, UsesBoard]


class BottleneckPagination(HalPagination):
    embedded_name = "knelpunten"


class StatusChangePagination(HalPagination):
    embedded_name = "statuswijzigingen"


def _path(bottleneck: Bottleneck, name: str = "bottleneck_detail") -> str:
    return reverse(f"api:{name}", kwargs={"id": bottleneck.pk})


class BodySerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    niveau = serializers.ChoiceField(source="level", choices=Level.choices, read_only=True)
    email = serializers.EmailField(source="contact_email", read_only=True)


def _links(bottleneck: Bottleneck) -> dict[str, str]:
    return {"self": _path(bottleneck), "statuswijzigingen": _path(bottleneck, "bottleneck_moves")}


class LinkCodesField(serializers.ListField):  # type: ignore[misc]
    """A list of codes kept in a link table (``relation`` rows with a ``code`` attribute)."""

    def __init__(self, *, relation: str, code: str, choices: Any, **kwargs: Any) -> None:
        self.relation, self.code = relation, code
        super().__init__(child=serializers.ChoiceField(choices=choices), required=False, **kwargs)

    def get_attribute(self, instance: Any) -> list[str]:
        return [getattr(row, self.code) for row in getattr(instance, self.relation).all()]


class BottleneckSerializer(StrictSerializer):
    """A bottleneck: de-identified text and its context, never the case or the person who
    raised it: ``gemeldVanuit`` names the team (or an analyst's municipality or region), to
    every token alike. The pages name the person only to them and their own team."""

    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(source="number", read_only=True, help_text="E.g. `KP-00042`.")
    categorie = serializers.ChoiceField(source="category", choices=Category.choices)
    titel = serializers.CharField(source="title", max_length=160, help_text="One sentence.")
    toelichting = OptionalCharField(
        source="description",
        max_length=4000,
        help_text="Names, places and dates are removed automatically before it is stored.",
    )
    plaats = serializers.CharField(
        write_only=True,
        required=False,
        help_text="Where it is raised from: `team-<id>` for one of your teams; analysts "
        "`gemeente-<id>` or `regio-<id>` in their area. May be left out when you have only one.",
    )
    niveau = OptionalChoiceField(
        source="level",
        choices=Level.choices,
        help_text="Where it can be solved; empty: the category's usual level.",
    )
    leeftijdscategorie = OptionalChoiceField(source="age_band", choices=AgeBand.choices)
    nuldoelen = LinkCodesField(
        source="zero_goals",
        relation="zero_goals",
        code="zero_goal",
        choices=ZERO_GOAL_CHOICES,
        help_text="The zero goals it concerns (codes, e.g. `separaties`); none, one or more.",
    )
    uitspraken = LinkCodesField(
        source="statements",
        relation="statements",
        code="statement",
        choices=STATEMENT_CHOICES,
        help_text="The child-perspective statements it touches (codes, e.g. `zie_mij`).",
    )
    regio = serializers.CharField(source="region.code", read_only=True, help_text="Region code.")
    gemeente = serializers.StringRelatedField(
        source="municipality", read_only=True, allow_null=True, help_text="Empty for a region."
    )
    instantie = BodySerializer(source="body", read_only=True, help_text="Wie is ervan.")
    routering = serializers.CharField(source="routing_note", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    reagerenVoor = serializers.DateField(
        source="due_on", read_only=True, allow_null=True, help_text="The current deadline."
    )
    teLaat = serializers.SerializerMethodField(
        method_name="overdue", help_text="Open and past the deadline."
    )
    wijOok = serializers.SerializerMethodField(
        method_name="we_too", help_text="How many others said they meet it too."
    )
    gemeldOp = serializers.DateTimeField(source="created_at", read_only=True)
    gemeldVanuit = serializers.SerializerMethodField(
        method_name="raised_from",
        help_text="The team it was raised from (an analyst's municipality or region); "
        "never the person.",
    )
    gepubliceerdOp = serializers.DateTimeField(
        source="published_at", read_only=True, allow_null=True
    )
    _links = LinksField(_links)

    @extend_schema_field(OpenApiTypes.BOOL)
    def overdue(self, bottleneck: Bottleneck) -> bool:
        return bottleneck.is_overdue()

    @extend_schema_field(OpenApiTypes.INT)
    def we_too(self, bottleneck: Bottleneck) -> int:
        return int(getattr(bottleneck, "we_too", 0))

    @extend_schema_field(OpenApiTypes.STR)
    def raised_from(self, bottleneck: Bottleneck) -> str:
        return raised_from(bottleneck)


class StatusChangeSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    van = serializers.CharField(source="from_status", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, help_text="The new status.")
    toelichting = OptionalCharField(
        source="text",
        max_length=4000,
        help_text="Required to solve, close, escalate or reopen.",
    )
    instantie = BodySerializer(source="body", read_only=True)
    niveau = serializers.ChoiceField(source="level", choices=Level.choices, read_only=True)
    namens = serializers.CharField(
        source="acted_for",
        read_only=True,
        help_text="The body or team that took the step; the API never names the person.",
    )
    op = serializers.DateTimeField(source="at", read_only=True)
    reagerenVoor = serializers.DateField(source="due_on", read_only=True, allow_null=True)


def _with_links(found: QuerySet[Bottleneck]) -> QuerySet[Bottleneck]:
    return found.prefetch_related("zero_goals", "statements")


def _visible(request: Any, id: int) -> Bottleneck:
    bottleneck = _with_links(bottlenecks_visible_to(request.user)).filter(pk=id).first()
    if bottleneck is None:
        raise exceptions.NotFound()
    return bottleneck


_NAMES = {
    "category": "categorie",
    "title": "titel",
    "text": "toelichting",
    "zero_goals": "nuldoelen",
    "statements": "uitspraken",
}


class BottleneckListView(BoardApiView):
    pagination_class = BottleneckPagination
    serializer_class = BottleneckSerializer

    @documented(
        operation_id="knelpunten_list",
        summary="The bottlenecks you may see",
        description="The bottlenecks of the regions you work in, and those that are or were "
        "with a body you act for; newest first. Filter with `regio` (code) and `status`.",
        tags=["knelpunten"],
        parameters=[
            OpenApiParameter("regio", OpenApiTypes.STR, description="A region's code."),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values),
        ],
        responses={(200, JSON): BottleneckSerializer(many=True), **problems(400, 401, 403, 404)},
    )
    def get(self, request: Any) -> Any:
        found = _with_links(bottlenecks_visible_to(request.user))
        if request.query_params.get("regio"):
            found = found.filter(region__code=request.query_params["regio"])
        if request.query_params.get("status"):
            if request.query_params["status"] not in Status.values:
                raise exceptions.ValidationError({"status": ["Unknown status."]})
            found = found.filter(status=request.query_params["status"])
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @documented(
        operation_id="knelpunten_create",
        summary="Raise a bottleneck",
        description="Routed at once to the responsible body (see `instantie` and `routering`).",
        tags=["knelpunten"],
        request=BottleneckSerializer,
        responses={(201, JSON): BottleneckSerializer, **problems(400, 401, 403, 415)},
    )
    def post(self, request: Any) -> Any:
        serializer = BottleneckSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not may_raise(request.user):
            raise exceptions.PermissionDenied()
        places = {place.key: place for place in places_of(request.user)}
        key = data.get("plaats") or (next(iter(places)) if len(places) == 1 else "")
        place = places.get(key)
        if place is None:
            raise exceptions.ValidationError(
                {"plaats": [f"Choose one of: {', '.join(sorted(places)) or '-'}."]}
            )
        draft = actions.Draft(
            region=place.region,
            category=data["category"],
            title=data["title"],
            description=data.get("description", ""),
            level=data.get("level", ""),
            municipality=place.municipality,
            team=place.team,
            age_band=data.get("age_band", ""),
            zero_goals=tuple(data.get("zero_goals", ())),
            statements=tuple(data.get("statements", ())),
        )
        try:
            bottleneck = actions.raise_bottleneck(request.user, draft)
        except PermissionDenied as error:
            raise exceptions.PermissionDenied() from error
        except DjangoValidationError as error:
            raise validation_error(error, _NAMES) from error
        return created(request, serializer, _visible(request, bottleneck.pk))


class BottleneckDetailView(BoardApiView):
    serializer_class = BottleneckSerializer

    @documented(
        operation_id="knelpunten_retrieve",
        summary="One bottleneck",
        description="Who raised a bottleneck is never in the API: `gemeldVanuit` gives the "
        "team (or an analyst's municipality or region), and every step names the body or team "
        "it was taken for (`namens`), not the person.",
        tags=["knelpunten"],
        parameters=[ID],
        responses={(200, JSON): BottleneckSerializer, **problems(401, 403, 404)},
    )
    def get(self, request: Any, id: int) -> Any:
        return Response(self.get_serializer(_visible(request, id)).data)


class StatusChangeListView(BoardApiView):
    pagination_class = StatusChangePagination
    serializer_class = StatusChangeSerializer

    @documented(
        operation_id="knelpunten_statuswijzigingen_list",
        summary="The bottleneck's history",
        description="Every step, oldest first; the history cannot be changed.",
        tags=["knelpunten"],
        parameters=[ID],
        responses={(200, JSON): StatusChangeSerializer(many=True), **problems(400, 401, 403, 404)},
    )
    def get(self, request: Any, id: int) -> Any:
        bottleneck = _visible(request, id)
        page = self.paginate_queryset(bottleneck.history.select_related("body"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @documented(
        operation_id="knelpunten_statuswijzigingen_create",
        summary="Take the next step",
        description="Allowed steps: reported, escalated or reopened → in progress, solved, "
        "cannot be solved, escalated; in progress → solved, cannot be solved, escalated; solved "
        "or cannot be solved → reopened. The body's handlers take every step but reopening; "
        "the reporting team and the body reopen. 403 when the step is not yours to take, 400 "
        "when it is not possible now or lacks its explanation.",
        tags=["knelpunten"],
        parameters=[ID],
        request=StatusChangeSerializer,
        responses={(201, JSON): StatusChangeSerializer, **problems(400, 401, 403, 404, 415)},
    )
    def post(self, request: Any, id: int) -> Any:
        bottleneck = _visible(request, id)
        serializer = StatusChangeSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            change = actions.transition(
                request.user, bottleneck, Status(data["status"]), data.get("text", "")
            )
        except PermissionDenied as error:
            raise exceptions.PermissionDenied() from error
        except DjangoValidationError as error:
            raise validation_error(error, _NAMES) from error
        data = StatusChangeSerializer(change, context={"request": request}).data
        location = request.build_absolute_uri(_path(bottleneck, "bottleneck_moves"))
        return Response(data, status=201, headers={"Location": location})
