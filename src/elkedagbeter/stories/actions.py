"""Important writes on stories: telling, withdrawing and moderating. Each owns its transaction.

Patterns and Most Significant Change rounds have their own modules (``patterns.py``, ``msc.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.core.deidentify import LABELS, deidentify_report
from elkedagbeter.organisations.models import Municipality, Team

from .models import (
    Answer,
    Framework,
    ManualReplacement,
    PatternStory,
    Signifier,
    Story,
    StorySource,
    StoryStatus,
)
from .selectors import moderation_area
from .signification import AnswerValue, answer_for

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
CODE_GROUPS = 3
TAG = re.compile(r"\[([A-Z]+)-(\d+)\]")


@dataclass
class Telling:
    """A story as told, before de-identification. Only ever held in memory."""

    title: str
    text: str
    narrator_role: str
    narrator_detail: str = ""
    municipality: Municipality | None = None
    team: Team | None = None
    happened_on: date | None = None
    month_known: bool = True
    consent_publication: bool = False
    consent_learning: bool = False
    answers: dict[int, AnswerValue] = field(default_factory=dict)  # signifier id → value


def new_withdrawal_code() -> str:
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS)]
    return "-".join(groups)


def _digest(code: str) -> str:
    normalised = re.sub(r"[^A-Z0-9]", "", code.upper())
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"story-withdrawal:" + normalised.encode(), hashlib.sha256).hexdigest()


PLACES_TTL_SECONDS = 60
_places: tuple[float, list[str]] = (0.0, [])


def known_places() -> list[str]:
    """Place names the de-identifier removes besides its own lists: our municipalities. Read at
    most once a minute per process (they rarely change; deduce knows the real ones anyway)."""
    global _places
    read_at, names = _places
    if time.monotonic() - read_at > PLACES_TTL_SECONDS or not names:
        names = list(Municipality.objects.values_list("name", flat=True))
        _places = (time.monotonic(), names)
    return names


def replacements_in(text: str) -> list[dict[str, object]]:
    """The tags in a de-identified text and where they stand, for the moderator."""
    return [
        {"tag": m.group(0), "kind": m.group(1).lower(), "start": m.start(), "end": m.end()}
        for m in TAG.finditer(text)
    ]


def _clean(text: str, places: list[str]) -> str:
    return deidentify_report(text.strip(), places=places).text


def tell_story(
    framework: Framework,
    telling: Telling,
    *,
    source: str = StorySource.FORM,
    source_ref: str = "",
    status: str = StoryStatus.SUBMITTED,
    places: list[str] | None = None,
) -> tuple[Story, str]:
    """De-identify and store a story with its answers; returns it and its withdrawal code.

    Every free text (headline, story, the teller's role, free-text answers) is de-identified
    before anything is saved, so no stored field holds the original words."""
    places = known_places() if places is None else places
    signifiers = {s.pk: s for s in framework.signifiers.all()}
    unknown = set(telling.answers) - set(signifiers)
    if unknown:
        raise ValidationError(_("Answers were given to questions of another framework."))
    code = new_withdrawal_code()
    text = _clean(telling.text, places)
    municipality = telling.municipality
    story = Story(
        framework=framework,
        title=_clean(telling.title, places)[:200],
        text=text,
        narrator_role=telling.narrator_role,
        narrator_detail=_clean(telling.narrator_detail, places)[:120],
        municipality=municipality,
        region_id=municipality.region_id if municipality else framework.region_id,
        team=telling.team,
        happened_on=telling.happened_on,
        month_known=telling.month_known,
        consent_publication=telling.consent_publication,
        consent_learning=telling.consent_learning,
        status=status,
        source=source,
        source_ref=source_ref,
        replacements=replacements_in(text),
        withdrawal_digest=_digest(code),
    )
    answers = []
    for signifier_id, value in telling.answers.items():
        if value.empty:
            continue
        if value.text:
            value.text = _clean(value.text, places)
        answers.append((signifiers[signifier_id], value))
    with transaction.atomic():
        story.save()
        Answer.objects.bulk_create(answer_for(story, s, v) for s, v in answers)
    return story, code


def withdraw_story(code: str) -> bool:
    """Withdraw the story that goes with ``code``: its words, answers and pattern links are
    deleted; the row stays as "withdrawn" so rounds that chose it stay readable. The code works
    once."""
    story = Story.objects.filter(withdrawal_digest=_digest(code)).first()
    if story is None or story.status == StoryStatus.WITHDRAWN:
        return False
    with transaction.atomic():
        story.answers.all().delete()
        PatternStory.objects.filter(story=story).delete()
        story.suggestions.clear()
        story.title = ""
        story.text = ""
        story.narrator_detail = ""
        story.replacements = []
        story.status = StoryStatus.WITHDRAWN
        story.withdrawn_at = timezone.now()
        story.withdrawal_digest = ""
        story.consent_publication = False
        story.consent_learning = False
        story.save()
    return True


# --- Moderation ----------------------------------------------------------------------------------


def _moderator(user: User, story: Story) -> None:
    area = moderation_area(user)
    if not (
        area.national
        or story.region_id in area.region_ids
        or story.municipality_id in area.municipality_ids
    ):
        raise PermissionDenied


def approve_story(user: User, story: Story, *, title: str, text: str, note: str = "") -> Story:
    """Approve, with the moderator's edits to headline and text (de-identified again)."""
    _moderator(user, story)
    if story.status == StoryStatus.WITHDRAWN:
        raise ValidationError(_("This story was withdrawn by its teller."))
    places = known_places()
    title, text = _clean(title, places)[:200], _clean(text, places)
    if not title or not text:
        raise ValidationError(_("A story needs a headline and a text."))
    story.edited_by_moderator = story.edited_by_moderator or (
        title != story.title or text != story.text
    )
    story.title, story.text = title, text
    story.replacements = replacements_in(text)
    story.status = StoryStatus.APPROVED
    story.moderation_note = note.strip()
    story.moderated_by = user
    story.moderated_at = timezone.now()
    story.save()
    return story


def reject_story(user: User, story: Story, *, reason: str) -> Story:
    _moderator(user, story)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for rejecting this story.")})
    story.status = StoryStatus.REJECTED
    story.moderation_note = reason.strip()
    story.moderated_by = user
    story.moderated_at = timezone.now()
    story.save()
    return story


def answers_by_signifier(story: Story) -> dict[int, Answer]:
    return {answer.signifier_id: answer for answer in story.answers.all()}


def signifiers_of(framework: Framework) -> list[Signifier]:
    return list(framework.signifiers.all())


def replace_by_hand(user: User, story: Story, *, words: str, kind: str) -> ManualReplacement:
    """A moderator marks words the de-identifier missed: every occurrence (whole words, any
    case) in the headline, the story, the teller's role and the free-text answers becomes one
    new tag of ``kind``, and the fix is counted for that kind. The words are not stored."""
    _moderator(user, story)
    if story.status == StoryStatus.WITHDRAWN:
        raise ValidationError(_("This story was withdrawn by its teller."))
    label = LABELS.get(kind)
    words = " ".join(words.split())
    if label is None:
        raise ValidationError({"kind": _("Choose what kind of identifier this is.")})
    if len(words) < 2 or TAG.fullmatch(words):
        raise ValidationError({"words": _("Give the words to replace, as they stand in the text.")})
    texts = [story.title, story.text, story.narrator_detail]
    answers = [a for a in story.answers.all() if a.text]
    numbers = [
        int(m.group(2))
        for t in texts + [a.text for a in answers]
        for m in TAG.finditer(t)
        if m.group(1) == label
    ]
    tag = f"[{label}-{max(numbers, default=0) + 1}]"
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words.split()) + r"(?!\w)", re.I
    )
    found = sum(len(pattern.findall(t)) for t in texts + [a.text for a in answers])
    if not found:
        raise ValidationError({"words": _("These words do not occur in the story.")})
    with transaction.atomic():
        story.title, story.text, story.narrator_detail = (pattern.sub(tag, t) for t in texts)
        story.replacements = replacements_in(story.text)
        story.edited_by_moderator = True
        story.save()
        for answer in answers:
            if pattern.search(answer.text):
                answer.text = pattern.sub(tag, answer.text)
                answer.save(update_fields=["text"])
        return ManualReplacement.objects.create(
            story=story,
            region_id=story.region_id,
            municipality_id=story.municipality_id,
            kind=kind,
            occurrences=found,
            moderator=user,
        )
