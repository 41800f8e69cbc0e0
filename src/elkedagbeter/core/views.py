from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template import loader

from elkedagbeter.organisations.models import Role

from .home import home_content


def home(request: HttpRequest) -> HttpResponse:
    """The public start page for visitors; a role-specific overview for logged-in users."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    content = home_content(request.user)
    return render(request, "core/home.html", {"content": content, "Role": Role})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    template = loader.get_template("403_csrf.html")
    return HttpResponseForbidden(template.render({}, request))
