from django.urls import path

from . import conferences, consult_views, views

app_name = "attention"
urlpatterns = [
    path("", views.today, name="today"),
    path("signalen/<int:pk>/terzijde/", views.set_aside, name="set_aside"),
    path("regels/", views.figures, name="figures"),
    path("vergelijkbare-gezinnen/", views.similar, name="similar"),
    path("casus/<str:reference>/stap/", views.act, name="act"),
    path("casus/<str:reference>/casusoverleg/", conferences.conference_new, name="conference_new"),
    path("casus/<str:reference>/expertteam/", consult_views.consult_new, name="consult_new"),
    path("consultaties/", consult_views.consultations, name="consultations"),
    path("consultaties/<int:pk>/", consult_views.consultation, name="consultation"),
    path(
        "consultaties/<int:pk>/triage/",
        consult_views.consultation_triage,
        name="consultation_triage",
    ),
    path(
        "consultaties/<int:pk>/advies/",
        consult_views.consultation_advise,
        name="consultation_advise",
    ),
    path(
        "consultaties/vervolg/<int:pk>/",
        consult_views.follow_up_answer,
        name="follow_up_answer",
    ),
    path("expertteam/cijfers/", consult_views.figures, name="expert_figures"),
    path(
        "expertteam/<int:team_id>/thema/<slug:theme>/knelpunt/",
        consult_views.theme_to_knelpunt,
        name="theme_to_knelpunt",
    ),
    path(
        "casus/<str:reference>/afspraken/<int:pk>/gedaan/",
        conferences.agreement_done,
        name="agreement_done",
    ),
]
