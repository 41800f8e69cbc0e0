"""The family's pages (phone first, plain Dutch, nothing kept on the device) and the team's
invitation page. Views stay thin: the rule for what is shown lives in ``visibility``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from elkedagbeter.accounts import codes
from elkedagbeter.accounts.second_factor import second_factor_passed
from elkedagbeter.audit.models import ActionCode, EventCode
from elkedagbeter.cases.models import Case
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.cases.views.access import case_view
from elkedagbeter.organisations.models import Role
from elkedagbeter.stories import ratelimit

from . import actions, selectors
from .forms import (
    AnswerForm,
    ContactForm,
    InviteForm,
    RedeemForm,
    SharingForm,
    VerdictForm,
    YouthCheckForm,
)
from .models import FamilyAccess, FamilyKind, Invitation, TeamContact
from .visibility import OWN_DECISION_AGE, age_of

_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
CODE_TRIES = 5  # wrong codes per address in the rate window before the page locks
TEAM = (Role.PROFESSIONAL, Role.COORDINATOR)

FamilyView = Callable[..., HttpResponse]
# Pages whose reading is logged as something more precise than a read of the case.
_READ_EVENTS = {"who_looked": EventCode.CASE_ACCESS_LOG_READ}


def family_view(view: FamilyView) -> FamilyView:
    """Open the user's own household case for ``view(request, access, ...)``: anyone without a
    family access gets 403; every GET is logged as a read; nothing is kept on the device."""

    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access = selectors.family_access_of(request.user)
        if access is None:
            raise PermissionDenied(
                _("This page is for parents and young people with an invitation.")
            )
        if not second_factor_passed(request):
            return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': request.path})}")
        if request.method == "GET":
            actions.log_family(
                request,
                access,
                event=_READ_EVENTS.get(view.__name__, EventCode.CASE_READ),
                action=ActionCode.READ,
                reason=view.__name__,
            )
        return view(request, access, *args, **kwargs)

    return wrapped


@family_view
def home(request: HttpRequest, access: FamilyAccess) -> HttpResponse:
    page = selectors.family_page(access)
    return render(request, "family/home.html", {"page": page, "access": access})


@family_view
def answer(request: HttpRequest, access: FamilyAccess) -> HttpResponse:
    moment = selectors.latest_moment(access.case)
    if moment is None:
        return render(request, "family/answer.html", {"moment": None, "access": access})
    goals = selectors.open_goals(access.case)
    form = AnswerForm(request.POST or None, goals=goals, scale=moment.scale)
    if request.method == "POST" and form.is_valid():
        given = actions.Answers(
            safety=form.cleaned_data["safety"],
            heard=form.cleaned_data["heard"],
            scores=form.scores(),
        )
        try:
            actions.give_answers(request, access, moment, given)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your team sees your answers now."))
            return redirect("family:home")
    return render(request, "family/answer.html", {"moment": moment, "form": form, "access": access})


@family_view
def plan(request: HttpRequest, access: FamilyAccess) -> HttpResponse:
    current = selectors.current_plan(access.case)
    form = VerdictForm(request.POST or None)
    if current is not None and request.method == "POST" and form.is_valid():
        try:
            actions.give_verdict(
                request,
                access,
                current,
                agrees=form.cleaned_data["agrees"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your team sees what you think of the plan."))
            return redirect("family:home")
    return render(request, "family/plan.html", {"plan": current, "form": form, "access": access})


@family_view
def youth_check(request: HttpRequest, access: FamilyAccess) -> HttpResponse:
    if access.kind != FamilyKind.YOUTH:
        raise PermissionDenied(_("This check is for young people."))
    form = YouthCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.give_youth_check(request, access, form.answers())
        messages.success(request, _("Thank you. Your team sees your answers now."))
        return redirect("family:home")
    return render(request, "family/youth_check.html", {"form": form, "access": access})


@family_view
def sharing(request: HttpRequest, access: FamilyAccess) -> HttpResponse:
    if access.kind != FamilyKind.YOUTH:
        raise PermissionDenied(_("Only a young person decides this."))
    age = age_of(access.member)
    decides = age is None or age >= OWN_DECISION_AGE
    form = SharingForm(request.POST or None, initial={"shares": access.shares_with_parents})
    if decides and request.method == "POST" and form.is_valid():
        actions.set_sharing(request, access, shares=form.cleaned_data["shares"])
        messages.success(request, _("Your choice is saved."))
        return redirect("family:home")
    return render(
        request, "family/sharing.html", {"form": form, "decides": decides, "access": access}
    )


@family_view
def who_looked(request: HttpRequest, access: FamilyAccess) -> HttpResponse:
    page = Paginator(selectors.who_looked(access), 25).get_page(request.GET.get("page"))
    lines = selectors.look_lines(list(page.object_list))
    return render(
        request, "family/who_looked.html", {"page_obj": page, "lines": lines, "access": access}
    )


_LOCKED = gettext_lazy(
    "You typed a wrong code too often. Try again later, or ask your contact person for a new code."
)


@never_cache
def redeem(request: HttpRequest) -> HttpResponse:
    """Use the invitation code: choose a username and password, then set up the second factor."""
    form = RedeemForm(request.POST or None)
    locked = False
    if request.method == "POST" and ratelimit.blocked(request, "family-code", limit=CODE_TRIES):
        # The lock is checked before the code: after too many wrong codes even a right one waits.
        locked = True
        actions.log_refused_code(request)
        form.is_valid()
        form.add_error(None, _LOCKED)
    elif request.method == "POST" and form.is_valid():
        invitation = actions.find_invitation(form.cleaned_data["code"])
        if invitation is None:
            actions.log_refused_code(request)
            locked = not ratelimit.allow(request, "family-code", limit=CODE_TRIES)
            if locked:
                form.add_error(None, _LOCKED)
            else:
                form.add_error(
                    "code",
                    _(
                        "This code is not right, or it was used already, withdrawn or is too old. "
                        "Check the code or ask your contact person for a new one."
                    ),
                )
        elif not ratelimit.allow(request, "family-code-ok", limit=CODE_TRIES * 4):
            form.add_error(None, _("Too many tries. Try again later."))
        else:
            access = actions.redeem(
                request,
                invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["new_password1"],
            )
            auth_login(request, access.user, backend=_MODEL_BACKEND)
            codes.allow_enrolment(request, access.user)
            messages.success(
                request, _("Your password is set. Now set up the app for your login code.")
            )
            return redirect(
                f"{reverse('accounts:setup')}?{urlencode({'next': reverse('family:home')})}"
            )
    status = 429 if locked else 200
    return render(request, "family/redeem.html", {"form": form}, status=status)


# --- The team's side ----------------------------------------------------------------------------


@case_view(write=True, roles=TEAM)
def invite(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    form = InviteForm(request.POST or None, case_id=case.pk)
    contact = TeamContact.objects.filter(case=case).first()
    contact_form = ContactForm(
        request.POST if "contact" in request.POST else None, instance=contact, prefix="contact"
    )
    code = None
    if request.method == "POST" and "contact" in request.POST:
        if contact_form.is_valid():
            actions.set_contact(request, case, grant, contact_form.save(commit=False))
            messages.success(request, _("The contact for the family is saved."))
            return redirect("family:invite", reference=case.reference)
    elif request.method == "POST" and form.is_valid():
        try:
            _invitation, code = actions.invite(
                request, case, grant, form.cleaned_data["member"], form.cleaned_data["kind"]
            )
        except ValidationError as error:
            form.add_error(None, error)
    context = {
        "case": case,
        "form": form,
        "contact_form": contact_form,
        "code": code,
        "invitations": Invitation.objects.filter(case=case).select_related("member"),
        "accesses": FamilyAccess.objects.filter(case=case, ended_at__isnull=True).select_related(
            "member"
        ),
        "valid_days": actions.INVITATION_DAYS,
        "demo": settings.DEMO_MODE,
    }
    response = render(request, "family/invite.html", context)
    if code is not None:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
@case_view(write=True, roles=TEAM)
def withdraw(request: HttpRequest, case: Case, grant: CaseGrant, pk: int) -> HttpResponse:
    invitation = Invitation.objects.filter(pk=pk, case=case).first()
    if invitation is None:
        raise Http404
    if invitation.is_usable():
        actions.withdraw(request, case, grant, invitation)
        messages.success(request, _("The invitation is withdrawn. The code no longer works."))
    return redirect("family:invite", reference=case.reference)


@require_POST
@case_view(write=True, roles=TEAM)
def end(request: HttpRequest, case: Case, grant: CaseGrant, pk: int) -> HttpResponse:
    access = FamilyAccess.objects.filter(pk=pk, case=case, ended_at__isnull=True).first()
    if access is None:
        raise Http404
    actions.end_access(request, case, grant, access)
    messages.success(request, _("This family account no longer has access."))
    return redirect("family:invite", reference=case.reference)
