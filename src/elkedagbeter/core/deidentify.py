"""De-identification of Dutch free text with deduce, one instance per process.

deduce builds its lookup tables on first use after installation (about a minute); `make demo`
and `make test` warm it during set-up, so requests only pay for loading them once.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _deduce() -> Any:
    import deduce

    return deduce.Deduce()


def deidentify(text: str) -> str:
    """Replace names, places, dates of birth, phone numbers and the like with tags such as
    ``[PERSOON-1]``; empty text stays empty."""
    if not text.strip():
        return text
    return str(_deduce().deidentify(text).deidentified_text)
