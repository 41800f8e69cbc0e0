from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("vaststellen/", views.approve, name="approve"),
    path("rapport.pdf", views.report, name="report"),
    path("nuldoelen/", views.zero_goals, name="zero_goals"),
    path("nuldoelen/<slug:code>/", views.plate, name="plate"),
    path("<slug:code>.<str:fmt>", views.export, name="export"),
    path("<slug:code>/casussen/", views.cases_behind, name="cases_behind"),
]
