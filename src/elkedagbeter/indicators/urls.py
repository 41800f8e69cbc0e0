from django.urls import path

from . import plates, views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("vaststellen/", views.approve, name="approve"),
    path("rapport.pdf", plates.report, name="report"),
    path("nuldoelen/", plates.zero_goals, name="zero_goals"),
    path("nuldoelen/<slug:code>/", plates.plate, name="plate"),
    path("besluiten/<int:pk>/", plates.decision, name="decision"),
    path("<slug:code>.<str:fmt>", views.export, name="export"),
    path("<slug:code>/casussen/", views.cases_behind, name="cases_behind"),
]
