"""One application process for test_rate_limit_across_processes: counts a story attempt in the
story form's rate limit for each address read from standard input and answers 1 (allowed) or 0
(refused), one line each. Its settings come from the environment, as a server's do:
DATABASE_URL, SHARED_CACHE, TRUSTED_PROXY_HOPS and STORY_RATE_LIMIT."""

from __future__ import annotations

import sys

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.test import RequestFactory

    from elkedagbeter.stories import ratelimit

    call_command("createcachetable", verbosity=0)  # once per database; nothing when present
    factory = RequestFactory()
    print("ready", flush=True)
    for line in sys.stdin:
        request = factory.post("/verhalen/delen/", REMOTE_ADDR=line.strip())
        print("1" if ratelimit.allow(request, "share") else "0", flush=True)


if __name__ == "__main__":
    main()
