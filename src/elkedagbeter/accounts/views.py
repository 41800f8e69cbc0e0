"""Login, second factor (TOTP verify and enrolment) and logout."""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from elkedagbeter.audit.actions import record_access
from elkedagbeter.audit.models import ActionCode, AuthorisationRule, EventCode, Result

from . import totp
from .forms import LoginForm, TokenForm
from .second_factor import second_factor_pending

# A cookie that only says "this browser had a session", so an expired session gets a clear
# message instead of a bare login page. It holds no identifier.
HAD_SESSION_COOKIE = "edb_had_session"


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


def _log_second_factor(request: HttpRequest, result: Result) -> None:
    record_access(
        request,
        event=EventCode.SECOND_FACTOR,
        action=ActionCode.EXECUTE,
        rule=AuthorisationRule.SELF,
        result=result,
    )


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
            _log_second_factor(request, Result.SUCCESS)
            return redirect(_next_url(request))
        _log_second_factor(request, Result.REFUSED)
    context = {"form": form, "demo_code": _demo_code(device)}
    return render(request, "accounts/verify.html", context)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the key) and confirm one code."""
    if not second_factor_pending(request):
        return redirect(_next_url(request))
    if totp.confirmed_device(request.user) is not None:  # type: ignore[arg-type]
        return redirect("accounts:verify")
    device = totp.pending_device(request.user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        _log_second_factor(request, Result.SUCCESS)
        messages.success(request, _("Your authenticator app is set up."))
        return redirect(_next_url(request))
    context = {
        "form": form,
        "qr_code": totp.qr_data_uri(device),
        "secret": totp.secret_base32(device),
        "demo_code": _demo_code(device),
    }
    return render(request, "accounts/setup.html", context)


def _demo_code(device: Any) -> str | None:
    return totp.current_code(device) if settings.DEMO_MODE else None
