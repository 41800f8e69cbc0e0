"""Recording a monitoring moment on a case (the moment's data and rules live in monitoring)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from elkedagbeter.monitoring.models import MonitoringMoment, ScoreScale

from .. import actions
from ..forms import MomentForm
from ..models import Case
from ..selectors import CaseGrant
from .access import case_view


@case_view(write=True)
def moment_new(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    goals = list(case.goals.filter(closed_on__isnull=True))
    previous = MonitoringMoment.objects.filter(case=case).prefetch_related("scores").first()
    taken = set(MonitoringMoment.objects.filter(case=case).values_list("recorded_on", flat=True))
    form = MomentForm(
        request.POST or None,
        goals=goals,
        scale=case.score_scale,
        previous=previous,
        taken=taken,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_moment(
                request, case, form.instance, form.scores(), family=form.family_scores()
            )
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        else:
            messages.success(request, _("The monitoring moment is saved."))
            response = redirect("cases:detail", reference=case.reference)
            response["Location"] += "#monitoring"
            return response
    context = {
        "case": case,
        "form": form,
        "goals": goals,
        "scale_label": ScoreScale(case.score_scale).label,
        "carried": previous is not None,
    }
    return render(request, "monitoring/moment_form.html", context)
