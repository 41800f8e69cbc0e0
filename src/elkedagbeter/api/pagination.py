"""Lists as HAL: ``{"_links": {"self", "first", "prev", "next", "last"},
"_embedded": {<resource>: [...]}}``.

``prev`` and ``next`` are left out where there is no such page. The page is chosen with ``page``
(from 1) and its size with ``pageSize`` (1 to 100, 20 unless told; ``page_size`` is read as the
same, and the links always say ``pageSize``, so a link never carries a parameter that was
ignored); both are refused with a problem when they are not such numbers, and a page past the
last is 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import exceptions  # type: ignore[import-untyped]
from rest_framework.pagination import BasePagination  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.utils.urls import (  # type: ignore[import-untyped]
    remove_query_param,
    replace_query_param,
)

PAGE_PARAM = "page"
PAGE_SIZE_PARAM = "pageSize"
PAGE_SIZE_ALIAS = "page_size"  # what many clients send; honoured, and written as pageSize
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _link(url: str) -> dict[str, str]:
    return {"href": url}


class HalPagination(BasePagination):  # type: ignore[misc]
    #: The key under ``_embedded``; each list view's pagination class names its resource.
    embedded_name = "items"

    def _number(self, request: Any, param: str, default: int, maximum: int | None) -> int:
        raw = request.query_params.get(param)
        if raw is None and param == PAGE_SIZE_PARAM:
            raw = request.query_params.get(PAGE_SIZE_ALIAS)
            if raw is not None:
                param = PAGE_SIZE_ALIAS
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1 or (maximum is not None and value > maximum):
            if maximum is None:
                reason = _("Give a whole number from 1.")
            else:
                reason = _("Give a whole number from 1 to %(maximum)d.") % {"maximum": maximum}
            raise exceptions.ValidationError({param: [reason]})
        return value

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Any, view: Any = None
    ) -> list[Any]:
        size = self._number(request, PAGE_SIZE_PARAM, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        number = self._number(request, PAGE_PARAM, 1, None)
        paginator = Paginator(queryset, size)
        if number > paginator.num_pages:
            raise exceptions.NotFound(_("This page does not exist."))
        self.request = request
        self.size_given = size if request.query_params.get(PAGE_SIZE_ALIAS) is not None else None
        self.page: Page[Any] = paginator.page(number)
        return list(self.page)

    def _page_url(self, number: int) -> str:
        url: str = self.request.build_absolute_uri()
        if self.size_given is not None:
            url = replace_query_param(
                remove_query_param(url, PAGE_SIZE_ALIAS), PAGE_SIZE_PARAM, self.size_given
            )
        url = replace_query_param(url, PAGE_PARAM, number)
        return url

    def get_paginated_response(self, data: list[Any]) -> Any:
        page = self.page
        links = {
            "self": _link(self._page_url(page.number)),
            "first": _link(self._page_url(1)),
        }
        if page.has_previous():
            links["prev"] = _link(self._page_url(page.previous_page_number()))
        if page.has_next():
            links["next"] = _link(self._page_url(page.next_page_number()))
        links["last"] = _link(self._page_url(page.paginator.num_pages))
        return Response({"_links": links, "_embedded": {self.embedded_name: data}})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {
            "type": "object",
            "required": ["href"],
            "properties": {"href": {"type": "string", "format": "uri"}},
        }
        return {
            "type": "object",
            "required": ["_links", "_embedded"],
            "properties": {
                "_links": {
                    "type": "object",
                    "required": ["self", "first", "last"],
                    "properties": {
                        "self": link,
                        "first": link,
                        "prev": {**link, "description": "Absent on the first page."},
                        "next": {**link, "description": "Absent on the last page."},
                        "last": link,
                    },
                },
                "_embedded": {
                    "type": "object",
                    "required": [self.embedded_name],
                    "properties": {self.embedded_name: schema},
                },
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": PAGE_PARAM,
                "required": False,
                "in": "query",
                "description": "The page number, from 1.",
                "schema": {"type": "integer", "minimum": 1, "default": 1},
            },
            {
                "name": PAGE_SIZE_PARAM,
                "required": False,
                "in": "query",
                "description": "How many items a page holds.",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
            },
        ]


class CasePagination(HalPagination):
    embedded_name = "casussen"


class EventPagination(HalPagination):
    embedded_name = "gebeurtenissen"


class MomentPagination(HalPagination):
    embedded_name = "monitoringmomenten"
