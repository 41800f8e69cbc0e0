"""What accounts announces. Apps above it listen (the access log in ``audit.receivers``);
accounts imports none of them.

Django's own ``user_logged_in``, ``user_logged_out`` and ``user_login_failed`` cover the
password step; ``second_factor_checked`` covers the TOTP step.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent after a TOTP code was checked, on verification and on enrolment.
# Arguments: request (HttpRequest), succeeded (bool).
second_factor_checked = Signal()

# Sent when a one-time code is issued or used, with ``request`` (or None from the command
# line), ``user_id`` (whose account), ``event`` ("issued" or "redeemed"), ``detail`` (what
# happened, no secrets), ``result`` (an audit Result value) and ``operator`` (a name).
account_code_changed = Signal()
