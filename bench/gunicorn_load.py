"""gunicorn settings of the load test (scripts/load.sh): load the application, and with it the
de-identifier's tables, once in the master before the workers are forked, so no story sent
during the test waits for a worker to load them (tens of seconds on a busy machine)."""

from __future__ import annotations

preload_app = True
timeout = 60


def when_ready(server: object) -> None:
    from elkedagbeter.core.deidentify import warm

    warm()
