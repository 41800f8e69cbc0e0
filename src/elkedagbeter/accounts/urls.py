from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.verify, name="verify"),
    path("tweestapsverificatie/instellen/", views.setup, name="setup"),
    path("account/herstellen/", views.redeem, name="redeem"),
]
