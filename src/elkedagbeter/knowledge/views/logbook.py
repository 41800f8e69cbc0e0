"""The team reflection logbook: sessions, the four-month reminder, and lessons shared with the
municipality."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role, Team

from .. import actions, selectors
from ..forms import SessionForm, ShareForm
from ..models import ReflectionSession

TEAM_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR)


@role_required(*TEAM_ROLES)
def logbooks(request: HttpRequest) -> HttpResponse:
    teams = list(selectors.logbook_teams(request.user))
    if len(teams) == 1:
        return redirect("knowledge:logbook", team_id=teams[0].pk)
    today = timezone.localdate()
    statuses = [selectors.reflection_status(team, today) for team in teams]
    return render(request, "knowledge/logbooks.html", {"statuses": statuses})


def _team(request: HttpRequest, team_id: int) -> Team:
    team = selectors.logbook_teams(request.user).filter(pk=team_id).first()
    if team is None:
        raise Http404
    return team


@role_required(*TEAM_ROLES)
def logbook(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team(request, team_id)
    sessions = ReflectionSession.objects.filter(team=team).prefetch_related(
        "cases", "zero_goals", "statements"
    )
    context = {
        "team": team,
        "status": selectors.reflection_status(team, timezone.localdate()),
        "page_obj": Paginator(sessions, 20).get_page(request.GET.get("page")),
        "can_share": selectors.may_share(request.user, team),
        "gap_months": selectors.REFLECTION_GAP_MONTHS,
    }
    return render(request, "knowledge/logbook.html", context)


@role_required(*TEAM_ROLES)
def session_new(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team(request, team_id)
    form = SessionForm(request.POST or None, cases=selectors.team_cases_for_logbook(team))
    if request.method == "POST" and form.is_valid():
        actions.record_session(
            request.user,  # type: ignore[arg-type]
            team,
            form.save(commit=False),
            cases=form.cleaned_data["cases"],
            zero_goals=form.cleaned_data["zero_goals"],
            statements=form.cleaned_data["statements"],
        )
        messages.success(request, _("The session is in the logbook."))
        return redirect("knowledge:logbook", team_id=team.pk)
    title = _("Record a reflection session")
    back = ("knowledge:logbook", team.pk)
    return render(request, "knowledge/form.html", {"form": form, "title": title, "back": back})


@role_required(Role.COORDINATOR)
def session_share(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    team = _team(request, team_id)
    if not selectors.may_share(request.user, team):
        raise Http404
    session = get_object_or_404(ReflectionSession, team=team, pk=pk)
    initial = {"lesson": session.lesson or session.learned}
    form = ShareForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.share_lesson(request.user, session, form.cleaned_data["lesson"])  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error("lesson", error.messages)
        else:
            messages.success(request, _("The lesson is shared with the municipality."))
            return redirect("knowledge:logbook", team_id=team.pk)
    context = {
        "form": form,
        "title": _("Share a lesson with the municipality"),
        "back": ("knowledge:logbook", team.pk),
        "session": session,
    }
    return render(request, "knowledge/form.html", context)


@role_required(Role.PROFESSIONAL, Role.COORDINATOR, Role.EXPERT, Role.ANALYST, Role.VIEWER)
def lessons(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.shared_lessons(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "knowledge/lessons.html", {"page_obj": page})
