"""Benchmarks for Wat werkt: indexing and Dutch full-text search over a knowledge base far larger
than a region's, on SQLite (FTS5) or PostgreSQL ('dutch' tsvector). Prints figures; it never
fails on time.

    .venv/bin/python bench/knowledge.py                 # SQLite file in .tmp/
    DATABASE_URL=postgres://… .venv/bin/python bench/knowledge.py
"""

from __future__ import annotations

import os
import random
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.tmp' / 'bench-knowledge.sqlite3'}")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.timing import measure  # noqa: E402
from elkedagbeter.knowledge import search  # noqa: E402
from elkedagbeter.knowledge.models import CatalogueItem, GoodExample, SearchDocument  # noqa: E402
from elkedagbeter.organisations.models import Region  # noqa: E402

INTERVENTIONS, EXAMPLES = 2_000, 10_000
_VOCABULARY = (
    "gezin gezinnen jongere jongeren ouders kind kinderen school wijkteam netwerk netwerken "
    "uithuisplaatsing uithuisplaatsingen overplaatsing overplaatsingen wachttijd wachttijden "
    "separatie separaties gesloten plaatsing pleegzorg gezinshuis veiligheid opvoeden "
    "behandeling begeleiding thuis samen eerder betrekken verklarende analyse doelen plan "
    "ondersteuning hulp specialist expertteam gemeente regio aanbieder groep leefklimaat"
)
WORDS = _VOCABULARY.split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate() -> float:
    rng = random.Random(8)  # noqa: S311 - synthetic text
    region, _ = Region.objects.get_or_create(code="bench-kennis", defaults={"name": "Bench"})
    started = time.perf_counter()
    with transaction.atomic():
        for n in range(INTERVENTIONS):
            CatalogueItem.objects.create(  # the post_save signal indexes it
                code=f"bench-{n}",
                name=f"Interventie {n} {_text(rng, 3)}",
                target_group=_text(rng, 5),
                description=_text(rng, 40),
            )
        for n in range(EXAMPLES):
            GoodExample.objects.create(
                title=f"Voorbeeld {n} {_text(rng, 3)}",
                what=_text(rng, 60),
                for_whom=_text(rng, 6),
                achieved=_text(rng, 30),
                contact_role="teamcoördinator",
                region=region,
            )
    return time.perf_counter() - started


def main() -> None:
    database = os.environ["DATABASE_URL"]
    if database.startswith("sqlite:///"):
        Path(database.removeprefix("sqlite:///")).unlink(missing_ok=True)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    GoodExample.objects.filter(region__code="bench-kennis").delete()
    CatalogueItem.objects.filter(code__startswith="bench-").delete()
    seconds = generate()
    count = SearchDocument.objects.count()
    print(
        f"Indexed {count} documents in {seconds:.1f} s ({seconds / count * 1000:.2f} ms each, "
        f"{database.split('://')[0]})"
    )
    anyone = AnonymousUser()
    for query in ("uithuisplaatsingen", "gezin school", "verklarende analyse betrekken", "zzz"):
        hits = len(search.search(anyone, query))
        measure(f"search '{query}' ({hits} shown)", partial(search.search, anyone, query))
    client = Client()
    measure(
        "search page 'wachttijden', anonymous",
        lambda: client.get("/wat-werkt/zoeken/?q=wachttijden"),
    )
    measure("catalogue page 1, anonymous", lambda: client.get("/wat-werkt/interventies/"))


if __name__ == "__main__":
    main()
