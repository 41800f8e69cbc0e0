"""When the database cannot be reached, pages and the API answer 503 with a time to retry."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError

# Seconds a client is asked to wait before retrying when the database is away.
RETRY_AFTER_SECONDS = 30


def is_database_away(error: BaseException | None) -> bool:
    """A lost or refused connection (or a locked SQLite file): the request may succeed later."""
    return isinstance(error, OperationalError | InterfaceError)
