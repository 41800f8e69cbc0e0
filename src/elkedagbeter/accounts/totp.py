"""TOTP devices: enrolment, the QR code, a code that was used already and (demo only) the
current and next code."""

from __future__ import annotations

import base64
import math
import time

import segno
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

DEVICE_NAME = "authenticator"


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_data_uri(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


def _totp(device: TOTPDevice, now: float | None = None) -> TOTP:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if now is None else now
    return totp


def _code_at_step(device: TOTPDevice, step: int) -> str:
    """The code of time step ``step`` (as django-otp counts it, drift included)."""
    totp = _totp(device, now=device.t0 + (step - device.drift) * device.step)
    return f"{totp.token():0{device.digits}d}"


def current_step(device: TOTPDevice, now: float | None = None) -> int:
    return int(_totp(device, now).t())


def current_code(device: TOTPDevice, now: float | None = None) -> str:
    return _code_at_step(device, current_step(device, now))


def next_usable_code(device: TOTPDevice, now: float | None = None) -> str | None:
    """The first code not used yet that is accepted right now, or None when the person has to
    wait. django-otp allows ``tolerance`` steps ahead, so after the current code was used the
    next one usually works at once (shown in demo mode only)."""
    step = max(current_step(device, now), device.last_t + 1)
    if step > current_step(device, now) + device.tolerance:
        return None
    return _code_at_step(device, step)


def seconds_until_next_code(device: TOTPDevice, now: float | None = None) -> int:
    """Whole seconds until the authenticator app shows a new code (at least 1)."""
    moment = time.time() if now is None else now
    step = int(device.step)
    elapsed = float(moment - int(device.t0)) % step
    return max(1, math.ceil(step - elapsed))


def current_code_used(device: TOTPDevice, now: float | None = None) -> bool:
    """Whether the code an app shows now was already accepted once (a second log-in within the
    same 30 seconds): django-otp accepts every code only once."""
    return current_step(device, now) <= int(device.last_t)


def was_used(device: TOTPDevice, token: str, now: float | None = None) -> bool:
    """Whether ``token`` is the code that was last accepted and is still the one shown."""
    if device.last_t < 0 or not current_code_used(device, now):
        return False
    return token == _code_at_step(device, device.last_t)


def seconds_throttled(device: TOTPDevice) -> int | None:
    """Seconds to wait after too many wrong codes, or None when a code may be tried."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (data or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, math.ceil(float((locked_until - timezone.now()).total_seconds())))
