"""The site's URLs plus the floor of bench/request_cpu.py: a signed-in page that renders the base
template and reads nothing of its own. Used by the benchmark only, never served."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role
from elkedagbeter.urls import urlpatterns as site_urlpatterns


@role_required(*Role)
def floor(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [path("bench-floor/", floor), *site_urlpatterns]
