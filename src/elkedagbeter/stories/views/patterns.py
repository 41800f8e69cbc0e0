"""Curating patterns: run theme finding, turn suggestions into patterns or merge them, write the
description, pick exemplary stories, tips per audience, and publish."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role

from .. import patterns, selectors
from ..forms import MergeForm, NewPatternForm, PatternForm
from ..patterns import pattern_thread

MAX_SYNCHRONOUS = 5000  # beyond this, the button asks to use the scheduled command instead


@role_required(Role.ANALYST)
def board(request: HttpRequest) -> HttpResponse:
    national, regions = selectors.suggestion_regions(request.user)
    context = {
        "suggestions": selectors.open_suggestions(request.user)[:30],
        "patterns": selectors.curated_patterns(request.user),
        "national": national,
        "regions": regions,
    }
    return render(request, "stories/pattern_board.html", context)


@role_required(Role.ANALYST)
@require_POST
def suggest(request: HttpRequest) -> HttpResponse:
    national, regions = selectors.suggestion_regions(request.user)
    region = regions.filter(pk=request.POST.get("region") or 0).first()
    if region is None and not national:
        region = regions.first()
        if region is None:
            raise Http404
    count = patterns.suggestion_stories(region).count()
    if count > MAX_SYNCHRONOUS:
        messages.warning(
            request,
            _(
                "There are %(count)d stories: too many to wait for. Theme finding runs every "
                "night (suggest_story_patterns); ask the functional administrator to run it now."
            )
            % {"count": count},
        )
    else:
        run = patterns.run_suggestions(region)
        messages.success(
            request,
            _("%(clusters)d suggestions from %(stories)d stories.")
            % {"clusters": run.suggestions.count(), "stories": run.story_count},
        )
    return redirect("stories:patterns")


@role_required(Role.ANALYST)
def suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    found = selectors.open_suggestion(request.user, suggestion_id)
    targets = selectors.curated_patterns(request.user)
    if found.run.region_id:
        targets = targets.filter(region_id=found.run.region_id)
    name_form = NewPatternForm(request.POST if request.POST.get("action") == "accept" else None)
    merge_form = MergeForm(
        request.POST if request.POST.get("action") == "merge" else None, patterns=targets
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept" and name_form.is_valid():
            pattern = patterns.accept_suggestion(found, name_form.cleaned_data["name"])
            messages.success(request, _("Pattern made. Now describe it and add tips."))
            return redirect("stories:pattern_edit", slug=pattern.slug)
        if action == "merge" and merge_form.is_valid():
            pattern = patterns.merge_suggestion(found, merge_form.cleaned_data["pattern"])
            messages.success(request, _("The stories were added to the pattern."))
            return redirect("stories:pattern_edit", slug=pattern.slug)
        if action == "dismiss":
            patterns.dismiss_suggestion(found)
            messages.success(request, _("The suggestion was put aside."))
            return redirect("stories:patterns")
    stories = found.stories.order_by("-submitted_at")[:50]
    exemplars = {pk: index for index, pk in enumerate(found.exemplars)}
    ordered = sorted(stories, key=lambda s: exemplars.get(s.pk, len(exemplars)))
    context = {
        "suggestion": found,
        "stories": ordered,
        "name_form": name_form,
        "merge_form": merge_form,
    }
    return render(request, "stories/suggestion.html", context)


@role_required(Role.ANALYST)
def pattern_edit(request: HttpRequest, slug: str) -> HttpResponse:
    pattern = selectors.curated_pattern(request.user, slug)
    form = PatternForm(
        request.POST if request.POST.get("action") == "save" else None, instance=pattern
    )
    others = selectors.curated_patterns(request.user).exclude(pk=pattern.pk)
    merge_form = MergeForm(
        request.POST if request.POST.get("action") == "merge" else None, patterns=others
    )
    if request.method == "POST":
        action = request.POST.get("action")
        story_id = int(request.POST.get("story") or 0)
        if action == "save" and form.is_valid():
            form.save()
            patterns.save_tips(pattern, form.tips())
            data = form.cleaned_data
            patterns.save_links(pattern, data["zero_goals"], data["statements"])
            messages.success(request, _("The pattern was saved."))
            return redirect("stories:pattern_edit", slug=pattern.slug)
        if action in {"exemplary", "ordinary"} and story_id:
            patterns.set_exemplary(pattern, story_id, action == "exemplary")
            return redirect("stories:pattern_edit", slug=pattern.slug)
        if action == "remove" and story_id:
            patterns.remove_story(pattern, story_id)
            return redirect("stories:pattern_edit", slug=pattern.slug)
        if action == "merge" and merge_form.is_valid():
            target = patterns.merge_patterns(pattern, merge_form.cleaned_data["pattern"])
            messages.success(request, _("The patterns were merged."))
            return redirect("stories:pattern_edit", slug=target.slug)
    memberships = pattern.memberships.select_related("story").order_by(
        "-exemplary", "-story__submitted_at"
    )
    context = {
        "pattern": pattern,
        "form": form,
        "merge_form": merge_form,
        "memberships": memberships[:200],
        "size": pattern.memberships.count(),
        **pattern_thread(pattern),
    }
    return render(request, "stories/pattern_edit.html", context)
