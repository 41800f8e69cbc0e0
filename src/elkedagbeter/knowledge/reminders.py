"""The reflection reminder: coordinators of a team that has not reflected in four months get
one e-mail per gap. ``remind_reflection`` runs it from cron; the logbook page shows the same
state to everyone in the team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Role, Team

from .models import ReflectionReminder, ReflectionSession
from .selectors import REFLECTION_GAP_MONTHS, teams_to_remind


@dataclass(frozen=True)
class Sent:
    team: Team
    recipients: int


def _coordinators(team: Team) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, memberships__team=team, memberships__role=Role.COORDINATOR
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_reminders(today: date, base_url: str = "") -> list[Sent]:
    """Remind every team that is due. The record and the e-mail share one transaction: a run
    killed or failing before it commits leaves no record, so the next run sends it; a second
    run (or one overlapping) finds the record and sends nothing."""
    sent = []
    for team, last in teams_to_remind(today):
        recipients = _coordinators(team)
        try:
            with transaction.atomic():
                ReflectionReminder.objects.create(
                    team=team, last_session=last, recipients=len(recipients)
                )
                if recipients:
                    _mail(team, last, recipients, base_url)
        except IntegrityError:  # another run reminded this team for this gap just now
            continue
        sent.append(Sent(team, len(recipients)))
    return sent


def _mail(
    team: Team, last: ReflectionSession | None, recipients: list[User], base_url: str
) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "team": team,
            "last": last,
            "months": REFLECTION_GAP_MONTHS,
            "url": base_url + reverse("knowledge:logbook", args=[team.pk]),
        }
        subject = render_to_string("knowledge/reminder_subject.txt", context).strip()
        body = render_to_string("knowledge/reminder_email.txt", context)
    send_mail(subject, body, None, [user.email for user in recipients])
