from django.urls import path

from . import views

app_name = "ijw"

urlpatterns = [
    path("importeren/", views.message_import, name="import"),
]
