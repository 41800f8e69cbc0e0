"""Benchmark of the iJw import on generated messages. Prints figures; never fails on time.

    python bench/ijw.py [YOUTHS]        (default 5000: about 50,000 messages, a region's year)

Generates a year of JW315/JW301/JW305/JW307 messages (10 per youth: two trajectories, one
stopped and followed by a transfer, plus one correction and one duplicate) as files in a
temporary folder (not committed), then imports the folder as the nightly command does
(keep the good messages) into a fresh SQLite database. Reports the import time, messages per
second, and the peak memory (resident set size of the process, and the peak of Python
allocations during the import from tracemalloc when IJW_BENCH_TRACEMALLOC=1, which is slower).
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
(ROOT / ".tmp").mkdir(exist_ok=True)
DB = ROOT / ".tmp" / "bench-ijw.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elkedagbeter.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB}")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from elkedagbeter.ijw.actions import import_messages  # noqa: E402
from elkedagbeter.ijw.files import from_path  # noqa: E402
from elkedagbeter.ijw.models import CareEpisode  # noqa: E402
from elkedagbeter.ijw.tests import examples as ex  # noqa: E402
from elkedagbeter.organisations.models import Region  # noqa: E402

PROVIDERS = [f"{n:08d}" for n in range(10000001, 10000041)]
PRODUCTS = [("45", "45A11"), ("43", "43A31"), ("40", "40A01"), ("53", "53A02"), ("46", "46A12")]


def bsn_for(number: int) -> str:
    """A BSN that passes the elfproef, derived from ``number`` (skipping impossible ones)."""
    while True:
        head = f"{number:08d}"[-8:]
        total = sum(int(d) * w for d, w in zip(head, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10 and total != check:
            return head + str(check)
        number += 1


def generate(folder: Path, youths: int) -> int:
    rng = random.Random(22)  # noqa: S311  # reproducible test data, not security
    year = date(2026, 1, 1)
    count = 0

    def write(name: str, data: bytes) -> None:
        nonlocal count
        (folder / name).write_bytes(data)
        count += 1

    for youth in range(youths):
        bsn = bsn_for(10_000_000 + youth * 7)
        first, second = rng.sample(PROVIDERS, 2)
        (cat1, code1), (cat2, code2) = rng.sample(PRODUCTS, 2)
        asked = year + timedelta(days=rng.randrange(0, 120))
        began = asked + timedelta(days=rng.randrange(5, 80))
        ended = began + timedelta(days=rng.randrange(30, 120))
        asked2 = ended - timedelta(days=rng.randrange(0, 30))
        began2 = ended + timedelta(days=rng.randrange(1, 60))
        n1, n2 = str(2 * youth + 1), str(2 * youth + 2)
        p = f"{youth:06d}"
        write(
            f"{p}-01.xml",
            ex.request(f"R{p}a", f"REF{p}a", cat1, code1, asked.isoformat(), bsn=bsn, sender=first),
        )
        write(
            f"{p}-02.xml",
            ex.assignment(f"A{p}a", n1, cat1, code1, asked.isoformat(), bsn=bsn, receiver=first),
        )
        write(
            f"{p}-03.xml",
            ex.start(f"S{p}a", n1, cat1, code1, began.isoformat(), bsn=bsn, sender=first),
        )
        write(
            f"{p}-04.xml",
            ex.start(
                f"C{p}a",
                n1,
                cat1,
                code1,
                (began + timedelta(days=1)).isoformat(),
                status="2",
                bsn=bsn,
                sender=first,
            ),
        )
        write(
            f"{p}-05.xml",
            ex.stop(
                f"E{p}a",
                n1,
                cat1,
                code1,
                (began + timedelta(days=1)).isoformat(),
                ended.isoformat(),
                rng.choice(["01", "02", "07", "08"]),
                bsn=bsn,
                sender=first,
            ),
        )
        write(
            f"{p}-06.xml",
            ex.request(
                f"R{p}b", f"REF{p}b", cat2, code2, asked2.isoformat(), bsn=bsn, sender=second
            ),
        )
        write(
            f"{p}-07.xml",
            ex.assignment(f"A{p}b", n2, cat2, code2, asked2.isoformat(), bsn=bsn, receiver=second),
        )
        write(
            f"{p}-08.xml",
            ex.start(f"S{p}b", n2, cat2, code2, began2.isoformat(), bsn=bsn, sender=second),
        )
        # The same start again (a resent message) and a stop of the second episode.
        write(
            f"{p}-09.xml",
            ex.start(f"S{p}b", n2, cat2, code2, began2.isoformat(), bsn=bsn, sender=second),
        )
        write(
            f"{p}-10.xml",
            ex.stop(
                f"E{p}b",
                n2,
                cat2,
                code2,
                began2.isoformat(),
                (began2 + timedelta(days=90)).isoformat(),
                "02",
                bsn=bsn,
                sender=second,
            ),
        )
    return count


def main() -> None:
    youths = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    region = Region.objects.create(name="Benchregio", code="bench-ijw")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        messages = generate(folder, youths)
        generated = time.perf_counter() - t0
        trace = os.environ.get("IJW_BENCH_TRACEMALLOC") == "1"
        if trace:
            tracemalloc.start()
        t0 = time.perf_counter()
        report = import_messages(region, from_path(folder), all_or_nothing=False)
        seconds = time.perf_counter() - t0
        traced_peak = tracemalloc.get_traced_memory()[1] if trace else None
        if trace:
            tracemalloc.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"youths {youths}, messages {messages} (generated in {generated:.1f} s)")
    print(
        f"accepted {report.accepted}, duplicates {report.duplicates}, "
        f"rejected {len(report.rejections)}, pending stops {report.pending_stops}, "
        f"episodes {CareEpisode.objects.count()}, unregistered youths {report.unregistered}"
    )
    print(f"import {seconds:.1f} s, {messages / seconds:.0f} messages/s")
    print(f"peak resident memory of the process {rss_kib / 1024:.0f} MiB")
    if traced_peak is not None:
        print(f"peak Python allocations during the import {traced_peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
