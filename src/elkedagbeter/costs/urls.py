from django.urls import path

from . import views

app_name = "costs"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.csv", views.export, name="export"),
    path("tarieven/", views.tariffs, name="tariffs"),
]
