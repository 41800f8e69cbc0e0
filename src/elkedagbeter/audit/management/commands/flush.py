"""``flush`` that knows about the append-only access log.

Test runs (TransactionTestCase, live-server browser tests) flush the database between tests. The
access-log triggers rightly refuse that, so where settings allow it (test settings only) this
lifts them for the flush; everywhere else the triggers stop a flush from erasing the log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from elkedagbeter.audit import triggers


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        if not getattr(settings, "ACCESS_LOG_FLUSH_ALLOWED", False):
            super().handle(**options)
            return
        connection = connections[options["database"]]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET elkedagbeter.purge_before = 'infinity'")
            else:
                cursor.execute(triggers.SQLITE_DROP_DELETE_GUARD)
        try:
            super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("RESET elkedagbeter.purge_before")
                else:
                    cursor.execute(triggers.SQLITE_DELETE_GUARD)
