"""The API's building blocks for JSON shapes: HAL links, optional values, a serializer that refuses
unknown fields. The shapes themselves live with their app (``cases.serializers``,
``bottlenecks.api``); this kit imports no domain app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers  # type: ignore[import-untyped]

# A version number that is null while there is no version yet.
NULLABLE_INT = serializers.IntegerField(allow_null=True)
_LINK = {
    "type": "object",
    "required": ["href"],
    "properties": {"href": {"type": "string", "format": "uri"}},
}


# --- Building blocks -----------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "object",
        "description": "HAL links: `self`, and related resources where there are any.",
        "required": ["self"],
        "properties": {"self": _LINK},
        "additionalProperties": _LINK,
    },
    component_name="Links",
)
class LinksField(serializers.Field):  # type: ignore[misc]
    """``_links``: relation → ``{"href": absolute URL}``, from ``links(obj)`` giving paths."""

    def __init__(self, links: Callable[[Any], dict[str, str]], **kwargs: Any) -> None:
        self.links = links
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> dict[str, dict[str, str]]:
        request = self.context.get("request")
        return {
            relation: {"href": request.build_absolute_uri(path) if request else path}
            for relation, path in self.links(value).items()
        }


class OptionalMixin:
    """A value that may be absent: ``null`` or ``""`` on the way in, ``null`` on the way out."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, allow_null=True, allow_blank=True, **kwargs)  # type: ignore[call-arg]

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is None:
            return True, ""
        result: tuple[bool, Any] = super().validate_empty_values(data)  # type: ignore[misc]
        return result

    def to_representation(self, value: Any) -> str | None:
        return str(value) if value else None


class OptionalCharField(OptionalMixin, serializers.CharField):  # type: ignore[misc]
    pass


class OptionalChoiceField(OptionalMixin, serializers.ChoiceField):  # type: ignore[misc]
    pass


class StrictSerializer(serializers.Serializer):  # type: ignore[misc]
    """Refuses fields it does not know, alongside any other error in the same request."""

    def to_internal_value(self, data: Any) -> Any:
        unknown: dict[str, list[Any]] = {}
        if isinstance(data, Mapping):
            unknown = {
                str(key): [serializers.ErrorDetail(_("This field is not known."), code="unknown")]
                for key in data
                if key not in self.fields
            }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if unknown and isinstance(error.detail, dict):
                raise serializers.ValidationError({**error.detail, **unknown}) from error
            raise
        if unknown:
            raise serializers.ValidationError(unknown)
        return value

    def api_names(self) -> dict[str, str]:
        """Model field → JSON field, to name the fields in the actions' validation errors."""
        return {
            field.source: name
            for name, field in self.fields.items()
            if isinstance(field.source, str) and field.source != "*"
        }
