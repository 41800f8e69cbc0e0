"""What the organisations app tells higher layers, without importing them.

The audit app listens and writes the access-log entries (``audit/governance.py``), so the
record of who gave whom which role lives in the same append-only log as every case access.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``request`` (the HttpRequest of the person acting, or None for an operator's
# command), ``membership_request`` and ``event`` (one of MembershipEvent's values).
membership_request_changed = Signal()

# Sent when a membership takes effect without a request (roles without case data, or an
# operator's command), with ``request`` (or None), ``membership`` and ``operator`` (a name or "").
membership_granted = Signal()
