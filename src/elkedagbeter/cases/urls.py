from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("nieuw/", views.case_new, name="new"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/reden/", views.case_reason, name="reason"),
    path("<str:reference>/toegangslog/", views.case_access_log, name="access_log"),
]
