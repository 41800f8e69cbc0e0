"""How passwords are stored: Argon2id with the parameters OWASP's Password Storage Cheat Sheet
gives as its first configuration (19 MiB of memory, 2 passes, 1 lane).

Django's own defaults (100 MiB, 2 passes, 8 lanes) cost 0.19 CPU seconds per login on a 2-core
server, and a crowd of 200 arriving at nine took 36 s before the last was in (issue 21). These
cost about 0.02 s and are, by OWASP's reckoning, as strong against guessing on graphics cards.
A hash stored with other parameters still checks, and is stored again with these at the next
successful login (Django's ``must_update``)."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
