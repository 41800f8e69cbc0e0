"""Which device verified the session, and keeping users who must pass a second factor on the
second-factor pages until they have."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from elkedagbeter.prepared import prepared

from .second_factor import second_factor_pending

# Every signed-in page reads the device that verified the session: compiled once
# (elkedagbeter/prepared.py); ``.first()`` by primary key, as django-otp reads it.
_TOTP_DEVICE = prepared(
    lambda device_id: TOTPDevice.objects.filter(id=device_id).order_by("pk")[:1], device_id=int
)
_LARGEST_ID = 2**31 - 1  # TOTPDevice's id is a 32-bit AutoField


class OTPMiddleware(DjangoOTPMiddleware):  # type: ignore[misc]
    """django-otp's middleware, with the session's TOTP device read by a query compiled once.
    Other kinds of device, and ids django-otp would refuse or not find, go its own way; the
    device is still checked against the user and its confirmation by django-otp."""

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        label, _slash, device_id = self._normalize_persistent_id(persistent_id).rpartition("/")
        if (
            label != TOTPDevice._meta.label_lower
            or not device_id.isdigit()
            or int(device_id) > _LARGEST_ID
        ):
            return super()._device_from_persistent_id(persistent_id)
        return _TOTP_DEVICE.first(device_id=int(device_id))


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
