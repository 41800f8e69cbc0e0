"""The accounts of the load test, shared by the script that creates them (bench/load_users.py,
inside Django) and the locustfile (outside Django): names, the password and the TOTP keys.

Every simulated professional has an account of their own: a TOTP code is accepted once, so two
simulated people logging in on one account within the same 30 seconds would lock each other out.
"""

from __future__ import annotations

from django_otp.oath import TOTP

# The demo's password (demo/region.py): the load test runs on a throwaway demo database only.
PASSWORD = "demo-elke-dag-beter"  # noqa: S105
TEAM = "Wijkteam Beekdal-Noord"  # the demo professional's team
PROFESSIONALS = 300  # enough for the warm-up, 50 and 200 simulated users one after another
ANALYST = "analyst"  # the demo analyst of the demo region; no second factor
NATIONAL_VIEWER = "load-viewer"  # sees the country's figures; no second factor


def professional(number: int) -> str:
    return f"load-pro-{number % PROFESSIONALS:03d}"


def totp_key(username: str) -> bytes:
    """A fixed 20-byte key per load account (never used outside a throwaway database)."""
    return f"edb-load-{username}".encode().ljust(20, b"0")[:20]


def current_code(username: str) -> str:
    return f"{TOTP(totp_key(username)).token():06d}"
