from django.urls import path

from . import views

app_name = "family"
urlpatterns = [
    path("gezin/", views.home, name="home"),
    path("gezin/mijn-antwoorden/", views.answer, name="answer"),
    path("gezin/plan/", views.plan, name="plan"),
    path("gezin/check/", views.youth_check, name="youth_check"),
    path("gezin/delen/", views.sharing, name="sharing"),
    path("gezin/wie-keek/", views.who_looked, name="who_looked"),
    path("gezin/uitnodiging/", views.redeem, name="redeem"),
    path("casussen/<str:reference>/gezin/", views.invite, name="invite"),
    path("casussen/<str:reference>/gezin/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("casussen/<str:reference>/gezin/toegang/<int:pk>/stoppen/", views.end, name="end"),
]
