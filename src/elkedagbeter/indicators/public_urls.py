from django.urls import path

from . import public

app_name = "public_figures"
urlpatterns = [
    path("", public.regions, name="regions"),
    path("<int:region_id>/", public.region, name="region"),
    path("<int:region_id>/<slug:code>.csv", public.export, name="export"),
]
