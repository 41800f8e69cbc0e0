"""Stories for the demo region: the seed site's transformation stories (with their patterns and
tips) and a few hundred invented, signified stories, some waiting for moderation, plus a round
of Most Significant Change. Loading twice adds nothing."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings

from elkedagbeter.accounts.models import User
from elkedagbeter.demo import story_site
from elkedagbeter.demo.synthetic_stories import EASY, THEMES, SyntheticStory, story
from elkedagbeter.organisations.models import Municipality, Region, Team, TeamType
from elkedagbeter.stories import msc
from elkedagbeter.stories.actions import Telling, known_places, tell_story
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import (
    MscRound,
    PanelLevel,
    Signifier,
    SignifierKind,
    Story,
    StoryStatus,
)
from elkedagbeter.stories.patterns import run_suggestions
from elkedagbeter.stories.signification import AnswerValue

SYNTHETIC_COUNT = 320
SEED_SITE = "001_e12fb63d937e6879.txt"


def seed_site_path() -> Path | None:
    """The seed documents live next to the repository (shared/seeds) when it is checked out in
    the project's workspace; the demo simply skips them elsewhere."""
    for base in (settings.BASE_DIR.parent / "shared", settings.BASE_DIR.parent.parent / "shared"):
        path = base / "seeds" / SEED_SITE
        if path.exists():
            return path
    return None


def answers(synthetic: SyntheticStory, signifiers: list[Signifier]) -> dict[int, AnswerValue]:
    by_code = {s.code: s for s in signifiers}
    values: dict[int, AnswerValue] = {}
    triads = [s for s in signifiers if s.kind == SignifierKind.TRIAD]
    dyads = [s for s in signifiers if s.kind == SignifierKind.DYAD]
    for signifier, shares in zip(triads, synthetic.triads, strict=False):
        values[signifier.pk] = (
            AnswerValue(not_applicable=True) if shares is None else AnswerValue(shares=shares)
        )
    for signifier, position in zip(dyads, synthetic.dyads, strict=False):
        values[signifier.pk] = (
            AnswerValue(not_applicable=True) if position is None else AnswerValue(position=position)
        )
    if "uitspraken" in by_code and synthetic.statements:
        values[by_code["uitspraken"].pk] = AnswerValue(choices=synthetic.statements)
    if "mkwd" in by_code:
        values[by_code["mkwd"].pk] = AnswerValue(choices=synthetic.mkwd)
    return values


def _synthetic(region: Region, today: date, rng: random.Random) -> list[Story]:
    framework = ensure_default_framework()
    signifiers = list(framework.signifiers.all())
    municipalities = list(Municipality.objects.filter(region=region))
    teams = list(Team.objects.filter(region=region, team_type=TeamType.NEIGHBOURHOOD))
    places = known_places()
    stories = []
    for index in range(SYNTHETIC_COUNT):
        told = story(THEMES[index % len(THEMES)], rng, difficulty=EASY)
        municipality = rng.choice(municipalities)
        local_teams = [t for t in teams if t.municipality_id == municipality.pk]
        waiting = index % 25 == 0
        happened = today - timedelta(days=rng.randint(10, 700))
        saved, _code = tell_story(
            framework,
            Telling(
                title=told.title,
                text=told.text,
                narrator_role=told.narrator_role,
                municipality=municipality,
                team=rng.choice(local_teams) if local_teams and rng.random() < 0.6 else None,
                happened_on=happened.replace(day=1),
                consent_publication=rng.random() < 0.7,
                consent_learning=rng.random() < 0.95,
                answers=answers(told, signifiers),
            ),
            source_ref=f"demo:{index}",
            status=StoryStatus.SUBMITTED if waiting else StoryStatus.APPROVED,
            places=places,
        )
        stories.append(saved)
    return stories


def _rounds(region: Region, today: date) -> None:
    coordinator = User.objects.filter(username="coordinator").first()
    analyst = User.objects.filter(username="analyst").first()
    team = Team.objects.filter(region=region, name="Wijkteam Beekdal-Noord").first()
    if coordinator is None or analyst is None or team is None or team.municipality is None:
        return
    start, end = today - timedelta(days=365), today
    team_round = msc.open_round(coordinator, level=PanelLevel.TEAM, start=start, end=end, team=team)
    first = msc.candidates(team_round).order_by("pk").first()
    if first is None:
        return
    msc.select_story(
        coordinator,
        team_round,
        first,
        "Dit verhaal laat zien wat er gebeurt als het netwerk van het gezin echt meedoet: "
        "minder hulp van buiten en meer rust thuis.",
    )
    msc.open_round(
        analyst,
        level=PanelLevel.MUNICIPALITY,
        start=start,
        end=end,
        municipality=team.municipality,
    )


def load_demo_stories(region: Region, today: date) -> None:
    if Story.objects.filter(source_ref__startswith="demo:").exists():
        return
    path = seed_site_path()
    if path is not None:
        story_site.load(story_site.parse_file(path), region)
    rng = random.Random(20261123)  # noqa: S311 - synthetic data, not security
    _synthetic(region, today, rng)
    if not MscRound.objects.filter(region=region).exists():
        _rounds(region, today)
    run_suggestions(region)
