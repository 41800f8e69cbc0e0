from django.urls import path

from .views import contents, gates, moments, pages, transfer

app_name = "cases"
urlpatterns = [
    path("", pages.case_list, name="list"),
    path("nieuw/", pages.case_new, name="new"),
    path("noodtoegang/", gates.emergency_access, name="emergency"),
    path("importeren/", transfer.case_import, name="import"),
    path("importeren/bron-ids/", transfer.source_refs, name="source_refs"),
    path("<str:reference>/", pages.case_detail, name="detail"),
    path("<str:reference>/reden/", pages.case_reason, name="reason"),
    path("<str:reference>/toegangslog/", pages.case_access_log, name="access_log"),
    path("<str:reference>/wijzigingen/", contents.case_history, name="history"),
    path("<str:reference>/export.json", transfer.case_export_json, name="export_json"),
    path("<str:reference>/inzage.pdf", transfer.case_export_pdf, name="export_pdf"),
    path("<str:reference>/escaleren/", gates.case_escalate, name="escalate"),
    path("<str:reference>/overdragen/", gates.case_transfer, name="transfer"),
    path("<str:reference>/analyse/", contents.analysis_revise, name="analysis"),
    path("<str:reference>/plan/", contents.plan_revise, name="plan"),
    path("<str:reference>/kenmerken/", contents.case_markers, name="markers"),
    path("<str:reference>/gebeurtenissen/nieuw/", contents.event_new, name="event_new"),
    path("<str:reference>/gebeurtenissen/<int:event_id>/", contents.event_edit, name="event_edit"),
    path("<str:reference>/monitoring/nieuw/", moments.moment_new, name="moment_new"),
    path("<str:reference>/<slug:part>/nieuw/", contents.case_add, name="add"),
]
