"""The client address of a request: the one the story form's rate limit counts, the access log
records and the login lock-out keys on — the same for all three.

``X-Forwarded-For`` is written by whoever sends the request; only the entries our own proxies
add can be trusted. Each proxy appends the address it received the request from, so with
``TRUSTED_PROXY_HOPS`` = N proxies in front of the application the client is the N-th entry
from the right: whatever the client put to the left of it is ignored. With 0 hops (the
default, for a server that faces the internet) the header is ignored and ``REMOTE_ADDR`` is the
address. A header with fewer than N entries, or an entry that is not an IP address, means the
request did not come through the proxies as configured: ``REMOTE_ADDR`` again, which nobody can
forge.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address the nearest untrusted party connected from; None when unknown."""
    remote = _address(str(request.META.get("REMOTE_ADDR") or ""))
    hops: int = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    if len(forwarded) < hops:
        return remote
    return _address(forwarded[-hops]) or remote
