"""Recording what a form cost: a middleware that notes, for every form that was saved, how long
it was open and how many inputs were changed.

The page carries the moment it was drawn, signed by the server, in a ``<meta>`` tag
(``registration_cost`` context processor). On submit a small script (``core/static/js/
form-timing.js``) copies it into a hidden field and adds the number of inputs whose value
differs from what the page showed. Nothing is sent before the user saves, and no keystroke or
value is recorded. A form that comes back with errors keeps its first opening time and count.
A save is a POST answered with a redirect (the pattern every form here follows)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from django.core import signing
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from elkedagbeter.organisations.scoping import memberships_of

from .models import Case, FormTiming

logger = logging.getLogger(__name__)

OPENED_FIELD = "_edb_opened"
CHANGED_FIELD = "_edb_changed"
SALT = "elkedagbeter.form-opened"
MAX_SECONDS = 2 * 60 * 60  # a form left open for longer counts as two hours
FORM_CONTENT = ("application/x-www-form-urlencoded", "multipart/form-data")
SKIPPED = {"logout", "login", "set_language", "verify", "setup", "redeem"}


def opened_token(request: HttpRequest) -> str:
    """The page's opening moment, signed; a form sent back with errors keeps the first one."""
    if request.method == "POST" and _opened_at(request) is not None:
        return str(request.POST[OPENED_FIELD])
    return signing.dumps(int(time.time()), salt=SALT)


def changed_before(request: HttpRequest) -> int:
    if request.method != "POST":
        return 0
    try:
        return max(0, min(int(request.POST.get(CHANGED_FIELD, 0)), 1000))
    except ValueError:
        return 0


def _opened_at(request: HttpRequest) -> float | None:
    if request.content_type not in FORM_CONTENT:
        return None
    token = request.POST.get(OPENED_FIELD)
    if not token:
        return None
    try:
        return float(signing.loads(token, salt=SALT, max_age=24 * 60 * 60))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def record_form_timing(
    *,
    user_id: int | None,
    form: str,
    seconds: int,
    changed: int,
    case: Case | None = None,
    team_id: int | None = None,
    at: datetime | None = None,
) -> FormTiming:
    """One saved form: its cost in seconds and changed inputs, attributed to the case (and its
    team) or else to the user's team."""
    return FormTiming.objects.create(
        user_id=user_id,
        case=case,
        team_id=case.team_id if case is not None else team_id,
        form=form[:80],
        seconds=max(0, min(seconds, MAX_SECONDS)),
        changed_inputs=max(0, min(changed, 1000)),
        saved_at=at or timezone.now(),
    )


class FormTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code in (301, 302, 303)
            and request.user.is_authenticated
            and not request.path.startswith("/api/")
        ):
            try:
                self._record(request)
            except DatabaseError:  # the save itself succeeded; only its cost is not counted
                logger.warning("form timing not recorded", exc_info=True)
        return response

    def _record(self, request: HttpRequest) -> None:
        opened = _opened_at(request)
        match = request.resolver_match
        if opened is None or match is None or match.url_name in SKIPPED:
            return
        case = None
        reference = match.kwargs.get("reference")
        if reference:
            case = Case.objects.filter(reference=reference).only("id", "team_id").first()
        teams = {m.team_id for m in memberships_of(request.user) if m.team_id is not None}
        record_form_timing(
            user_id=request.user.pk,
            form=f"{match.namespace}:{match.url_name}" if match.namespace else str(match.url_name),
            seconds=round(time.time() - opened),
            changed=changed_before(request),
            case=case,
            team_id=teams.pop() if len(teams) == 1 else None,
        )


def registration_cost(request: HttpRequest) -> dict[str, object]:
    """Context processor: the signed opening moment for the page's forms."""
    if not request.user.is_authenticated:
        return {}
    return {"form_opened": opened_token(request), "form_changed": changed_before(request)}
