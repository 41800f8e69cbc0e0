"""The optional e-mail to whoever raised a knelpunt when someone else moves it (opt-in on
"Wat is er met mijn signaal gebeurd?"). Sent after the transaction commits; the mail names the
knelpunt, its new status and its body, never a case, and links to the page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from elkedagbeter.bottlenecks.models import CLOSED, StatusChange

from .models import SignalSeen


def mail_the_raiser(
    sender: type[StatusChange], instance: StatusChange, created: bool, **kwargs: Any
) -> None:
    if not created or kwargs.get("raw") or instance.status in CLOSED:
        # Closing is always told to the raiser, with the decision (bottlenecks.actions).
        return
    bottleneck = instance.bottleneck
    raiser = bottleneck.raised_by
    if instance.actor_id == raiser.pk or not raiser.email:
        return
    if not SignalSeen.objects.filter(user=raiser, mail_on_change=True).exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your knelpunt %(number)s is now: %(status)s") % {
            "number": bottleneck.number,
            "status": instance.get_status_display().lower(),
        }
        text = _(
            "%(number)s %(title)s\n\nNew status: %(status)s (%(body)s).\n\n"
            "See what became of your signals: %(link)s"
        ) % {
            "number": bottleneck.number,
            "title": bottleneck.title,
            "status": instance.get_status_display().lower(),
            "body": instance.body,
            "link": settings.SITE_URL + reverse("pages:signals"),
        }
    recipient = raiser.email
    transaction.on_commit(lambda: send_mail(subject, text, None, [recipient]))
