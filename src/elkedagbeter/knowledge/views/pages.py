"""The Wat werkt start page and the search across every source."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from elkedagbeter.organisations.scoping import has_role

from .. import search, selectors
from ..forms import SearchForm
from ..models import CatalogueItem, GoodExample
from ..sources import SOURCES


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    overdue = [
        status
        for team in selectors.logbook_teams(request.user)
        if (status := selectors.reflection_status(team, today)).overdue
    ]
    context = {
        "form": SearchForm(),
        "catalogue_count": CatalogueItem.objects.count(),
        "examples": GoodExample.objects.select_related("region")[:3],
        "example_count": GoodExample.objects.count(),
        "overdue": overdue,
        "keeps_logbook": selectors.logbook_teams(request.user).exists(),
        "can_share": has_role(request.user, *selectors.SHARING_ROLES),
    }
    return render(request, "knowledge/home.html", context)


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    chosen = [code for code in request.GET.getlist("bron") if code in SOURCES]
    hits = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            hits = search.search(request.user, query, sources=chosen)
    labels = {code: source.label for code, source in SOURCES.items()}
    context = {
        "form": form,
        "query": query,
        "results": [(hit, labels.get(hit.source, hit.source)) for hit in hits],
        "sources": list(labels.items()),
        "chosen": chosen,
        "limit": search.MAX_RESULTS,
    }
    return render(request, "knowledge/search.html", context)
