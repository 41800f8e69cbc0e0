from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.team_list, name="teams"),
    path("<int:team_id>/", views.team_detail, name="team"),
    path("aanvragen/<int:pk>/besluit/", views.decide, name="decide"),
]
