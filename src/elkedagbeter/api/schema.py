"""What the OpenAPI document needs beyond the views: the bearer scheme, the problem shape, the
``Access-Reason`` parameter, and the headers every response carries (NLGov: ``API-Version``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers  # type: ignore[import-untyped]

from .problems import PROBLEM_JSON
from .settings import API_VERSION, API_VERSION_HEADER

ACCESS_REASON_HEADER = "Access-Reason"


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "elkedagbeter.api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API token issued with `manage.py create_api_token`. It acts for one user "
                "and sees what that user sees."
            ),
        }


class InvalidParamSerializer(serializers.Serializer):  # type: ignore[misc]
    name = serializers.CharField(
        help_text="The invalid field, e.g. `datum` or `scores[1].score`, or a header."
    )
    code = serializers.CharField(help_text="A stable code, e.g. `required` or `invalid_choice`.")
    reason = serializers.CharField(help_text="What is wrong, in Dutch.")


class ProblemSerializer(serializers.Serializer):  # type: ignore[misc]
    """RFC 9457 problem details, with NLGov's ``invalidParams``."""

    type = serializers.URLField(help_text="The RFC 9110 section of the status code.")
    title = serializers.CharField(help_text="The status, in words.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong this time.")
    instance = serializers.CharField(help_text="The path that was asked for.")
    code = serializers.CharField(
        help_text="A stable machine-readable code, e.g. `not_authenticated`, `invalid_token`, "
        "`permission_denied`, `not_found`, `invalid`."
    )
    invalidParams = InvalidParamSerializer(
        many=True, required=False, help_text="Validation problems only: every invalid field."
    )


_DESCRIPTIONS = {
    400: "Invalid input; `invalidParams` names every invalid field.",
    401: "No token, or a token that is not valid, has expired or was revoked.",
    403: "Your roles give no access to single cases, or you may read but not change this case.",
    404: "No such case (or not one you may see), no such item in it, or a page past the last.",
    405: "Method not allowed.",
    415: "Send `application/json`.",
}


def problems(*statuses: int) -> dict[Any, OpenApiResponse]:
    """Problem responses for ``extend_schema(responses=...)``."""
    return {
        (status, PROBLEM_JSON): OpenApiResponse(ProblemSerializer, _DESCRIPTIONS[status])
        for status in statuses
    }


CASE_NUMBER = OpenApiParameter(
    "casusnummer",
    str,
    OpenApiParameter.PATH,
    description="The case number, e.g. `C-BCDF-GH23`.",
)
ITEM_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The item's id within the case."
)
ACCESS_REASON = OpenApiParameter(
    ACCESS_REASON_HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Required for members of an expert team opening a case escalated to their team: why you "
        "open it now (10 to 500 characters). The case's team sees it in the access log. Ignored "
        "for the case's own team."
    ),
)


def add_nlgov_headers(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: every response documents ``API-Version``; 401 documents
    ``WWW-Authenticate`` and 201 ``Location``."""
    headers = result.setdefault("components", {}).setdefault("headers", {})
    headers[API_VERSION_HEADER] = {
        "description": "The full version of the API (semantic versioning).",
        "required": True,
        "schema": {"type": "string", "example": API_VERSION},
    }
    headers["WWW-Authenticate"] = {
        "description": 'The scheme to use: `Bearer realm="…"`, with `error="invalid_token"` '
        "when the token presented was refused.",
        "schema": {"type": "string"},
    }
    headers["Location"] = {
        "description": "The URL of the item created.",
        "schema": {"type": "string", "format": "uri"},
    }
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                response_headers = response.setdefault("headers", {})
                response_headers[API_VERSION_HEADER] = {
                    "$ref": f"#/components/headers/{API_VERSION_HEADER}"
                }
                if str(status) == "401":
                    response_headers["WWW-Authenticate"] = {
                        "$ref": "#/components/headers/WWW-Authenticate"
                    }
                if str(status) == "201":
                    response_headers["Location"] = {"$ref": "#/components/headers/Location"}
    return result
