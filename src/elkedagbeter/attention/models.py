"""Signals on cases and what the team did with them, and the thresholds a region sets.

A signal is one rule firing on one case for one piece of evidence (its ``key``: the moment that
started a streak, the third transfer, ...). The rules themselves live in ``rules.py``; a signal
keeps the rule's parameters in ``detail`` so its reason is written in the reader's language."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Region


class Rule(models.TextChoices):
    PLAN_MISFIT = "plan_past_niet", _("The plan does not fit")
    SAFETY = "veiligheid", _("Safety falls")
    NO_PROGRESS = "geen_voortgang", _("No progress on the desired results")
    NO_MOMENT = "geen_monitoring", _("No monitoring moment for too long")
    TRANSFERS = "overplaatsingen", _("Third transfer within a year")
    WAITING = "wachttijd", _("Waiting above the norm")
    NO_ANALYSIS = "zonder_analyse", _("Help started without a current explanatory analysis")
    SECLUSION = "separatie", _("A seclusion")
    RUNAWAY = "weglopen", _("Running away again")
    NOT_HEARD = "niet_gehoord", _("The family does not feel heard")
    SCORE_GAP = "scores_verschillen", _("Family and professional score differently")
    RECURRENCE = "opnieuw_gemeld", _("Reported again after closing")
    OVERDUE_AGREEMENT = "afspraak_verlopen", _("A case conference agreement is overdue")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    ACTED = "opgepakt", _("Acted on")
    SET_ASIDE = "terzijde", _("Was set aside")
    CLEARED = "vervallen", _("No longer applies")


class NextStep(models.TextChoices):
    PLAN = "plan", _("Open a new plan version")
    CONFERENCE = "casusoverleg", _("Plan a case conference")
    EXPERT = "expertteam", _("Ask the expert team")
    BOTTLENECK = "knelpunt", _("Raise a bottleneck")


class SetAsideReason(models.TextChoices):
    HANDLED = "al_opgepakt", _("Already being dealt with")
    NOT_APPLICABLE = "past_niet", _("Does not apply to this family")
    DELIBERATE = "bewust", _("A deliberate choice in the plan")
    DATA = "gegevens", _("The registration is not right")
    OTHER = "anders", _("Other")


class Thresholds(models.Model):
    """The levels at which the rules fire in one region. A region without a row uses the
    national defaults (``DEFAULTS``); the functioneel beheerder edits the row in the admin."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="signal_thresholds", verbose_name=_("region")
    )
    plan_misfit_moments = models.PositiveSmallIntegerField(
        _("plan does not fit: moments in a row"), default=2
    )
    safety_drop = models.PositiveSmallIntegerField(_("safety: drop between two moments"), default=2)
    safety_floor = models.PositiveSmallIntegerField(
        _("safety: signal below this score (1 to 10)"), default=5
    )
    no_progress_moments = models.PositiveSmallIntegerField(
        _("no progress: over this many moments"), default=3
    )
    monitoring_norm_days = models.PositiveSmallIntegerField(
        _("longest time without a monitoring moment (days)"), default=56
    )
    transfers_count = models.PositiveSmallIntegerField(
        _("transfers within a year that give a signal"), default=3
    )
    waiting_norm_days = models.PositiveSmallIntegerField(
        _("waiting norm (days)"), default=settings.WAITING_NORM_DAYS
    )
    analysis_max_age_days = models.PositiveSmallIntegerField(
        _("an explanatory analysis is current for (days)"), default=365
    )
    runaway_count = models.PositiveSmallIntegerField(
        _("running away: times within a year"), default=2
    )
    not_heard_moments = models.PositiveSmallIntegerField(
        _("not heard: moments in a row"), default=2
    )
    not_heard_max = models.PositiveSmallIntegerField(
        _("not heard: answer at or below (1 to 5)"), default=2
    )
    score_gap = models.PositiveSmallIntegerField(
        _("difference between family and professional score"), default=2
    )
    recurrence_days = models.PositiveSmallIntegerField(
        _("reported again within (days) after closing"), default=365
    )
    consultation_norm_days = models.PositiveSmallIntegerField(
        _("expert team: first answer to a consultation within (days)"), default=10
    )
    lookback_days = models.PositiveSmallIntegerField(
        _("events older than this many days give no signal"), default=365
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("signal thresholds")
        verbose_name_plural = _("signal thresholds")
        constraints = [
            models.CheckConstraint(
                condition=Q(safety_floor__gte=1, safety_floor__lte=10), name="thresholds_safety"
            ),
            models.CheckConstraint(
                condition=Q(not_heard_max__gte=1, not_heard_max__lte=5),
                name="thresholds_not_heard",
            ),
        ]

    def __str__(self) -> str:
        return str(self.region)


THRESHOLD_FIELDS = tuple(
    f.name for f in Thresholds._meta.local_fields if isinstance(f, models.PositiveSmallIntegerField)
)


def national_defaults() -> Thresholds:
    """An unsaved row with the national defaults."""
    return Thresholds()


class Signal(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="signals", verbose_name=_("case")
    )
    rule = models.CharField(_("rule"), max_length=24, choices=Rule.choices)
    key = models.CharField(_("evidence"), max_length=64)
    detail = models.JSONField(_("detail"), default=dict)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    raised_on = models.DateField(_("since"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    next_step = models.CharField(
        _("next step"), max_length=14, choices=NextStep.choices, blank=True
    )
    set_aside_reason = models.CharField(
        _("reason to set aside"), max_length=12, choices=SetAsideReason.choices, blank=True
    )
    set_aside_note = models.CharField(_("explanation"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-weight", "raised_on", "id"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [models.Index(fields=["case", "status"]), models.Index(fields=["rule", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule", "key"], name="signal_once_per_evidence"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SET_ASIDE) | ~Q(set_aside_reason=""),
                name="signal_set_aside_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.rule} {self.key}"


class CaseConference(models.Model):
    """A casusoverleg: who took part (by role and organisation, no names), the question, and the
    agreements. It shows on the case's timeline."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="conferences", verbose_name=_("case")
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    participants = models.TextField(
        _("who takes part"),
        help_text=_("By role and organisation, one per line; no names."),
    )
    question = models.TextField(_("the question"))
    signal = models.ForeignKey(
        Signal, on_delete=models.SET_NULL, null=True, blank=True, related_name="conferences"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")

    def __str__(self) -> str:
        return f"{self.case_id} {self.held_on:%d-%m-%Y}"


class Agreement(models.Model):
    conference = models.ForeignKey(
        CaseConference,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("case conference"),
    )
    what = models.CharField(_("agreement"), max_length=300)
    who = models.CharField(
        _("who does it"), max_length=120, help_text=_("A role and organisation, not a name.")
    )
    due_on = models.DateField(_("by"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.what


# --- Consultation of the regional expert team, without handing over ---------------------------


class Triage(models.TextChoices):
    ADVISE = "advies", _("Advise")
    JOIN = "bijschakelen", _("Join in (bijschakelen)")
    CONFERENCE = "casusoverleg", _("Take part in a case conference")
    DECLINE = "afwijzen", _("Decline, with a reason")


class Theme(models.TextChoices):
    """Recurring themes across consultations; each maps to a knelpunt category."""

    NO_SUITABLE_CARE = "geen_passend_aanbod", _("No suitable care available")
    COMPLEX = "complexe_problematiek", _("Complex problems across life domains")
    WAITING = "wachttijd", _("Waiting for specialised care")
    TRANSITION_18 = "overgang_18", _("Transition 18-/18+")
    COOPERATION = "samenwerking", _("Cooperation between organisations")
    FINANCING = "financiering", _("Financing or woonplaatsbeginsel")
    RULES = "regels", _("Rules and procedures stand in the way")


class Answer(models.TextChoices):
    YES = "ja", _("Yes")
    PARTLY = "deels", _("Partly")
    NO = "nee", _("No")


class Consultation(models.Model):
    """A professional asks the region's expert team; the family is not handed over and the
    expert team does not open the case file: it reads the question."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="consultations", verbose_name=_("case")
    )
    expert_team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("expert team"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    situation = models.TextField(_("what is going on"))
    tried = models.TextField(_("what was tried"))
    needed = models.TextField(_("what is needed"))
    triage = models.CharField(_("triage"), max_length=14, choices=Triage.choices, blank=True)
    decline_reason = models.TextField(_("reason to decline"), blank=True)
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices, blank=True)
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    advice = models.TextField(_("advice"), blank=True)
    advised_at = models.DateTimeField(_("advised"), null=True, blank=True)
    signal = models.ForeignKey(
        Signal, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultations"
    )

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(triage=Triage.DECLINE) | ~Q(decline_reason=""),
                name="consultation_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.expert_team_id}"

    @property
    def first_answer_at(self) -> datetime | None:
        return self.triaged_at

    @property
    def is_open(self) -> bool:
        return self.advised_at is None and self.triage != Triage.DECLINE


class FollowUp(models.Model):
    """After 3 and 6 months the asker is asked whether the advice helped and whether the
    situation stabilised."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    months = models.PositiveSmallIntegerField(_("after months"))
    due_on = models.DateField(_("due"))
    helped = models.CharField(
        _("did the advice help?"), max_length=5, choices=Answer.choices, blank=True
    )
    stabilised = models.CharField(
        _("has the situation stabilised?"), max_length=5, choices=Answer.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("follow-up question")
        verbose_name_plural = _("follow-up questions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "months"], name="one_follow_up_per_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} +{self.months}m"
