"""De-identification: quality on the annotated set, start-up time and throughput. Figures only.

    python bench/deidentify.py

1. Recall per identifier category, words kept per category that must stay, and precision per
   tag the engine gave, on the development set and on the held-out set separately
   (src/elkedagbeter/core/deid/evaluation/).
2. Start-up: wall time from starting a fresh Python process to its first de-identified sentence,
   with an empty cache directory (the word lists are built and cached) and with the cache there.
3. Throughput: stories of about 200 words (sentences of the evaluation set and synthetic story
   sentences, mixed) per second in one process after warm-up, and in two processes.
4. Replacements on synthetic stories that contain no identifier (every one is a false positive).
5. The moderators' manual replacements per category, from the database when there is one
   (DATABASE_URL; the stories bench database by default).
6. For comparison, deduce's own pipeline (``deduce.Deduce``, its default configuration) on the
   same sets: recall and words kept, start-up in a fresh process and stories per second. Our
   engine reads deduce's word lists but replaced its pipeline; this says why.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from elkedagbeter.core.deid.engine import find  # noqa: E402
from elkedagbeter.core.deid.evaluation import IDENTIFIERS, KEPT, Score, load, score  # noqa: E402
from elkedagbeter.core.deidentify import deidentify, warm  # noqa: E402

FIRST = "Mijn zoon Daan belde op 12 april met Veilig Thuis in Enschede."


def _finder(text: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.kind) for s in find(text)]


def _rates(result: Score, title: str, counted: str, rate: str, categories: tuple[str, ...]) -> None:
    print(f"   {title:<14}{counted:>10}{rate:>9}")
    for category in categories:
        total = result.total[category]
        print(
            f"   {category:<14}{result.found[category]:>5}/{total:<4}{result.rate(category):>9.3f}"
        )
    print(f"   {'all':<14}{'':>10}{result.overall(categories):>9.3f}")


def _report(name: str, result: Score) -> None:
    print(f"-- {name}")
    _rates(result, "identifier", "found", "recall", tuple(IDENTIFIERS))
    _rates(result, "must stay", "kept", "rate", tuple(KEPT))
    print(f"   {'tag given':<14}{'correct':>10}{'precision':>10}")
    for kind in sorted(result.predicted):
        right, given = result.true_positive[kind], result.predicted[kind]
        print(f"   {kind:<14}{right:>5}/{given:<4}{result.precision(kind):>10.3f}")
    print(f"   {'all':<14}{'':>10}{result.overall_precision():>10.3f}")
    for line in result.misses:
        print(f"   missed {line}")
    for line in result.false_positives:
        print(f"   replaced needlessly {line}")


def _startup(cache: str) -> float:
    code = (
        "from elkedagbeter.core.deidentify import deidentify\n"
        f"assert '[PERSOON-1]' in deidentify({FIRST!r})\n"
    )
    env = {**os.environ, "EDB_DEID_CACHE_DIR": cache, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)  # noqa: S603
    return time.perf_counter() - start


def _stories(count: int, words: int = 200, seed: int = 7) -> list[str]:
    from elkedagbeter.demo.synthetic_stories import FILLER

    rng = random.Random(seed)  # noqa: S311 - benchmark data
    sentences = [s.text for s in load("dev")] + list(FILLER)
    stories = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(sentences))
        stories.append(" ".join(parts))
    return stories


def _run(stories: list[str]) -> int:
    warm()
    for text in stories:
        deidentify(text)
    return len(stories)


def _throughput() -> None:
    stories = _stories(1000)
    words = sum(len(s.split()) for s in stories) / len(stories)
    _run(stories[:50])
    start = time.perf_counter()
    _run(stories)
    elapsed = time.perf_counter() - start
    print(f"one process: {len(stories) / elapsed:.0f} stories/s ({words:.0f} words each)")
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_run, [stories[:20], stories[:20]]))  # start and warm both
        start = time.perf_counter()
        done = sum(pool.map(_run, [stories[:500], stories[500:]]))
        elapsed = time.perf_counter() - start
    print(f"two processes: {done / elapsed:.0f} stories/s")


def _synthetic() -> None:
    from elkedagbeter.demo.synthetic_stories import planted_set

    stories = planted_set(1000, themes=5, seed=3)
    words = sum(len(s.text.split()) + len(s.title.split()) for s in stories)
    replaced: dict[str, int] = {}
    examples: dict[str, str] = {}
    for story in stories:
        for text in (story.title, story.text):
            for span in find(text):
                replaced[span.kind] = replaced.get(span.kind, 0) + 1
                examples.setdefault(span.kind, text[span.start : span.end])
    total = sum(replaced.values())
    print(
        f"{total} replacements in {len(stories)} synthetic stories without identifiers "
        f"({words} words, {1000 * total / words:.2f} per 1,000 words): {replaced} "
        f"e.g. {examples}"
    )


def _manual_fixes() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
    default = f"sqlite:///{ROOT / '.tmp' / 'bench-stories.sqlite3'}"
    os.environ.setdefault("DATABASE_URL", default)
    try:
        import django

        django.setup()
        from elkedagbeter.stories.selectors import manual_fixes_per_kind

        counts = manual_fixes_per_kind(None)
    except Exception as error:
        print(f"manual replacements per category: no database ({type(error).__name__})")
        return
    print(f"manual replacements per category (all regions): {counts or 'none yet'}")


def _deduce_finder() -> tuple[object, float]:
    import deduce

    start = time.perf_counter()
    engine = deduce.Deduce()
    return engine, time.perf_counter() - start


def _deduce_alone() -> None:
    print("== For comparison: deduce's own pipeline (default configuration) ==")
    code = f"import deduce\ndeduce.Deduce().deidentify({FIRST!r})\n"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
    print(f"start-up, a fresh process to its first sentence: {time.perf_counter() - start:.2f} s")
    engine, _seconds = _deduce_finder()

    def spans(text: str) -> list[tuple[int, int, str]]:
        document = engine.deidentify(text)  # type: ignore[attr-defined]
        return [(a.start_char, a.end_char, a.tag) for a in document.annotations]

    for name in ("dev", "heldout"):
        result = score(load(name), spans)
        print(
            f"{name}: identifiers found {result.overall(IDENTIFIERS):.3f}, words kept "
            f"{result.overall(KEPT):.3f}; per identifier category: "
            + ", ".join(f"{c} {result.rate(c):.2f}" for c in IDENTIFIERS)
        )
    stories = _stories(200)
    for text in stories[:10]:
        spans(text)
    start = time.perf_counter()
    for text in stories:
        spans(text)
    print(f"one process: {len(stories) / (time.perf_counter() - start):.0f} stories/s")


def main() -> None:
    print("== Quality on the annotated evaluation set ==")
    _report("development set", score(load("dev"), _finder))
    _report("held-out set", score(load("heldout"), _finder))
    print("== Start-up: a fresh process to its first de-identified sentence ==")
    with tempfile.TemporaryDirectory() as cache:
        cold = _startup(cache)
        warm_start = min(_startup(cache) for _ in range(3))
    print(f"empty cache (builds and caches the word lists): {cold:.2f} s")
    print(f"with the cache: {warm_start:.2f} s")
    print("== Throughput ==")
    _throughput()
    _synthetic()
    _manual_fixes()
    _deduce_alone()


if __name__ == "__main__":
    main()
