"""The storyteller's receipt: a code ("volgcode") shown once after telling, with which the teller,
and nobody else, can later see what became of the story.

The follow code is a separate secret from the withdrawal code, for two reasons: a teller may
pass the follow code on (to a parent council, to the professional who helped them) without
handing over the power to take the story back; and the withdrawal code works once and is wiped
on withdrawal, while the follow code must still say "withdrawn" afterwards. Like the withdrawal
code it is stored only as a keyed digest (HMAC with the site key), so the database alone does
not lead back from a story to its code.

What the code shows: whether the story was published (the moderation status in plain words,
never who moderated or the moderator's note), the published patterns it joined, their tips, and
what other apps report for those patterns (``pattern_followups``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .actions import new_withdrawal_code
from .models import Audience, Pattern, PatternStatus, Story, StoryStatus
from .pattern_followups import Followup, pattern_followups


def _digest(code: str) -> str:
    normalised = re.sub(r"[^A-Z0-9]", "", code.upper())
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"story-follow:" + normalised.encode(), hashlib.sha256).hexdigest()


def issue_follow_code(story: Story) -> str:
    """Give the story a new follow code and return it; only its digest is stored."""
    code = new_withdrawal_code()
    Story.objects.filter(pk=story.pk).update(follow_digest=_digest(code))
    story.follow_digest = _digest(code)
    return code


@dataclass(frozen=True)
class FollowedPattern:
    name: str
    url: str
    tips: list[tuple[str | Promise, str]]
    followups: list[Followup]


@dataclass(frozen=True)
class Receipt:
    reference: str
    submitted_on: date
    status: Promise
    explanation: Promise
    patterns: list[FollowedPattern]


def _status(story: Story) -> tuple[Promise, Promise]:
    if story.status == StoryStatus.SUBMITTED:
        return _("Not read yet"), _(
            "A moderator has not read your story yet. Once that has happened, you see it here."
        )
    if story.status == StoryStatus.REJECTED:
        return _("Not used"), _(
            "Your story was read but not taken up, for example because it could not be made "
            "anonymous enough. It is not published and not used for learning."
        )
    if story.status == StoryStatus.WITHDRAWN:
        return _("Withdrawn"), _("You withdrew your story. Its text and answers are deleted.")
    if story.consent_publication:
        return _("Published"), _(
            "Your story was read and approved. It may be shown publicly and is used for learning."
        )
    return _("Approved, not public"), _(
        "Your story was read and approved. As you asked, it is used for learning but never "
        "shown publicly."
    )


def _pattern(pattern: Pattern) -> FollowedPattern:
    texts = {tip.audience: tip.text for tip in pattern.tips.all()}
    return FollowedPattern(
        name=pattern.name,
        url=reverse("stories:public_pattern", args=[pattern.slug]),
        tips=[(a.label, texts[a.value]) for a in Audience if texts.get(a.value)],
        followups=pattern_followups(pattern.pk),
    )


def receipt_for(code: str) -> Receipt | None:
    """What the holder of ``code`` may see of their story, or None for an unknown code."""
    if not re.sub(r"[^A-Za-z0-9]", "", code):
        return None
    story = Story.objects.filter(follow_digest=_digest(code)).first()
    if story is None:
        return None
    patterns = (
        Pattern.objects.filter(memberships__story=story, status=PatternStatus.PUBLISHED)
        .prefetch_related("tips")
        .order_by("name")
        .distinct()
    )
    status, explanation = _status(story)
    return Receipt(
        reference=story.reference,
        submitted_on=timezone.localdate(story.submitted_at),
        status=status,
        explanation=explanation,
        patterns=[_pattern(p) for p in patterns] if story.status == StoryStatus.APPROVED else [],
    )
