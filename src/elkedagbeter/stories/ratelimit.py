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

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from elkedagbeter.audit.addresses import client_address


def _key(request: HttpRequest, scope: str) -> str:
    window = int(time.time() // settings.STORY_RATE_WINDOW_SECONDS)
    message = f"{scope}:{client_address(request) or ''}:{window}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"edb-rate:{digest}"


def allow(request: HttpRequest, scope: str, limit: int | None = None) -> bool:
    """Count one attempt; False once more than ``limit`` fell in the current window."""
    limit = settings.STORY_RATE_LIMIT if limit is None else limit
    key = _key(request, scope)
    cache.add(key, 0, timeout=settings.STORY_RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.STORY_RATE_WINDOW_SECONDS)
        count = 1
    return count <= limit


def blocked(request: HttpRequest, scope: str, limit: int | None = None) -> bool:
    """Whether more than ``limit`` attempts fell in the current window, without counting one
    (check this before looking at what was sent, so a lock holds even for a right answer)."""
    limit = settings.STORY_RATE_LIMIT if limit is None else limit
    count = cache.get(_key(request, scope), 0)
    return bool(count >= limit)
