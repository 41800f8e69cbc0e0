from django.urls import path

from . import public

app_name = "public_bottlenecks"
urlpatterns = [
    path("", public.regions, name="regions"),
    path("<slug:code>/", public.region, name="region"),
]
