from __future__ import annotations

import zipfile

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role, Team

from . import actions, selectors
from .actions import ImportReport, import_messages, record_list_read
from .files import from_upload
from .forms import MessageUploadForm, SetAsideForm, TakeUpForm
from .models import UnregisteredYouth


@role_required(Role.ADMIN, Role.ANALYST)
def message_import(request: HttpRequest) -> HttpResponse:
    """Upload iJw messages for one of the user's regions; every rejected message is listed."""
    regions = selectors.import_regions(request.user)
    form = MessageUploadForm(request.POST or None, request.FILES or None, regions=regions)
    report: ImportReport | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            files = list(from_upload(upload.name, upload.read()))
        except zipfile.BadZipFile:
            form.add_error("upload", form.fields["upload"].help_text)
        else:
            report = import_messages(
                form.cleaned_data["region"],
                files,
                all_or_nothing=form.cleaned_data["mode"] == "alles",
            )
    return render(request, "ijw/message_import.html", {"form": form, "report": report})


def _open_youth(request: HttpRequest, pk: int) -> UnregisteredYouth:
    youth = selectors.unregistered_for(request.user).filter(pk=pk).first()
    if youth is None:
        raise Http404
    return youth


def _teams_for(request: HttpRequest, youth: UnregisteredYouth) -> list[Team]:
    return [
        team
        for team in selectors.unregistered_teams(request.user)
        if team.municipality_id == youth.municipality_id
    ]


@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def unregistered(request: HttpRequest) -> HttpResponse:
    """Youths known only from iJw messages, for the teams of their municipality: take one up
    as a case or set it aside with a reason."""
    youths = list(selectors.unregistered_for(request.user))
    episodes = selectors.episodes_by_youth(youths)
    rows = [
        {
            "youth": youth,
            "episodes": episodes[youth.pk],
            "take_up": TakeUpForm(
                teams=_teams_for(request, youth), birth_year=youth.birth_year, prefix=f"y{youth.pk}"
            ),
            "set_aside": SetAsideForm(prefix=f"y{youth.pk}"),
        }
        for youth in youths
    ]
    teams = selectors.unregistered_teams(request.user)
    if youths and teams:
        record_list_read(request, teams[0], len(youths))
    return render(request, "ijw/unregistered.html", {"rows": rows})


@require_POST
@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def take_up(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _open_youth(request, pk)
    form = TakeUpForm(
        request.POST,
        teams=_teams_for(request, youth),
        birth_year=youth.birth_year,
        prefix=f"y{youth.pk}",
    )
    if not form.is_valid():
        messages.error(request, _("Choose the team and give the birth year."))
        return redirect("ijw:unregistered")
    case = actions.take_up(
        request, youth, form.cleaned_data["team"], birth_year=form.cleaned_data["birth_year"]
    )
    messages.success(request, _("The youth is now a case of your team."))
    return redirect("cases:detail", reference=case.reference)


@require_POST
@role_required(Role.PROFESSIONAL, Role.COORDINATOR)
def set_aside(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _open_youth(request, pk)
    form = SetAsideForm(request.POST, prefix=f"y{youth.pk}")
    teams = _teams_for(request, youth)
    if not form.is_valid() or not teams:
        messages.error(request, _("Give the reason for setting this aside."))
        return redirect("ijw:unregistered")
    actions.set_aside(request, youth, teams[0], reason=form.cleaned_data["reason"])
    messages.success(request, _("Set aside. Thank you for the reason."))
    return redirect("ijw:unregistered")
