"""The views people would rather look at than read: triads, dyads, statements and pattern sizes
for a group of stories, and two groups side by side."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Region

from .. import figures, selectors
from ..forms import StoryFilterForm
from .reading import ALL_ROLES


@role_required(*ALL_ROLES)
def insight(request: HttpRequest) -> HttpResponse:
    visible = selectors.learning_stories(request.user)
    area = selectors.reading_area(request.user)
    regions = (
        Region.objects.all() if area.national else Region.objects.filter(pk__in=area.region_ids)
    )
    patterns = selectors.readable_patterns(request.user)
    compare = request.GET.get("vergelijk") == "1"
    groups = []
    forms = []
    for prefix in ("a", "b") if compare else ("a",):
        form = StoryFilterForm(
            request.GET or None, prefix=prefix, regions=regions, patterns=patterns
        )
        forms.append(form)
        filters = (
            figures.Filters.from_form(form.cleaned_data) if form.is_valid() else figures.Filters()
        )
        selected = figures.filtered(visible, filters)
        label = figures.describe(
            filters, {r.pk: r.name for r in regions}, {p.pk: p.name for p in patterns}
        )
        figures_ = figures.group_figures(selected, visible, patterns, filtered_out=filters.any)
        groups.append((prefix, label, figures_))
    context = {"forms": forms, "groups": groups, "compare": compare}
    # A filter that cannot be used (a malformed date, an end before the start) is a 400 with the
    # field's Dutch message, not figures that silently ignore it.
    status = 400 if any(form.is_bound and not form.is_valid() for form in forms) else 200
    return render(request, "stories/insight.html", context, status=status)
