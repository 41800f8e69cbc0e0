"""Pseudonym keys for youths: a keyed HMAC of the BSN with a per-region key, so the same youth
can be recognised across teams of a region without anyone storing, logging or showing the BSN.

The per-region key is derived from ``PSEUDONYM_SECRET`` and the region code; rotating the secret
breaks the links (by design: it is the way to forget them).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def is_valid_bsn(value: str) -> bool:
    """The elfproef for a citizen service number (burgerservicenummer): nine digits whose
    weighted sum (9, 8, ..., 2, and -1 for the last digit) is divisible by 11 and not zero."""
    digits = value.strip()
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    total = sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=True))
    return total != 0 and total % 11 == 0


def _region_key(region_code: str) -> bytes:
    secret = settings.PSEUDONYM_SECRET.encode()
    return hmac.new(secret, f"region:{region_code}".encode(), hashlib.sha256).digest()


def pseudonym_for(bsn: str, region_code: str) -> str:
    """The youth's pseudonym in a region. Call only with a BSN that passed the elfproef."""
    normalised = bsn.strip().zfill(9)
    return hmac.new(_region_key(region_code), normalised.encode(), hashlib.sha256).hexdigest()
