"""A person's own API tokens: make one for yourself after a fresh second-factor code, see when
each was last used, revoke one. Nobody makes a token for someone else."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from elkedagbeter.accounts import totp
from elkedagbeter.accounts.forms import TokenForm
from elkedagbeter.accounts.models import User

from .actions import issue_own_token, revoke_own
from .models import ApiToken

VALIDITY_CHOICES = [
    ("30", gettext_lazy("30 days")),
    ("90", gettext_lazy("90 days")),
    ("365", gettext_lazy("1 year")),
]


class NewTokenForm(TokenForm):
    name = forms.CharField(
        label=gettext_lazy("What is the token for?"),
        help_text=gettext_lazy("For example the name of the system that uses it."),
        max_length=100,
        error_messages={"required": gettext_lazy("Say what the token is for.")},
    )
    valid_days = forms.ChoiceField(
        label=gettext_lazy("Valid for"), choices=VALIDITY_CHOICES, initial="90"
    )
    field_order = ["name", "valid_days", "token"]


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    device = totp.confirmed_device(user)
    form = NewTokenForm(request.POST or None, device=device) if device is not None else None
    secret = new_token = None
    if request.method == "POST" and form is not None and form.is_valid():
        new_token, secret = issue_own_token(
            request,
            name=form.cleaned_data["name"].strip(),
            valid_for=timedelta(days=int(form.cleaned_data["valid_days"])),
        )
        form = NewTokenForm(device=device)
    context = {
        "form": form,
        "secret": secret,
        "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=user),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user_id=request.user.pk)
    revoke_own(request, token)
    messages.success(request, _("The token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("api_tokens:list")
