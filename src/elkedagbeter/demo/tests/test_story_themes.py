"""Theme finding recovers planted themes in a synthetic set. The score is printed (-s); the bar
is "clearly better than chance and than the word baseline", set before measuring."""

from __future__ import annotations

import pytest

from elkedagbeter.demo.synthetic_stories import planted_set
from elkedagbeter.stories import themes
from elkedagbeter.stories.tests.factories import told

PLANTED = 4
CHANCE = 1 / PLANTED


def _docs(seed: int) -> tuple[list[themes.Doc], list[str]]:
    stories = planted_set(400, themes=PLANTED, seed=seed)
    docs = []
    for index, s in enumerate(stories):
        vector = [1.0 if i in s.statements else 0.0 for i in range(10)]
        for shares in s.triads:
            vector += [1 / 3] * 3 if shares is None else [x / 1000 for x in shares]
        vector += [0.5 if d is None else d / 1000 for d in s.dyads]
        vector += [1.0 if i in s.mkwd else 0.0 for i in range(4)]
        docs.append(themes.Doc(index, f"{s.title}. {s.text}", vector))
    return docs, [s.theme for s in stories]


def test_the_default_method_recovers_planted_themes() -> None:
    docs, truth = _docs(seed=101)  # a seed not used while choosing the method
    default = themes.accuracy(truth, themes.labels_for(docs, PLANTED, themes.DEFAULT_METHOD))
    baseline = themes.accuracy(truth, themes.labels_for(docs, PLANTED, "words"))
    print(f"\nplanted themes: {themes.DEFAULT_METHOD} {default:.3f}, words {baseline:.3f}")
    assert default >= 0.8
    assert default > baseline


def test_suggest_finds_clusters_with_keywords_and_central_members_first() -> None:
    docs, truth = _docs(seed=102)
    clusters = themes.suggest(docs, k=PLANTED)
    assert sum(len(c.members) for c in clusters) == len(docs)
    by_key = dict(zip((d.key for d in docs), truth, strict=True))
    largest = clusters[0]
    dominant = max(set(truth), key=lambda t: sum(by_key[m] == t for m in largest.members))
    assert by_key[largest.members[0]] == dominant
    assert largest.keywords


def test_choosing_the_number_of_clusters() -> None:
    docs, _truth = _docs(seed=103)
    k = themes.choose_k(themes.features(docs[:200], themes.DEFAULT_METHOD))
    print(f"\nchosen k for 4 planted themes: {k}")
    assert 2 <= k <= themes.MAX_CLUSTERS


def test_negations_are_not_stop_words() -> None:
    words = themes.stop_words()
    assert {"niet", "geen", "nooit"}.isdisjoint(words)
    assert {"de", "het", "een"} <= words


@pytest.mark.django_db
def test_more_like_this_prefers_the_same_theme(world) -> None:
    from elkedagbeter.stories.patterns import documents

    waiting = [
        told(world.team_a.municipality, title=f"Wachten {i}", text=t)
        for i, t in enumerate(
            [
                "We stonden maanden op de wachtlijst voor de ggz.",
                "Negen maanden wachten op een behandeling, niemand belde terug.",
                "De wachttijd voor jeugdhulp was meer dan een jaar.",
            ]
        )
    ]
    school = told(
        world.team_a.municipality, title="School", text="Onze zoon zat thuis zonder school."
    )
    docs = documents([waiting[0], school, waiting[1], waiting[2]])
    nearest = themes.nearest(docs, 0, limit=2)
    assert set(nearest) == {waiting[1].pk, waiting[2].pk}
