"""View decorators that gate a page by role. Object-level rules live in the apps' selectors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import has_role

View = TypeVar("View", bound=Callable[..., HttpResponse])


def role_required(*roles: Role) -> Callable[[View], View]:
    """Anonymous users go to the login page; logged-in users without one of ``roles`` get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                # The 403 page shows this sentence: the roles the page is for.
                names = ", ".join(str(role.label).lower() for role in roles)
                raise PermissionDenied(_("This page is for: %(roles)s.") % {"roles": names})
            return view(request, *args, **kwargs)

        wrapped.required_roles = roles  # type: ignore[attr-defined]  # read by may_open()
        return wrapped  # type: ignore[return-value]

    return decorator


def may_open(user: Any, path: str) -> bool:
    """Whether ``user``'s roles pass the role gate of the view at ``path``, so a page can leave
    out a link that would only answer 403. Object-level rules are the view's own business."""
    try:
        match = resolve(path)
    except Resolver404:
        return True
    required: tuple[Role, ...] | None = getattr(match.func, "required_roles", None)
    if required is None:
        return True
    return bool(user.is_authenticated) and has_role(user, *required)
