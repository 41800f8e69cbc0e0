"""Public pages: share a story (no account, works without JavaScript), withdraw it, and read the
published patterns."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from elkedagbeter.organisations.models import Municipality

from .. import actions, ratelimit, selectors
from ..follow import issue_follow_code
from ..forms import StoryForm, WithdrawForm
from ..frameworks import current_framework
from ..models import Audience
from ..patterns import pattern_thread


def share(request: HttpRequest, region_code: str | None = None) -> HttpResponse:
    framework = current_framework(region_code)
    signifiers = list(framework.signifiers.all())
    municipalities = Municipality.objects.all()
    if framework.region_id:
        municipalities = municipalities.filter(region_id=framework.region_id)
    form = StoryForm(request.POST or None, signifiers=signifiers, municipalities=municipalities)
    limited = False
    if request.method == "POST" and form.is_valid():
        if form.is_bot:  # the honeypot: answer as if all went well, store nothing
            return render(request, "stories/thanks.html", {"code": None})
        if not ratelimit.allow(request, "share"):
            limited = True
            form.add_error(
                None,
                _(
                    "Many stories were sent from this connection just now. Wait a few minutes "
                    "and send again: what you wrote is still here."
                ),
            )
        else:
            story, code = actions.tell_story(framework, form.telling())
            follow_code = issue_follow_code(story)
            context = {"code": code, "follow_code": follow_code, "story": story}
            return render(request, "stories/thanks.html", context)
    context = {"form": form, "framework": framework, "limited": limited}
    return render(request, "stories/share.html", context, status=429 if limited else 200)


def withdraw(request: HttpRequest) -> HttpResponse:
    form = WithdrawForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "withdraw", limit=20):
            form.add_error("code", _("Too many attempts from this connection. Try again later."))
        elif actions.withdraw_story(form.cleaned_data["code"]):
            done = True
        else:
            form.add_error(
                "code", _("We do not know this code, or the story was withdrawn already.")
            )
    return render(request, "stories/withdraw.html", {"form": form, "done": done})


def public_patterns(request: HttpRequest) -> HttpResponse:
    patterns = selectors.published_patterns()
    return render(request, "stories/public_patterns.html", {"patterns": patterns})


def public_pattern(request: HttpRequest, slug: str) -> HttpResponse:
    pattern = selectors.published_pattern(slug)
    stories = selectors.public_pattern_stories(pattern)
    tips = {tip.audience: tip.text for tip in pattern.tips.all()}
    context = {
        "pattern": pattern,
        "stories": stories,
        "tips": [(a.label, tips[a.value]) for a in Audience if tips.get(a.value)],
        **pattern_thread(pattern),
    }
    return render(request, "stories/public_pattern.html", context)
