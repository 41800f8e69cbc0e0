"""Full-text search in Dutch over the documents of every registered source (see sources.py).

PostgreSQL: a 'dutch' tsvector per document (title weight A, text weight B) with a GIN index,
queried with ``to_tsquery('dutch', ...)`` and ranked with ``ts_rank``.

SQLite (the embedded fallback): an FTS5 table ``knowledge_search_fts`` shadows the documents by
rowid. FTS5 has no Dutch stemmer, so text and query are stemmed here with Snowball's original
Dutch stemmer ("dutch_porter") and the same stop words, which is what PostgreSQL's 'dutch'
configuration uses: both databases find the same inflections. Ranking uses bm25.

Every query word is matched as a prefix of a stem ("gezin" also finds "gezinnen"), and all
words must match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet

from elkedagbeter.organisations.models import Team
from elkedagbeter.organisations.scoping import aggregate_area, memberships_of

from .models import Audience, SearchDocument

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elkedagbeter.accounts.models import User

CONFIG = "dutch"
FTS_TABLE = "knowledge_search_fts"
MAX_RESULTS = 200
_WORD = re.compile(r"[^\W_]+")

# Snowball's Dutch stop word list, the one PostgreSQL ships as tsearch_data/dutch.stop.
_DUTCH_STOP = """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel
meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen
kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere"""
STOP_WORDS = frozenset(_DUTCH_STOP.split())


@dataclass(frozen=True)
class Document:
    """What a source hands the index for one object."""

    title: str
    body: str
    url: str
    audience: Audience
    team_id: int | None = None


@dataclass(frozen=True)
class Hit:
    document: SearchDocument
    source_label: str


def words(text: str) -> list[str]:
    """Lower-cased words without the stop words, as both databases see them."""
    return [word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS]


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("dutch_porter")


def stems(text: str) -> list[str]:
    stemmer = _stemmer()
    return [stemmer.stemWord(word) for word in words(text)]


def _vendor() -> str:
    return connection.vendor


# --- Writing -------------------------------------------------------------------------------------


def put(source: str, object_id: int, document: Document) -> None:
    """Add or replace the document of one object."""
    row, _created = SearchDocument.objects.update_or_create(
        source=source,
        object_id=object_id,
        defaults={
            "title": document.title[:300],
            "body": document.body,
            "url": document.url,
            "audience": document.audience,
            "team_id": document.team_id,
        },
    )
    if _vendor() == "postgresql":
        vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector(
            "body", weight="B", config=CONFIG
        )
        SearchDocument.objects.filter(pk=row.pk).update(vector=vector)
    elif _vendor() == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [row.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [row.pk, " ".join(stems(row.title)), " ".join(stems(row.body))],
            )


def remove(source: str, object_ids: Iterable[int]) -> None:
    rows = SearchDocument.objects.filter(source=source, object_id__in=list(object_ids))
    ids = list(rows.values_list("pk", flat=True))
    if not ids:
        return
    if _vendor() == "sqlite":
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)  # noqa: S608
    rows.delete()


# --- Reading -------------------------------------------------------------------------------------


def visible_documents(user: User | AnonymousUser) -> QuerySet[SearchDocument]:
    """Public documents for everyone; the rest for signed-in users as their audience says."""
    if not user.is_authenticated:
        return SearchDocument.objects.filter(audience=Audience.PUBLIC)
    own = {m.team_id for m in memberships_of(user) if m.team_id is not None}
    area = aggregate_area(user)
    in_area = Team.objects.filter(area.team_q()).values("id")
    return SearchDocument.objects.filter(
        Q(audience__in=[Audience.PUBLIC, Audience.SIGNED_IN])
        | Q(audience=Audience.AREA, team_id__in=own)
        | Q(audience=Audience.AREA, team_id__in=in_area)
    )


def search(
    user: User | AnonymousUser, query: str, *, sources: Iterable[str] = ()
) -> list[SearchDocument]:
    """The user's visible documents matching every word of ``query``, best first."""
    terms = words(query)
    if not terms:
        return []
    documents = visible_documents(user)
    chosen = list(sources)
    if chosen:
        documents = documents.filter(source__in=chosen)
    if _vendor() == "postgresql":
        return _search_postgresql(documents, terms)
    if _vendor() == "sqlite":
        return _search_sqlite(documents, terms)
    return _search_plain(documents, terms)


def _search_postgresql(
    documents: QuerySet[SearchDocument], terms: list[str]
) -> list[SearchDocument]:
    # Words are letters and digits only, so quoting them cannot break the tsquery syntax.
    raw = " & ".join(f"'{term}':*" for term in terms)
    query = SearchQuery(raw, config=CONFIG, search_type="raw")
    ranked = (
        documents.filter(vector=query)
        .annotate(rank=SearchRank(F("vector"), query))
        .order_by("-rank", "title")
    )
    return list(ranked[:MAX_RESULTS])


def _search_sqlite(documents: QuerySet[SearchDocument], terms: list[str]) -> list[SearchDocument]:
    stemmer = _stemmer()
    match = " AND ".join(f'"{stemmer.stemWord(term)}"*' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            f"ORDER BY bm25({FTS_TABLE}, 4.0, 1.0) LIMIT %s",
            [match, MAX_RESULTS * 5],
        )
        order = [row[0] for row in cursor.fetchall()]
    found = {doc.pk: doc for doc in documents.filter(pk__in=order)}
    return [found[pk] for pk in order if pk in found][:MAX_RESULTS]


def _search_plain(documents: QuerySet[SearchDocument], terms: list[str]) -> list[SearchDocument]:
    """Other databases: every word as a substring; no stemming."""
    for term in terms:
        documents = documents.filter(Q(title__icontains=term) | Q(body__icontains=term))
    return list(documents.order_by("title")[:MAX_RESULTS])
