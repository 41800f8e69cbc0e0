"""A small rate limit for the public story form, kept in Django's cache.

The key is a keyed hash of the client address (``audit.addresses.client_address``: behind
``TRUSTED_PROXY_HOPS`` proxies the address they added, not the client's own X-Forwarded-For
entries) and the time window; the address itself is never stored, not in the cache and not with
a story. Use a shared cache (Redis, Memcached or the
database cache) when running more than one process; the default local-memory cache counts per
process.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import OperationalError, connections, router, transaction
from django.http import HttpRequest

from elkedagbeter.audit.addresses import client_address

DEADLOCK_TRIES = 3


def _key(request: HttpRequest, scope: str) -> str:
    window = int(time.time() // settings.STORY_RATE_WINDOW_SECONDS)
    message = f"{scope}:{client_address(request) or ''}:{window}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"edb-rate:{digest}"


def allow(request: HttpRequest, scope: str, limit: int | None = None) -> bool:
    """Count one attempt; False once more than ``limit`` fell in the current window."""
    limit = settings.STORY_RATE_LIMIT if limit is None else limit
    key = _key(request, scope)
    for attempt in range(1, DEADLOCK_TRIES + 1):
        try:
            return _count(key) <= limit
        except OperationalError as error:
            # The database cache culls old entries inside a write (once it holds MAX_ENTRIES);
            # processes culling while others hold their counters locked can deadlock, and
            # PostgreSQL then undoes one of them, which counted nothing: count again.
            if attempt == DEADLOCK_TRIES or getattr(error.__cause__, "sqlstate", "") != "40P01":
                raise
    raise AssertionError("unreachable")


def _count(key: str) -> int:
    cache.add(key, 0, timeout=settings.STORY_RATE_WINDOW_SECONDS)
    with _one_at_a_time(key):
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.STORY_RATE_WINDOW_SECONDS)
            return 1


@contextmanager
def _one_at_a_time(key: str) -> Iterator[None]:
    """Hold the counter's row of the database cache locked until the block is done (PostgreSQL;
    other caches and databases as they are: local memory counts under a lock of its own)."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, DatabaseCache):
        yield
        return
    alias = router.db_for_write(backend.cache_model_class)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    table = connection.ops.quote_name(backend.cache_model_class._meta.db_table)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 - our table
            [backend.make_and_validate_key(key)],
        )
        yield


def blocked(request: HttpRequest, scope: str, limit: int | None = None) -> bool:
    """Whether more than ``limit`` attempts fell in the current window, without counting one
    (check this before looking at what was sent, so a lock holds even for a right answer)."""
    limit = settings.STORY_RATE_LIMIT if limit is None else limit
    count = cache.get(_key(request, scope), 0)
    return bool(count >= limit)
