"""Who may use the bottleneck pages, and the user who acts on them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from elkedagbeter.accounts.models import User

from ..selectors import may_use_board

View = Callable[..., HttpResponse]


def board_user(view: View) -> View:
    """Logged in, past the second factor (the middleware), and somewhere in the organisation
    or acting for a responsible body."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use_board(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def acting_user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
