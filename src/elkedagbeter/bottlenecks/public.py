"""The public page per region: the solved bottlenecks it chose to publish ("what we have
achieved"), for everyone, without logging in. Only the category, the body that solved it, the
month and the public text written for it are shown; never who raised it, from where, or why."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from elkedagbeter.organisations.models import Region

from .models import Bottleneck


def regions(request: HttpRequest) -> HttpResponse:
    published = (
        Region.objects.annotate(
            published=Count("bottlenecks", filter=Q(bottlenecks__published_at__isnull=False))
        )
        .filter(published__gt=0)
        .order_by("name")
    )
    return render(request, "bottlenecks/public_regions.html", {"regions": published})


def region(request: HttpRequest, code: str) -> HttpResponse:
    found = Region.objects.filter(code=code).first()
    if found is None:
        raise Http404
    solved = (
        Bottleneck.objects.filter(region=found, published_at__isnull=False)
        .select_related("body")
        .order_by("-published_at")
    )
    return render(request, "bottlenecks/public_region.html", {"region": found, "solved": solved})
