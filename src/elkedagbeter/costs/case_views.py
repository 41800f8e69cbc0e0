"""The case's arrangement on the case page: a part of the page (``cases.page_parts``, registered
in ``CostsConfig.ready``) and the page that records it. Only the case's own team and its expert
team see the part and may record; the write goes through ``costs.actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.models import Case
from elkedagbeter.cases.overview import CaseOverview
from elkedagbeter.cases.page_parts import CasePart
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.cases.views.access import case_view
from elkedagbeter.prepared import prepared

from . import actions
from .forms import ArrangementForm
from .models import Arrangement

ANCHOR = "arrangement"
# On every case page of its team (elkedagbeter/prepared.py); ``.first()`` as the ORM orders it.
_ARRANGEMENT = prepared(
    lambda case_id: Arrangement.objects.filter(case_id=case_id).order_by("pk")[:1], case_id=int
)


def _initial(arrangement: Arrangement | None) -> dict[str, Any]:
    if arrangement is None:
        return {"agreed_on": timezone.localdate()}
    return {"level": arrangement.level, "agreed_on": arrangement.agreed_on}


def arrangement_part(user: Any, case: Case, _overview: CaseOverview) -> CasePart:
    """What the case's arrangement is, with the small form to record or change it."""
    arrangement = _ARRANGEMENT.first(case_id=case.pk, known={"case": case})
    form = ArrangementForm(case=case, initial=_initial(arrangement))
    return CasePart("costs/_case_arrangement.html", {"arrangement": arrangement, "form": form})


@case_view(write=True)
def arrangement(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    current = Arrangement.objects.filter(case=case).first()
    form = ArrangementForm(request.POST or None, case=case, initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_arrangement(
                request,
                case,
                level=form.cleaned_data["level"],
                agreed_on=form.cleaned_data["agreed_on"],
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The arrangement is saved."))
            response = redirect("cases:detail", reference=case.reference)
            response["Location"] += f"#{ANCHOR}"
            return response
    title = _("Arrangement")
    return render(request, "cases/case_form.html", {"case": case, "form": form, "title": title})
