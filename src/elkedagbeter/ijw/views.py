from __future__ import annotations

import zipfile

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role

from . import selectors
from .actions import ImportReport, import_messages
from .files import from_upload
from .forms import MessageUploadForm


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
