"""Public pages: the approved figures of each youth region, for everyone, without logging in.
Only periods a region approved, rounded to multiples of 5, and never below municipality level."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from elkedagbeter.organisations.models import Region

from .charts import bar_chart
from .exports import table_response
from .models import PeriodApproval
from .periods import PeriodKind, kind_parameter
from .places import Level, Place
from .registry import BY_CODE
from .selectors import published_views

PUBLIC_KINDS = (PeriodKind.QUARTER, PeriodKind.YEAR)


def regions(request: HttpRequest) -> HttpResponse:
    published = Region.objects.filter(pk__in=PeriodApproval.objects.values("region_id")).order_by(
        "name"
    )
    return render(request, "indicators/public_regions.html", {"regions": published})


def _region(region_id: int) -> Place:
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise Http404
    return Place(Level.REGION, region.pk, region.name, region_id=region.pk)


def _kind(request: HttpRequest) -> PeriodKind:
    return kind_parameter(request.GET.get("periode"), PUBLIC_KINDS, PeriodKind.YEAR)


def region(request: HttpRequest, region_id: int) -> HttpResponse:
    place, kind = _region(region_id), _kind(request)
    views = published_views(place, kind)
    context = {
        "place": place,
        "kind": kind,
        "kinds": PUBLIC_KINDS,
        "views": [(view, bar_chart(view)) for view in views],
    }
    return render(request, "indicators/public_region.html", context)


def export(request: HttpRequest, region_id: int, code: str) -> HttpResponse:
    place, kind = _region(region_id), _kind(request)
    view = next((v for v in published_views(place, kind) if v.indicator.code == code), None)
    if view is None or code not in BY_CODE:
        raise Http404
    # Every row says where, when and what, so a row (or the file) read on its own is clear.
    note = _("Public: approved figures, rounded to multiples of 5")
    name = str(view.indicator.name)
    rows: list[list[object]] = [[_("Area"), _("Period"), _("Indicator"), _("Value"), _("Status")]]
    rows += [[place.name, str(period), name, str(figure), note] for period, figure in view.series]
    last = view.series[-1][0] if view.series else None
    rows += [[row.place.name, str(last), name, str(row.figure), note] for row in view.parts]
    filename = f"openbaar-{code}-{place.slug}-{kind.value}"
    return table_response(rows, filename=filename, fmt="csv")
