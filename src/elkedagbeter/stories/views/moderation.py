"""The moderation queue: approve (with edits) or reject with a reason. Nothing is public or used
for learning before a moderator approved it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from elkedagbeter.accounts.models import User
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role

from .. import actions, selectors
from ..forms import ManualReplacementForm, ModerationForm
from ..presentation import answer_rows


@role_required(Role.ANALYST)
def queue(request: HttpRequest) -> HttpResponse:
    stories = selectors.stories_to_moderate(request.user)
    page = Paginator(stories, 25).get_page(request.GET.get("page"))
    fixes = selectors.manual_fixes_per_kind(request.user)
    return render(request, "stories/queue.html", {"page_obj": page, "fixes": fixes})


@role_required(Role.ANALYST)
def moderate(request: HttpRequest, reference: str) -> HttpResponse:
    story = selectors.moderated_story(request.user, reference)
    assert isinstance(request.user, User)
    initial = {"title": story.title, "text": story.text, "reason": story.moderation_note}
    form = ModerationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("decision") == "reject":
                actions.reject_story(request.user, story, reason=data["reason"])
                messages.success(request, _("The story was rejected; the reason is kept."))
            else:
                actions.approve_story(
                    request.user, story, title=data["title"], text=data["text"], note=data["reason"]
                )
                messages.success(request, _("The story was approved."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            return redirect("stories:queue")
    context = {
        "story": story,
        "form": form,
        "answers": answer_rows(story),
        "replace_form": ManualReplacementForm(),
    }
    return render(request, "stories/moderate.html", context)


@role_required(Role.ANALYST)
@require_POST
def replace(request: HttpRequest, reference: str) -> HttpResponse:
    """Replace words the de-identifier missed (counted per kind), back to the story."""
    story = selectors.moderated_story(request.user, reference)
    assert isinstance(request.user, User)
    form = ManualReplacementForm(request.POST)
    if form.is_valid():
        try:
            fix = actions.replace_by_hand(request.user, story, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                ngettext(
                    "Replaced %(count)d time; the fix is counted.",
                    "Replaced %(count)d times; the fix is counted.",
                    fix.occurrences,
                )
                % {"count": fix.occurrences},
            )
    else:
        messages.error(request, _("Give the words to replace and what kind they are."))
    return redirect("stories:moderate", story.reference)
