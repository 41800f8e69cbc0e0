"""Raising a bottleneck, on its own or from a case, after a look at similar open ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.cases.models import AgeBand, Case, MemberRole
from elkedagbeter.cases.selectors import CaseGrant
from elkedagbeter.cases.views.access import case_view
from elkedagbeter.indicators.links import clean_statements, clean_zero_goals

from .. import actions
from ..forms import Place, RaiseForm
from ..models import Bottleneck, Category, Status
from ..places import places_of
from ..selectors import bottlenecks_visible_to, may_raise
from ..similar import most_similar
from ..zero_goals import prefill_for_case
from .access import acting_user, board_user
from .board import BOARD_LIMIT


def _draft(form: RaiseForm) -> actions.Draft:
    place = form.chosen_place()
    data = form.cleaned_data
    return actions.Draft(
        region=place.region,
        category=data["category"],
        title=data["title"],
        description=data["description"],
        level=data["level"],
        municipality=place.municipality,
        team=place.team,
        age_band=data["age_band"],
        zero_goals=tuple(data.get("zero_goals") or ()),
        statements=tuple(data.get("statements") or ()),
        from_pattern_id=data.get("pattern"),
    )


def _similar_open(request: HttpRequest, form: RaiseForm) -> list[Bottleneck]:
    """Open bottlenecks in the same region that read like the one being raised."""
    if form.cleaned_data.get("confirmed"):
        return []
    candidates = list(
        bottlenecks_visible_to(request.user)
        .filter(region=form.chosen_place().region)
        .exclude(status__in=[Status.SOLVED, Status.NOT_SOLVABLE])[:BOARD_LIMIT]
    )
    text = f"{form.cleaned_data['title']} {form.cleaned_data['description']}"
    return most_similar(
        text, candidates, [f"{item.title} {item.description}" for item in candidates]
    )


def _raise_page(
    request: HttpRequest,
    form: RaiseForm,
    raise_: Callable[[actions.Draft], Bottleneck],
    context: dict[str, Any],
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        similar = _similar_open(request, form)
        if not similar:
            try:
                bottleneck = raise_(_draft(form))
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
            else:
                messages.success(
                    request,
                    _("Bottleneck %(number)s has been sent to %(body)s.")
                    % {"number": bottleneck.number, "body": bottleneck.body},
                )
                return redirect("bottlenecks:detail", pk=bottleneck.pk)
        else:
            data = request.POST.copy()
            data["confirmed"] = "True"
            form = RaiseForm(data, places=list(form.places.values()))
            form.is_valid()
            context["similar"] = similar
    return render(request, "bottlenecks/raise.html", {"form": form, **context})


def prefill_from_query(request: HttpRequest) -> dict[str, object]:
    """A pattern page or a review finding links here with its zero goals (``nuldoel``), its
    statements (``uitspraak``), and maybe a category and a sentence. Unknown codes are dropped."""
    query = request.GET
    initial: dict[str, object] = {
        "zero_goals": clean_zero_goals(query.getlist("nuldoel")),
        "statements": clean_statements(query.getlist("uitspraak")),
    }
    if query.get("categorie") in Category.values:
        initial["category"] = query["categorie"]
    if query.get("titel"):
        initial["title"] = query["titel"][:160]
    if query.get("patroon", "").isdigit():
        initial["pattern"] = int(query["patroon"])
    return initial


@board_user
def raise_new(request: HttpRequest) -> HttpResponse:
    places = places_of(request.user)
    if not may_raise(request.user) or not places:
        raise PermissionDenied
    form = RaiseForm(request.POST or None, places=places, initial=prefill_from_query(request))
    actor = acting_user(request)
    return _raise_page(request, form, lambda draft: actions.raise_bottleneck(actor, draft), {})


def youth_age_band(case: Case) -> str:
    """The age band of the case's (oldest) youth, from the band or the birth year."""
    today = timezone.localdate()
    bands = []
    for member in case.members.filter(role=MemberRole.YOUTH):
        if member.age_band:
            bands.append(member.age_band)
        elif member.birth_year:
            age = today.year - member.birth_year
            bands.append(
                AgeBand.TODDLER
                if age <= 3
                else AgeBand.CHILD
                if age <= 11
                else AgeBand.TEENAGER
                if age <= 17
                else AgeBand.YOUNG_ADULT
                if age <= 22
                else AgeBand.ADULT
            )
    order = list(AgeBand.values)
    return max(bands, key=order.index) if bands else ""


@case_view(write=True)
def raise_from_case(request: HttpRequest, case: Case, grant: CaseGrant) -> HttpResponse:
    """Two clicks from the case page: the team, municipality and age band come from the case;
    only the category and a sentence are asked. Nothing else of the case goes along."""
    team = case.team if grant.membership.team_id == case.team_id else grant.membership.team
    assert team is not None
    place = Place(f"team-{team.pk}", team.name, team.region, team.municipality, team)
    prefill = prefill_for_case(case)
    initial = {
        "age_band": youth_age_band(case),
        "place": place.key,
        "category": prefill.category,
        "zero_goals": prefill.zero_goals,
    }
    form = RaiseForm(request.POST or None, places=[place], initial=initial)
    context = {"case": case}
    return _raise_page(
        request,
        form,
        lambda draft: actions.raise_from_case(request, case, grant, draft),
        context,
    )
