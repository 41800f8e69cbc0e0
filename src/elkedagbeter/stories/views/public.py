"""Public pages: share a story (no account, works without JavaScript), withdraw it, and read the
published patterns."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from elkedagbeter.organisations.models import Municipality

from .. import actions, ratelimit, selectors
from ..follow import issue_follow_code
from ..forms import StoryForm, WithdrawForm, first_step_with_errors, quiet, story_steps
from ..frameworks import current_framework, signifiers_of
from ..models import Audience
from ..patterns import pattern_thread


def share(request: HttpRequest, region_code: str | None = None) -> HttpResponse:
    """The story form in short steps, each one page; everything typed travels with the form as
    hidden fields (nothing is kept on the server or the device before it is sent), so going back
    keeps it. Without a step (one POST of every field) the form is sent at once, as before."""
    framework = current_framework(region_code)
    signifiers = signifiers_of(framework)
    municipalities = Municipality.objects.all()
    if framework.region_id:
        municipalities = municipalities.filter(region_id=framework.region_id)
    form = StoryForm(request.POST or None, signifiers=signifiers, municipalities=municipalities)
    steps = story_steps(form)
    last = len(steps) - 1
    current, elsewhere = 0, []
    limited = False
    if request.method == "POST":
        current = _number(request.POST.get("_step"), last, last)
        move = request.POST.get("_move", "send")
        valid = form.is_valid()
        if "_goto" in request.POST:
            current = _number(request.POST.get("_goto"), current, current)
            quiet(form)
        elif move == "back":
            current = max(current - 1, 0)
            quiet(form)
        elif move == "next":
            own = steps[current].names
            if any(name in form.errors for name in own):
                quiet(form, keep=own)
            else:
                current = min(current + 1, last)
                quiet(form)
        elif valid:
            if form.is_bot:  # the honeypot: answer as if all went well, store nothing
                return render(request, "stories/thanks.html", {"code": None})
            if not ratelimit.allow(request, "share"):
                limited = True
                current = last
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
        else:
            wrong = first_step_with_errors(form, steps)
            current = current if wrong is None else wrong
            elsewhere = [
                (index, step.title, [str(e) for n in step.names for e in form.errors.get(n, [])])
                for index, step in enumerate(steps)
                if index != current and any(n in form.errors for n in step.names)
            ]
            quiet(form, keep=[*steps[current].names, "__all__"])
    step = steps[current]
    shown = set(step.names)
    carried = [
        (name, value)
        for name in form.fields
        if name not in shown and name != "website"
        for value in request.POST.getlist(name)
    ]
    context = {
        "form": form,
        "framework": framework,
        "limited": limited,
        "steps": steps,
        "step": step,
        "current": current,
        "number": current + 1,
        "last": current == last,
        "fields": [] if step.signifiers else [form[name] for name in step.names],
        "blocks": form.signifier_blocks(step.signifiers) if step.signifiers else [],
        "touched": [form[n] for n in step.names if n.endswith("_touched")],
        "carried": carried,
        "elsewhere": elsewhere,
    }
    return render(request, "stories/share.html", context, status=429 if limited else 200)


def _number(text: str | None, default: int, highest: int) -> int:
    try:
        return max(0, min(int(text or ""), highest))
    except ValueError:
        return default


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
