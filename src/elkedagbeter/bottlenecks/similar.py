"""Grouping similar bottlenecks by their text.

TF-IDF over character n-grams within word boundaries (3 to 5 characters) compares short Dutch
texts well without a stemmer or a language model: "wachtlijst" and "wachtlijsten" share most of
their n-grams, and n-grams that occur in every text ("jeugd", "gemeente") weigh little. Two
bottlenecks are similar when the cosine of their vectors reaches ``THRESHOLD``; a group is a
connected set of similar bottlenecks. The vectoriser is fitted on the texts being compared, so
nothing is trained or downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

THRESHOLD = 0.35

T = TypeVar("T")


def _vectorise(texts: Sequence[str]) -> object:
    vectoriser = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True
    )
    return vectoriser.fit_transform(texts)


def similarity_matrix(texts: Sequence[str]) -> list[list[float]]:
    if not texts:
        return []
    matrix = cosine_similarity(_vectorise(texts))
    return [[float(value) for value in row] for row in matrix]


def groups(items: Sequence[T], texts: Sequence[str], threshold: float = THRESHOLD) -> list[list[T]]:
    """``items`` in groups of similar text, biggest group first, each in the given order."""
    if len(items) != len(texts):
        raise ValueError("One text per item.")
    if not items:
        return []
    if len(items) == 1:
        return [list(items)]
    similarity = cosine_similarity(_vectorise(texts))
    _count, labels = connected_components(similarity >= threshold, directed=False)
    by_label: dict[int, list[T]] = {}
    for item, label in zip(items, labels, strict=True):
        by_label.setdefault(int(label), []).append(item)
    return sorted(by_label.values(), key=lambda group: -len(group))


def most_similar(
    text: str,
    items: Sequence[T],
    texts: Sequence[str],
    threshold: float = THRESHOLD,
    limit: int = 3,
) -> list[T]:
    """Up to ``limit`` of ``items`` whose text is similar to ``text``, most similar first."""
    if not items:
        return []
    similarity = cosine_similarity(_vectorise([text, *texts]))[0][1:]
    ranked = sorted((score, index) for index, score in enumerate(similarity) if score >= threshold)
    return [items[index] for _score, index in reversed(ranked[-limit:])]
