from django.urls import path

from . import conferences, views

app_name = "attention"
urlpatterns = [
    path("", views.today, name="today"),
    path("signalen/<int:pk>/terzijde/", views.set_aside, name="set_aside"),
    path("regels/", views.figures, name="figures"),
    path("casus/<str:reference>/stap/<slug:step>/", views.act, name="act"),
    path("casus/<str:reference>/casusoverleg/", conferences.conference_new, name="conference_new"),
    path(
        "casus/<str:reference>/afspraken/<int:pk>/gedaan/",
        conferences.agreement_done,
        name="agreement_done",
    ),
]
