from __future__ import annotations

import sys

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader

from elkedagbeter.api import problems
from elkedagbeter.core.availability import RETRY_AFTER_SECONDS, is_database_away
from elkedagbeter.organisations.models import Role

from .home import home_content


def home(request: HttpRequest) -> HttpResponse:
    """The public start page for visitors; a role-specific overview for logged-in users."""
    if not request.user.is_authenticated:
        return render(request, "pages/landing.html")
    content = home_content(request.user)
    return render(request, "pages/home.html", {"content": content, "Role": Role})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    template = loader.get_template("403_csrf.html")
    return HttpResponseForbidden(template.render({}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    """Our own error page; a 503 "try again shortly" when the database cannot be reached.

    Django calls this while handling the exception, so ``sys.exc_info()`` names it. Neither page
    touches the database or the session: they must render while both are away. Each write
    runs in its own transaction, so a lost connection leaves nothing half-stored.
    """
    if not is_database_away(sys.exc_info()[1]):
        return HttpResponseServerError(loader.get_template("500.html").render())
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            problems.database_away(request), status=503, content_type=problems.PROBLEM_JSON
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
