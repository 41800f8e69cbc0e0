"""Reading single stories (de-identified, told with consent for learning) and "more like this"."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role

from .. import selectors, themes
from ..patterns import documents
from ..presentation import answer_rows

ALL_ROLES = tuple(Role)
SIMILAR_POOL = 2000  # the most recent stories searched for "more like this"


@role_required(*ALL_ROLES)
def story_list(request: HttpRequest) -> HttpResponse:
    stories = selectors.learning_stories(request.user).select_related("region")
    query = request.GET.get("zoek", "").strip()
    if query:
        stories = stories.filter(text__icontains=query) | stories.filter(title__icontains=query)
    page = Paginator(stories, 25).get_page(request.GET.get("page"))
    return render(request, "stories/story_list.html", {"page_obj": page, "query": query})


@role_required(*ALL_ROLES)
def story_detail(request: HttpRequest, reference: str) -> HttpResponse:
    story = selectors.readable_story(request.user, reference)
    similar = []
    if "meer" in request.GET:
        pool = list(
            selectors.learning_stories(request.user)
            .exclude(pk=story.pk)
            .only("pk", "title", "text", "framework_id")[:SIMILAR_POOL]
        )
        docs = documents([story, *pool])
        keys = themes.nearest(docs, 0, limit=5)
        by_pk = {s.pk: s for s in pool}
        similar = [by_pk[key] for key in keys]
    context = {
        "story": story,
        "answers": answer_rows(story),
        "patterns": story.patterns.all(),
        "similar": similar,
        "asked_similar": "meer" in request.GET,
    }
    return render(request, "stories/story_detail.html", context)
