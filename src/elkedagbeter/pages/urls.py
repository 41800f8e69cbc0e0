from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-signalen/", views.signals, name="signals"),
    path("mijn-signalen/e-mail/", views.signals_mail, name="signals_mail"),
]
