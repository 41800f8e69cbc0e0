"""Benchmarks for large-scale listening. Prints figures; it never fails on time.

    python bench/stories.py [THEME_STORIES]      # SQLite file in .tmp/ unless DATABASE_URL is set

1. De-identify and store: stories told through the same action as the public form (the
   de-identification engine, a story row and its answers in one transaction), one after another.
2. Theme finding over THEME_STORIES (default 20,000) approved, signified stories with planted
   themes: features, clustering and storing the suggestions, as ``suggest_story_patterns`` does,
   with the number of clusters given and chosen; and how well the planted themes come back.
3. The views page for an analyst over all those stories.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.tmp' / 'bench-stories.sqlite3'}")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.timing import measure  # noqa: E402
from conftest import log_in  # noqa: E402
from elkedagbeter.accounts.models import User  # noqa: E402
from elkedagbeter.core.deidentify import warm  # noqa: E402
from elkedagbeter.demo.stories import answers  # noqa: E402
from elkedagbeter.demo.synthetic_stories import planted_set  # noqa: E402
from elkedagbeter.organisations.models import Membership, Municipality, Region, Role  # noqa: E402
from elkedagbeter.stories import themes  # noqa: E402
from elkedagbeter.stories.actions import Telling, tell_story  # noqa: E402
from elkedagbeter.stories.frameworks import ensure_default_framework  # noqa: E402
from elkedagbeter.stories.models import Answer, Story, StoryStatus  # noqa: E402
from elkedagbeter.stories.patterns import run_suggestions  # noqa: E402
from elkedagbeter.stories.signification import answer_for  # noqa: E402

TOLD = 1000
PLANTED = 5


def _region() -> tuple[Region, list[Municipality]]:
    region = Region.objects.create(name="Jeugdregio Bench", code="bench")
    municipalities = [
        Municipality.objects.create(region=region, name=f"Benchdorp {i}", cbs_code=f"GM98{i:02d}")
        for i in range(8)
    ]
    return region, municipalities


def bench_telling(municipalities: list[Municipality]) -> None:
    framework = ensure_default_framework()
    signifiers = list(framework.signifiers.all())
    stories = planted_set(TOLD, themes=PLANTED, seed=11)
    rng = random.Random(3)  # noqa: S311 - synthetic data
    names = ["Daan", "Sanne", "Mo", "Fatima"]
    tellings = [
        Telling(
            title=s.title,
            text=f"{s.text} Mijn zoon {rng.choice(names)} belde 06-{rng.randint(10**7, 10**8)}.",
            narrator_role=s.narrator_role,
            municipality=rng.choice(municipalities),
            consent_learning=True,
            answers=answers(s, signifiers),
        )
        for s in stories
    ]
    started = time.perf_counter()
    for telling in tellings:
        tell_story(framework, telling)
    seconds = time.perf_counter() - started
    print(
        f"{'de-identify and store, one story at a time':<62} {TOLD / seconds:8.0f} stories/s "
        f"({TOLD} in {seconds:.1f} s)"
    )


def generate_approved(count: int, region: Region, municipalities: list[Municipality]) -> list[str]:
    """Approved, signified stories with planted themes, stored in bulk (no de-identification:
    that is measured above). Returns the planted theme per story, in id order."""
    framework = ensure_default_framework()
    signifiers = list(framework.signifiers.all())
    by_pk = {s.pk: s for s in signifiers}
    planted = planted_set(count, themes=PLANTED, seed=12)
    rng = random.Random(4)  # noqa: S311 - synthetic data
    truth = []
    for start in range(0, count, 2000):
        chunk = planted[start : start + 2000]
        rows = Story.objects.bulk_create(
            Story(
                framework=framework,
                title=s.title,
                text=s.text,
                narrator_role=s.narrator_role,
                municipality=rng.choice(municipalities),
                region=region,
                consent_learning=True,
                status=StoryStatus.APPROVED,
                source_ref=f"bench:{start + i}",
            )
            for i, s in enumerate(chunk)
        )
        Answer.objects.bulk_create(
            answer_for(story, by_pk[pk], value)
            for story, s in zip(rows, chunk, strict=True)
            for pk, value in answers(s, signifiers).items()
        )
        truth += [s.theme for s in chunk]
    return truth


def bench_themes(count: int, region: Region, municipalities: list[Municipality]) -> None:
    Story.objects.all().delete()
    started = time.perf_counter()
    truth = generate_approved(count, region, municipalities)
    print(f"generated {count} approved signified stories in {time.perf_counter() - started:.1f} s")
    for k in (PLANTED, None):
        started = time.perf_counter()
        run = run_suggestions(region, k=k)
        seconds = time.perf_counter() - started
        label = f"theme finding, {count} stories, k={'chosen' if k is None else k}"
        print(f"{label:<62} {seconds:8.1f} s   ({run.suggestions.count()} suggestions)")
    ids = list(Story.objects.filter(region=region).order_by("pk").values_list("pk", flat=True))
    theme_of = dict(zip(ids, truth, strict=True))
    run = run_suggestions(region, k=PLANTED)
    labels = {
        story_id: number
        for number, suggestion in enumerate(run.suggestions.all())
        for story_id in suggestion.stories.values_list("pk", flat=True)
    }
    score = themes.accuracy([theme_of[i] for i in ids], [labels[i] for i in ids])
    print(f"{'planted themes recovered (accuracy, chance 0.20)':<62} {score:8.3f}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    database = os.environ["DATABASE_URL"]
    if database.startswith("sqlite:///"):
        Path(database.removeprefix("sqlite:///")).parent.mkdir(exist_ok=True)
        Path(database.removeprefix("sqlite:///")).unlink(missing_ok=True)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    warm()
    print(f"deduce loaded in {time.perf_counter() - started:.1f} s ({database.split('://')[0]})")
    region, municipalities = _region()
    bench_telling(municipalities)
    bench_themes(count, region, municipalities)
    analyst = User.objects.create_user(username="analyst", password="bench")  # noqa: S106
    Membership.objects.create(user=analyst, role=Role.ANALYST, region=region)
    client = log_in(Client(), analyst, second_factor=False)
    measure(f"views page, analyst ({count} stories)", lambda: client.get("/verhalen/overzicht/"), 5)


if __name__ == "__main__":
    main()
