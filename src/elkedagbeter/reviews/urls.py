from django.urls import path

from .views import dossiers, rounds, shared

app_name = "reviews"
urlpatterns = [
    path("", rounds.round_list, name="list"),
    path("nieuw/", rounds.round_new, name="new"),
    path("vergelijken/", shared.compare, name="compare"),
    path("lessen/", shared.lessons, name="lessons"),
    path("<int:pk>/", rounds.round_detail, name="detail"),
    path("<int:pk>/bewerken/", rounds.round_edit, name="edit"),
    path("<int:pk>/checklist/", rounds.checklist, name="checklist"),
    path("<int:pk>/importeren/", rounds.dossier_import, name="import"),
    path("<int:pk>/steekproef/", rounds.draw, name="draw"),
    path("<int:pk>/afronden/", rounds.close, name="close"),
    path("<int:pk>/delen/", rounds.share, name="share"),
    path("<int:pk>/conclusies/nieuw/", rounds.conclusion_new, name="conclusion_new"),
    path("<int:pk>/lessen/nieuw/", rounds.lesson_new, name="lesson_new"),
    path("<int:pk>/toestemming/", shared.consent, name="consent"),
    path("<int:pk>/bevindingen/", shared.findings, name="findings"),
    path("<int:pk>/bevindingen.<str:fmt>", shared.findings_export, name="findings_export"),
    path("<int:pk>/dossiers/<int:dossier_id>/", dossiers.dossier_review, name="dossier"),
    path(
        "<int:pk>/dossiers/<int:dossier_id>/afstemmen/",
        dossiers.dossier_resolve,
        name="resolve",
    ),
]
