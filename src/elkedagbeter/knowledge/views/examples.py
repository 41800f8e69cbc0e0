"""Good examples: the koffer met goede voorbeelden. Anyone reads them; team members, expert
teams and analysts share them."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from elkedagbeter.core.permissions import role_required
from elkedagbeter.indicators.links import Links
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.indicators.zero_goals import ZERO_GOALS as ALL_ZERO_GOALS
from elkedagbeter.organisations.models import Region
from elkedagbeter.organisations.scoping import has_role

from .. import actions, selectors
from ..forms import ExampleForm
from ..links import example_links
from ..models import GoodExample, Theme


def example_list(request: HttpRequest) -> HttpResponse:
    theme = request.GET.get("thema", "")
    zero_goal = request.GET.get("nuldoel", "")
    if theme not in Theme.values:
        theme = ""
    if zero_goal not in ZERO_GOALS:
        zero_goal = ""
    found = selectors.examples(theme=theme, zero_goal=zero_goal)
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "themes": Theme.choices,
        "zero_goals": ALL_ZERO_GOALS,
        "theme": theme,
        "zero_goal": zero_goal,
        "can_share": has_role(request.user, *selectors.SHARING_ROLES),
    }
    return render(request, "knowledge/example_list.html", context)


def example_detail(request: HttpRequest, pk: int) -> HttpResponse:
    example = get_object_or_404(
        GoodExample.objects.select_related("region", "municipality").prefetch_related(
            "themes", "zero_goals", "interventions"
        ),
        pk=pk,
    )
    context = {
        "example": example,
        "zero_goals": [ZERO_GOALS[code] for code in example.zero_goal_codes if code in ZERO_GOALS],
        "can_edit": selectors.may_edit_example(request.user, example),
        "links": Links([], example_links(example).statements),  # its zero goals are listed above
    }
    return render(request, "knowledge/example_detail.html", context)


def _regions(request: HttpRequest) -> QuerySet[Region]:
    own = selectors.usage_area(request.user)
    return Region.objects.all() if own.national else Region.objects.filter(pk__in=own.region_ids)


@role_required(*selectors.SHARING_ROLES)
def example_new(request: HttpRequest) -> HttpResponse:
    return _example_form(request, GoodExample())


@role_required(*selectors.SHARING_ROLES)
def example_edit(request: HttpRequest, pk: int) -> HttpResponse:
    example = get_object_or_404(GoodExample, pk=pk)
    if not selectors.may_edit_example(request.user, example):
        raise Http404
    return _example_form(request, example)


def _example_form(request: HttpRequest, example: GoodExample) -> HttpResponse:
    initial = {"zero_goals": [request.GET["nuldoel"]]} if request.GET.get("nuldoel") else {}
    form = ExampleForm(
        request.POST or None,
        instance=example,
        initial=initial,
        regions=_regions(request),
    )
    if request.method == "POST" and form.is_valid():
        saved = actions.save_example(
            request.user,  # type: ignore[arg-type]
            form.save(commit=False),
            themes=form.cleaned_data["themes"],
            zero_goals=form.cleaned_data["zero_goals"],
            interventions=form.cleaned_data["interventions"],
            statements=form.cleaned_data["statements"],
        )
        messages.success(request, _("Thank you: the example is shared."))
        return redirect("knowledge:example", pk=saved.pk)
    title = _("Share a good example") if example.pk is None else _("Change the example")
    return render(request, "knowledge/form.html", {"form": form, "title": title})
