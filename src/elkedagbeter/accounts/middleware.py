"""Keep users who must pass a second factor on the second-factor pages until they have."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .second_factor import second_factor_pending

# Paths a half-logged-in user may still reach: the second-factor pages, logout, language switch
# and static files.
_EXEMPT_URL_NAMES = (
    "accounts:verify",
    "accounts:setup",
    "accounts:logout",
    "set_language",
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    def _exempt_paths(self) -> tuple[str, ...]:
        if self._exempt is None:
            self._exempt = tuple(reverse(name) for name in _EXEMPT_URL_NAMES)
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if second_factor_pending(request):
            path = request.path_info
            if not (path.startswith("/static/") or path in self._exempt_paths()):
                verify = reverse("accounts:verify")
                if request.method == "GET" and path != reverse("pages:home"):
                    # Come back to the page asked for once the code is entered.
                    return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
                return redirect(verify)
        return self.get_response(request)
