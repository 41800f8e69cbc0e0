"""How the de-identifier cuts text into words: letters and digits, joined by inner hyphens and
apostrophes ("Jan-Willem", "Al-Hassan", "ib'er"), so that a double name is one word."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
