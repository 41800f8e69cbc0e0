from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role
from elkedagbeter.organisations.scoping import memberships_of

from .actions import record_access
from .forms import AccessLogFilterForm
from .models import ActionCode, AuthorisationRule, EventCode
from .selectors import access_log_visible_to, filter_access_log


@role_required(Role.ADMIN)
def search(request: HttpRequest) -> HttpResponse:
    """Filterable access log for functioneel beheer (their regions, or everything nationally)."""
    form = AccessLogFilterForm(request.GET or None)
    entries = access_log_visible_to(request.user)  # type: ignore[arg-type]
    if form.is_bound and form.is_valid():
        entries = filter_access_log(entries, form.cleaned_data)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    admin_membership = next(m for m in memberships_of(request.user) if m.role == Role.ADMIN)
    record_access(
        request,
        event=EventCode.ACCESS_LOG_SEARCH,
        action=ActionCode.READ,
        rule=AuthorisationRule.ADMIN,
        membership=admin_membership,
        reason=_search_reason(form, request.GET.get("page"))[:500],
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/search.html",
        {"form": form, "page_obj": page, "query_string": query.urlencode()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _search_reason(form: AccessLogFilterForm, page: str | None) -> str:
    """What was searched for, in words (the log's language, Dutch), not a query string."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = []
        for name, field in form.fields.items():
            value = str(form.data.get(name, "")).strip() if form.is_bound else ""
            if not value:
                continue
            if isinstance(field, forms.ChoiceField):
                value = str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
            parts.append(f"{field.label}: {value}")
        if page and page != "1":
            parts.append(_("page %(page)s") % {"page": page})
        if not parts:
            return _("Access log viewed without a filter")
        return _("Access log searched: %(filters)s") % {"filters": "; ".join(parts)}
