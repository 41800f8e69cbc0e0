"""REST API v1: a case's arrangement, as a sub-resource of the case like its events and moments
(``/api/v1/casussen/{casusnummer}/arrangement``). Opening the case, its scoping and the read log
come from ``cases.api.open_case``; the write goes through ``costs.actions.set_arrangement``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import exceptions, serializers  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]

from elkedagbeter.api.schema import ACCESS_REASON, CASE_NUMBER, problems
from elkedagbeter.api.serializers import LinksField, StrictSerializer
from elkedagbeter.api.views import JSON, ApiView, documented, validation_error
from elkedagbeter.cases.api import open_case
from elkedagbeter.cases.models import Case

from . import actions
from .models import ARRANGEMENTS, Arrangement


def _links(arrangement: Arrangement) -> dict[str, str]:
    reference = arrangement.case.reference
    return {
        "self": reverse("api:arrangement", kwargs={"casusnummer": reference}),
        "casus": reverse("api:case_detail", kwargs={"casusnummer": reference}),
    }


class ArrangementSerializer(StrictSerializer):
    """The result-oriented arrangement (licht, midden, zwaar) the case's trajectory was placed
    in, from the day it was agreed; what it costs follows from the region's tariff valid on
    that day."""

    niveau = serializers.ChoiceField(
        source="level",
        choices=[(level.value, level.label) for level in ARRANGEMENTS],
        help_text="licht, midden or zwaar.",
    )
    afgesprokenOp = serializers.DateField(
        source="agreed_on",
        help_text="The day it was agreed; not before the case started, not in the future.",
    )
    _links = LinksField(_links)


_READ_PROBLEMS = problems(400, 401, 403, 404)
_WRITE_PROBLEMS = problems(400, 401, 403, 404, 415)


def _arrangement_of(case: Case) -> Arrangement:
    """The case's arrangement, or a 404 problem while none is recorded."""
    arrangement = Arrangement.objects.filter(case=case).select_related("case").first()
    if arrangement is None:
        raise exceptions.NotFound()
    return arrangement


class ArrangementView(ApiView):
    serializer_class = ArrangementSerializer

    @documented(
        operation_id="arrangement_retrieve",
        summary="The case's arrangement",
        description="404 while no arrangement is recorded for the case.",
        tags=["arrangement"],
        parameters=[CASE_NUMBER, ACCESS_REASON],
        responses={(200, JSON): ArrangementSerializer, **_READ_PROBLEMS},
    )
    def get(self, request: Any, casusnummer: str) -> Any:
        case, _grant = open_case(request, casusnummer)
        return Response(self.get_serializer(_arrangement_of(case)).data)

    @documented(
        operation_id="arrangement_update",
        summary="Record or change the case's arrangement",
        description="Both fields are required. A level other than `licht`, `midden` or `zwaar`, "
        "a day in the future or before the case started is named in `invalidParams`.",
        tags=["arrangement"],
        parameters=[CASE_NUMBER, ACCESS_REASON],
        request=ArrangementSerializer,
        responses={(200, JSON): ArrangementSerializer, **_WRITE_PROBLEMS},
    )
    def put(self, request: Any, casusnummer: str) -> Any:
        case, _grant = open_case(request, casusnummer, write=True)
        serializer = ArrangementSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        try:
            arrangement = actions.set_arrangement(
                request, case, level=values["level"], agreed_on=values["agreed_on"]
            )
        except DjangoValidationError as error:
            raise validation_error(error, serializer.api_names()) from error
        return Response(ArrangementSerializer(arrangement, context={"request": request}).data)
