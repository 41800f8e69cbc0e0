from django.urls import path

from . import case_views, views

app_name = "costs"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.csv", views.export, name="export"),
    path("tarieven/", views.tariffs, name="tariffs"),
    path("casus/<str:reference>/arrangement/", case_views.arrangement, name="arrangement"),
]
