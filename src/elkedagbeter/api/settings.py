"""Settings of the REST API, kept with the app. Plain data only: the project settings import this
module, so it must not import Django models or Django REST framework.

The API's views set their policies themselves (see ``views.ApiPolicy``); ``REST_FRAMEWORK`` makes
the same choices the defaults, so that any further DRF view is token-only and speaks problem+json
too, and ``SPECTACULAR_SETTINGS`` lets ``manage.py spectacular`` write the same document that
``/api/v1/openapi.json`` serves.
"""

from __future__ import annotations

from typing import Any

# The full version of the API; the major version is in the path (/api/v1).
API_VERSION = "1.0.0"
API_VERSION_HEADER = "API-Version"

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["elkedagbeter.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_VERSIONING_CLASS": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "elkedagbeter.api.problems.problem_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Elke Dag Beter API",
    "DESCRIPTION": (
        "Cases (casussen), their critical events (gebeurtenissen) and monitoring moments "
        "(monitoringmomenten), after the NLGov REST API Design Rules 2.1.\n\n"
        "**Authentication.** Send `Authorization: Bearer <token>`. A token acts for one user and "
        "sees exactly what that user sees in the application: a team's own cases, and cases "
        "escalated to the user's expert team. Analysts, executives and administrators see no "
        "single cases (403). A case you may not see does not exist for you (404).\n\n"
        "**Escalated cases.** Members of an expert team state why they open a case escalated to "
        "their team in the `Access-Reason` header (10 to 500 characters); the case's team sees "
        "the reason in its access log. Every read of a case is written to that log.\n\n"
        "**Versions.** The major version is in the path; every response carries the full "
        "version in the `API-Version` header.\n\n"
        "**Errors** are `application/problem+json` (RFC 9457) with `invalidParams` "
        "(`name`, `code`, `reason`) for invalid input.\n\n"
        "**Pagination.** Lists are HAL-style: `_embedded` holds the page's items and `_links` "
        "has `self`, `first`, `last` and, where they exist, `prev` and `next`. Choose the page "
        "with `page` and its size with `pageSize` (at most 100).\n\n"
        "**Bottlenecks** (knelpunten) are for everyone in the organisation: a token sees the "
        "bottlenecks of its user's regions and of the bodies the user acts for, raises one "
        "from one of the user's teams (or, for analysts, their area) and takes the next step "
        "where the user may. They never show the case or the person they came from.\n\n"
        "**No trailing slashes**: `/api/v1/casussen/` does not exist."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {
        "name": "Elke Dag Beter",
        "url": "https://elkedagbeter.invalid",
        "email": "api@elkedagbeter.invalid",
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "SERVERS": [{"url": "/api/v1", "description": "This server"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "elkedagbeter.cases.models.EventKind",
        "ResidenceTypeEnum": "elkedagbeter.cases.models.ResidenceType",
        "LegalBasisEnum": "elkedagbeter.cases.models.LegalBasis",
        "AgreementEnum": "elkedagbeter.cases.models.Agreement",
        "EndKindEnum": "elkedagbeter.cases.models.EndKind",
        "ExplainedEnum": "elkedagbeter.cases.models.Explained",
        "SeclusionFormEnum": "elkedagbeter.cases.models.SeclusionForm",
        "DiagnosisGroupEnum": "elkedagbeter.cases.models.DiagnosisGroup",
        "MemberRoleEnum": "elkedagbeter.cases.models.MemberRole",
        "AgeBandEnum": "elkedagbeter.cases.models.AgeBand",
        "ScoreScaleEnum": "elkedagbeter.monitoring.models.ScoreScale",
        "PlanFitEnum": "elkedagbeter.monitoring.models.PlanFit",
        "BottleneckCategoryEnum": "elkedagbeter.bottlenecks.models.Category",
        "BottleneckLevelEnum": "elkedagbeter.bottlenecks.models.Level",
        "BottleneckStatusEnum": "elkedagbeter.bottlenecks.models.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "elkedagbeter.api.schema.add_nlgov_headers",
    ],
}
