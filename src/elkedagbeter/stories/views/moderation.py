"""The moderation queue: approve (with edits) or reject with a reason. Nothing is public or used
for learning before a moderator approved it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.core.permissions import role_required
from elkedagbeter.organisations.models import Role

from .. import actions, selectors
from ..forms import ModerationForm
from ..presentation import answer_rows


@role_required(Role.ANALYST)
def queue(request: HttpRequest) -> HttpResponse:
    stories = selectors.stories_to_moderate(request.user)
    page = Paginator(stories, 25).get_page(request.GET.get("page"))
    return render(request, "stories/queue.html", {"page_obj": page})


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
    context = {"story": story, "form": form, "answers": answer_rows(story)}
    return render(request, "stories/moderate.html", context)
