"""The time of day the demo gives to what it generates on a given day."""

from datetime import date, datetime, time

from django.utils import timezone


def at_on(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """That day at that hour, but never later than now: a demo loaded at eight in the morning
    must not show a moment written at ten the same day."""
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return min(moment, timezone.now())
