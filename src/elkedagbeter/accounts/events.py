"""What the accounts app tells higher layers (the audit app writes the access-log entries)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``request`` (or None from the command line), ``user_id`` (whose account),
# ``event`` ("issued" or "redeemed"), ``detail`` (what happened, no secrets), ``result``
# (an audit Result value) and ``operator`` (a name, from the command line).
account_code_changed = Signal()
