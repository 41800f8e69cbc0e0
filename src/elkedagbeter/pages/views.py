from __future__ import annotations

import sys

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_POST

from elkedagbeter.accounts.models import User
from elkedagbeter.api import problems
from elkedagbeter.attention.models import NextStep, SetAsideReason
from elkedagbeter.attention.views import log_lines
from elkedagbeter.core.availability import RETRY_AFTER_SECONDS, is_database_away
from elkedagbeter.core.permissions import role_required
from elkedagbeter.family.selectors import family_access_of
from elkedagbeter.organisations.models import Role

from . import feedback
from .home import home_content


def home(request: HttpRequest) -> HttpResponse:
    """The public start page for visitors; a role-specific overview for logged-in users."""
    if not request.user.is_authenticated:
        return render(request, "pages/landing.html")
    if family_access_of(request.user) is not None:
        return redirect("family:home")  # a parent or young person has only their own page
    content = home_content(request.user)
    log_lines(request, content.attention)
    context = {
        "content": content,
        "Role": Role,
        "steps": NextStep.choices,
        "reasons": SetAsideReason.choices,
    }
    return render(request, "pages/home.html", context)


@role_required(*Role)
def signals(request: HttpRequest) -> HttpResponse:
    """ "Wat is er met mijn signaal gebeurd?": the user's own signals and what became of them.
    Opening the page reads everything on it (the header's count goes back to zero)."""
    user = request.user
    assert isinstance(user, User)
    found = feedback.feedback_for(user)
    feedback.mark_seen(user)
    return render(request, "pages/signals.html", {"f": found})


@role_required(*Role)
@require_POST
def signals_mail(request: HttpRequest) -> HttpResponse:
    """Opt in to (or out of) an e-mail when one of the user's knelpunten changes."""
    user = request.user
    assert isinstance(user, User)
    feedback.set_mail(user, on=request.POST.get("mail") == "1")
    return redirect("pages:signals")


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
