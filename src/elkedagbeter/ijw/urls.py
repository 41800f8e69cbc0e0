from django.urls import path

from . import views

app_name = "ijw"

urlpatterns = [
    path("importeren/", views.message_import, name="import"),
    path("niet-geregistreerd/", views.unregistered, name="unregistered"),
    path("niet-geregistreerd/<int:pk>/in-behandeling/", views.take_up, name="take_up"),
    path("niet-geregistreerd/<int:pk>/terzijde/", views.set_aside, name="set_aside"),
]
