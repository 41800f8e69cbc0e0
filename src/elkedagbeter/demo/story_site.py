"""Reading the transformation-stories site (a text dump of its pages) into patterns and stories.

The dump has, per pattern, a block with its name and description ending in "Lees hiernaast de
exemplarische verhalen bij dit patroon.", then stories as "» Headline", "Een ... vertelt:", the
paragraphs, and a date line ("Juni 2015"); blocks end with "[sluiten]". At the end, "» Name" with
"Tip voor professionals: ..." lines per audience. A story that appears under two patterns is one
story in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from elkedagbeter.organisations.models import Region
from elkedagbeter.stories.actions import Telling, known_places, tell_story
from elkedagbeter.stories.models import (
    Audience,
    Framework,
    NarratorRole,
    Pattern,
    PatternStatus,
    Story,
    StorySource,
    StoryStatus,
)
from elkedagbeter.stories.patterns import add_stories, create_pattern, save_tips

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
DATE_LINE = re.compile(r"^\s*(" + "|".join(MONTHS) + r"),?\s+(\d{4})\s*$", re.I)
TELLER = re.compile(r"^\s*(Een|De)\s+(.+?)\s+vertelt:?\s*$", re.I)
PATTERN_END = "Lees hiernaast de exemplarische verhalen bij dit patroon."
TIP = re.compile(r"^\s*Tip voor (professionals|coördinatoren|ketenpartners|gemeenten)\s*:\s*(.+)$")
AUDIENCES = {
    "professionals": Audience.PROFESSIONALS,
    "coördinatoren": Audience.COORDINATORS,
    "ketenpartners": Audience.PARTNERS,
    "gemeenten": Audience.MUNICIPALITIES,
}
# How tellers describe themselves on the site, to our narrator roles (first match wins).
ROLE_WORDS = [
    ("wethouder", NarratorRole.EXECUTIVE),
    ("bestuurder", NarratorRole.EXECUTIVE),
    ("ambtenaar", NarratorRole.POLICY),
    ("beleidsmedewerker", NarratorRole.POLICY),
    ("inkoper", NarratorRole.POLICY),
    ("projectleider", NarratorRole.POLICY),
    ("afdelingshoofd", NarratorRole.POLICY),
    ("professional", NarratorRole.PROFESSIONAL),
    ("manager", NarratorRole.PROFESSIONAL),
    ("leidinggevende", NarratorRole.PROFESSIONAL),
    ("welzijnswerker", NarratorRole.PROFESSIONAL),
    ("procesbegeleider", NarratorRole.PROFESSIONAL),
    ("ouder", NarratorRole.PARENT),
    ("moeder", NarratorRole.PARENT),
    ("vader", NarratorRole.PARENT),
    ("jongere", NarratorRole.YOUTH),
]


@dataclass
class SeedStory:
    title: str
    teller: str  # "een manager jeugdteams"
    role: str
    text: str
    happened_on: date | None
    patterns: list[str] = field(default_factory=list)


@dataclass
class SeedPattern:
    name: str
    description: str
    tips: dict[str, str] = field(default_factory=dict)


@dataclass
class SeedSite:
    patterns: list[SeedPattern]
    stories: list[SeedStory]


def narrator_role(teller: str) -> str:
    lowered = teller.lower()
    for word, role in ROLE_WORDS:
        if word in lowered:
            return role
    return NarratorRole.OTHER


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        parts = line.split("[sluiten]")
        blocks[-1].append(parts[0])
        for part in parts[1:]:
            blocks.append([part])
    return [[line.rstrip() for line in block] for block in blocks]


def _paragraphs(lines: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines if line.strip()]


def _pattern(lines: list[str]) -> SeedPattern | None:
    paragraphs = [p for p in _paragraphs(lines) if p != PATTERN_END]
    if paragraphs and paragraphs[0] == "» Tips":
        if len(paragraphs) < 2:
            return None
        return SeedPattern(paragraphs[1], "\n\n".join(paragraphs[2:]))
    if not any(PATTERN_END in line for line in lines):
        return None
    # The first pattern follows the site's introduction in the same block: its name is the last
    # short line without a full stop before the description.
    paragraphs = [p for p in paragraphs if not p.startswith("»")]
    for index in range(len(paragraphs) - 1, -1, -1):
        candidate = paragraphs[index]
        if len(candidate) <= 60 and not candidate.endswith((".", ":", "?")):
            return SeedPattern(candidate, "\n\n".join(paragraphs[index + 1 :]))
    return None


def _story(lines: list[str]) -> SeedStory | None:
    paragraphs = _paragraphs(lines)
    if len(paragraphs) < 3 or not paragraphs[0].startswith("»"):
        return None
    teller = TELLER.match(paragraphs[1])
    if teller is None:
        return None
    body = paragraphs[2:]
    happened_on = None
    if body and (match := DATE_LINE.match(body[-1])):
        happened_on = date(int(match[2]), MONTHS[match[1].lower()], 1)
        body = body[:-1]
    if not body:
        return None
    who = f"{teller[1].lower()} {teller[2]}"
    return SeedStory(
        title=paragraphs[0].lstrip("» ").strip(),
        teller=who,
        role=narrator_role(who),
        text="\n\n".join(body),
        happened_on=happened_on,
    )


def _tips(lines: list[str]) -> tuple[str, dict[str, str]] | None:
    paragraphs = _paragraphs(lines)
    if not paragraphs or not paragraphs[0].startswith("»") or len(paragraphs) < 2:
        return None
    if not paragraphs[1].startswith("Tips voor:"):
        return None
    tips: dict[str, str] = {}
    for paragraph in paragraphs[2:]:
        if match := TIP.match(paragraph):
            tips.setdefault(AUDIENCES[match[1]], match[2].strip())  # the site repeats some
    return paragraphs[0].lstrip("» ").strip(), tips


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())[:300]


def parse(text: str) -> SeedSite:
    patterns: list[SeedPattern] = []
    stories: dict[str, SeedStory] = {}
    tips: list[tuple[str, dict[str, str]]] = []
    current: SeedPattern | None = None
    for lines in _blocks(text):
        if any(line.strip() == "Colofon" for line in lines):
            current = None
            continue
        if found := _tips(lines):
            tips.append(found)
        elif story := _story(lines):
            if current is None:
                continue
            key = _key(story.text)
            known = stories.setdefault(key, story)
            if current.name not in known.patterns:
                known.patterns.append(current.name)
        elif pattern := _pattern(lines):
            patterns.append(pattern)
            current = pattern
    for short, audience_tips in tips:
        for pattern in patterns:
            if short.lower() in pattern.name.lower() and not pattern.tips:
                pattern.tips = audience_tips
                break
    return SeedSite(patterns, list(stories.values()))


def parse_file(path: Path) -> SeedSite:
    return parse(path.read_text(encoding="utf-8"))


def load(site: SeedSite, region: Region | None, *, publish: bool = True) -> tuple[int, int]:
    """Store the site's stories (approved: they were published there) and its patterns with
    their tips. Safe to run again: stories already imported are skipped. Returns the number of
    new patterns and new stories."""
    framework, _created = Framework.objects.get_or_create(
        slug="transformatieverhalen",
        version=1,
        defaults={
            "name": "Transformatieverhalen (geïmporteerd, zonder duiding)",
            "is_active": False,
        },
    )
    places = known_places()
    new_patterns = new_stories = 0
    with transaction.atomic():
        by_name: dict[str, Pattern] = {}
        for seed in site.patterns:
            pattern = Pattern.objects.filter(name=seed.name, region=region).first()
            if pattern is None:
                pattern = create_pattern(seed.name, region=region, description=seed.description)
                save_tips(pattern, seed.tips)
                if publish and seed.description:
                    pattern.status = PatternStatus.PUBLISHED
                    pattern.save(update_fields=["status"])
                new_patterns += 1
            by_name[seed.name] = pattern
        for number, seed_story in enumerate(site.stories, start=1):
            ref = f"transformatieverhalen:{number}"
            story = Story.objects.filter(source_ref=ref).first()
            if story is None:
                story, _code = tell_story(
                    framework,
                    Telling(
                        title=seed_story.title,
                        text=seed_story.text,
                        narrator_role=seed_story.role,
                        narrator_detail=seed_story.teller,
                        happened_on=seed_story.happened_on,
                        consent_publication=True,
                        consent_learning=True,
                    ),
                    source=StorySource.IMPORT,
                    source_ref=ref,
                    status=StoryStatus.APPROVED,
                    places=places,
                )
                Story.objects.filter(pk=story.pk).update(region=region)
                new_stories += 1
            for name in seed_story.patterns:
                add_stories(by_name[name], [story.pk], exemplary=[story.pk])
    return new_patterns, new_stories
