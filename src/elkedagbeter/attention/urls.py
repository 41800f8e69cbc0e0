from django.urls import path

from . import views

app_name = "attention"
urlpatterns = [
    path("", views.today, name="today"),
    path("signalen/<int:pk>/terzijde/", views.set_aside, name="set_aside"),
    path("regels/", views.figures, name="figures"),
    path("casus/<str:reference>/stap/<slug:step>/", views.act, name="act"),
]
