"""REST API v1 after the NLGov REST API Design Rules 2.1: Dutch plural kebab-case resources, no
trailing slashes (every other path under /api/v1/ is a 404 problem, see ``NotFoundView``), and
the OpenAPI document at /api/v1/openapi.json. Every URL here has a row in
``api/tests/test_api_matrix.py``.

The table sits above every app (like ``elkedagbeter.urls``): the endpoints live with their app
(``cases.api``, ``bottlenecks.api``) on the kit in ``elkedagbeter.api``, which imports no domain
app."""

from django.urls import path, re_path

from elkedagbeter.api import views
from elkedagbeter.bottlenecks import api as bottlenecks
from elkedagbeter.cases import api as cases
from elkedagbeter.costs import api as costs

app_name = "api"
urlpatterns = [
    path("casussen", cases.CaseListView.as_view(), name="case_list"),
    path("casussen/<str:casusnummer>", cases.CaseDetailView.as_view(), name="case_detail"),
    path(
        "casussen/<str:casusnummer>/gebeurtenissen",
        cases.EventListView.as_view(),
        name="event_list",
    ),
    path(
        "casussen/<str:casusnummer>/gebeurtenissen/<int:id>",
        cases.EventDetailView.as_view(),
        name="event_detail",
    ),
    path(
        "casussen/<str:casusnummer>/monitoringmomenten",
        cases.MomentListView.as_view(),
        name="moment_list",
    ),
    path(
        "casussen/<str:casusnummer>/monitoringmomenten/<int:id>",
        cases.MomentDetailView.as_view(),
        name="moment_detail",
    ),
    path(
        "casussen/<str:casusnummer>/arrangement",
        costs.ArrangementView.as_view(),
        name="arrangement",
    ),
    path("knelpunten", bottlenecks.BottleneckListView.as_view(), name="bottleneck_list"),
    path(
        "knelpunten/<int:id>", bottlenecks.BottleneckDetailView.as_view(), name="bottleneck_detail"
    ),
    path(
        "knelpunten/<int:id>/statuswijzigingen",
        bottlenecks.StatusChangeListView.as_view(),
        name="bottleneck_moves",
    ),
    path("openapi.json", views.OpenApiJsonView.as_view(), name="openapi_json"),
    path("openapi.yaml", views.OpenApiYamlView.as_view(), name="openapi_yaml"),
    # Not ".*", which stops at a newline: a path with %0A in it is a 404 problem as well.
    re_path(r"^[\s\S]*$", views.NotFoundView.as_view(), name="not_found"),
]
