"""Login, second factor (TOTP verify and enrolment) and logout."""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from . import codes, totp
from .forms import CodeForm, LoginForm, RedeemForm, TokenForm
from .models import User
from .second_factor import second_factor_pending
from .signals import second_factor_checked

# A cookie that only says "this browser had a session", so an expired session gets a clear
# message instead of a bare login page. It holds no identifier.
HAD_SESSION_COOKIE = "edb_had_session"
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["session_expired"] = (
            self.request.method == "GET"
            and HAD_SESSION_COOKIE in self.request.COOKIES
            and not self.request.user.is_authenticated
        )
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["sso_failed"] = self.request.GET.get("sso") == "mislukt"
        # Said up front after a wrong attempt, so a lock-out never comes as a surprise.
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        context["lockout_minutes"] = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
        return context

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        response.set_cookie(
            HAD_SESSION_COOKIE,
            "1",
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if context.get("session_expired"):
            response.delete_cookie(HAD_SESSION_COOKIE)
        return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(HAD_SESSION_COOKIE)
        messages.success(request, _("You have been logged out."))
        return response


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer to a locked username and address: the page says for how long."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL)


def _log_second_factor(request: HttpRequest, succeeded: bool) -> None:
    # The access log listens (audit.receivers); accounts does not import audit.
    second_factor_checked.send(sender=None, request=request, succeeded=succeeded)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    if not second_factor_pending(request):
        return redirect(_next_url(request))
    device = totp.confirmed_device(request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect("accounts:setup")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, device)
            _log_second_factor(request, succeeded=True)
            return redirect(_next_url(request))
        _log_second_factor(request, succeeded=False)
    context = {"form": form, **_demo_codes(device)}
    return render(request, "accounts/verify.html", context)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the key) and confirm one code.

    Only with a one-time code from the beheerder (or from the reset e-mail): a password alone
    is not enough to attach a new second factor to an account."""
    user: User = request.user  # type: ignore[assignment]
    if totp.confirmed_device(user) is not None:
        return redirect("accounts:verify" if second_factor_pending(request) else _next_url(request))
    if not codes.may_enrol(request):
        return _enrolment_code(request, user)
    device = totp.pending_device(user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        request.session.pop(codes.SESSION_KEY_ENROLMENT, None)
        _log_second_factor(request, succeeded=True)
        messages.success(request, _("Your authenticator app is set up."))
        return redirect(_next_url(request))
    context = {
        "form": form,
        "qr_code": totp.qr_data_uri(device),
        "secret": totp.secret_base32(device),
        "demo_code": _demo_code(device),
    }
    return render(request, "accounts/setup.html", context)


def _enrolment_code(request: HttpRequest, user: User) -> HttpResponse:
    """First ask for the one-time code that came with the account or the reset."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stored = codes.check_code(request, user, form.cleaned_data["code"])
        if stored is not None:
            codes.redeem(request, stored, new_password=None)
            return redirect(request.get_full_path())
        form.add_error("code", _("This code is not correct, was used already or has expired."))
    return render(request, "accounts/enrol_code.html", {"form": form})


def redeem(request: HttpRequest) -> HttpResponse:
    """Activate an account or get back into one: username, one-time code and a new password."""
    initial = {"username": request.GET.get("gebruiker", ""), "code": request.GET.get("code", "")}
    form = RedeemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = User.objects.filter(username=data["username"], is_active=True).first()
        stored = codes.check_code(request, user, data["code"])
        if stored is not None:
            codes.redeem(request, stored, new_password=data["new_password1"])
            auth_login(request, stored.user, backend=_MODEL_BACKEND)
            codes.allow_enrolment(request, stored.user)
            messages.success(request, _("Your password is set. Now set up your authenticator app."))
            return redirect("accounts:setup")
        form.add_error(
            "code",
            _("The username or code is not correct, or the code was used already or has expired."),
        )
    return render(request, "accounts/redeem.html", {"form": form})


def _demo_code(device: Any) -> str | None:
    return totp.current_code(device) if settings.DEMO_MODE else None


def _demo_codes(device: Any) -> dict[str, Any]:
    """Demo mode only: the current code, or, when that was used a moment ago, the next one."""
    if not settings.DEMO_MODE:
        return {}
    if not totp.current_code_used(device):
        return {"demo_code": totp.current_code(device)}
    return {
        "demo_code_used": True,
        "demo_next_code": totp.next_usable_code(device),
        "demo_seconds": totp.seconds_until_next_code(device),
    }
