"""The team page: who is in the team, since when and approved by whom; and the role requests
a coordinator or second beheerder decides on."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import actions
from .models import Membership, MembershipRequest, RequestStatus, Team
from .scoping import administered_area, memberships_of

# A membership younger than this is marked "nieuw teamlid sinds …" on the team page.
NEW_MEMBER_DAYS = 60


def _visible_teams(request: HttpRequest) -> list[Team]:
    own = {m.team_id for m in memberships_of(request.user) if m.team_id is not None}
    area = administered_area(request.user)
    teams = Team.objects.filter(pk__in=own)
    if not area.is_empty:
        teams = teams | area.teams()
    return list(teams.distinct().select_related("municipality", "region").order_by("name"))


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    context = {
        "teams": _visible_teams(request),
        "pending": actions.pending_requests_for(request.user),  # type: ignore[arg-type]
    }
    return render(request, "organisations/team_list.html", context)


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = next((t for t in _visible_teams(request) if t.pk == team_id), None)
    if team is None:
        raise Http404
    members = (
        Membership.objects.filter(team=team)
        .select_related("user", "grant__decided_by", "grant__requested_by")
        .order_by("-created_at")
    )
    since = timezone.now() - timedelta(days=NEW_MEMBER_DAYS)
    requests = MembershipRequest.objects.filter(team=team).select_related(
        "user", "requested_by", "decided_by"
    )
    pending = [r for r in requests if r.status == RequestStatus.PENDING]
    context = {
        "team": team,
        "members": members,
        "new_since": since,
        "pending": pending,
        "may_decide": {r.pk for r in pending if actions.may_decide(request.user, r)},  # type: ignore[arg-type]
        "decided": [r for r in requests if r.status != RequestStatus.PENDING][:20],
    }
    return render(request, "organisations/team_detail.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    asked = get_object_or_404(MembershipRequest, pk=pk)
    approve = request.POST.get("besluit") == "goedkeuren"
    try:
        done = actions.decide_membership_request(
            request, asked, approve=approve, note=request.POST.get("toelichting", "")
        )
    except actions.GrantRefused as refused:
        messages.error(request, str(refused))
        return redirect("organisations:teams")
    messages.success(request, f"{done}: {done.get_status_display()}")
    if done.team_id is not None:
        return redirect("organisations:team", team_id=done.team_id)
    return redirect("organisations:teams")
