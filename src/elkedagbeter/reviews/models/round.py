"""A review round: an expert team's question, the population it draws dossiers from, the
checklist, the reproducible sample, and the consent of the teams whose cases it may read."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import AgeBand, Case
from elkedagbeter.organisations.models import Region, Team


class Population(models.TextChoices):
    ESCALATED = "geescaleerd", _("Cases escalated to the expert team")
    REGION = "regio", _("Cases of the region's teams that agreed")
    IMPORTED = "geimporteerd", _("Anonymised dossiers imported from a file")


class SampleMethod(models.TextChoices):
    RANDOM = "aselect", _("Simple random sample")
    STRATIFIED = "gestratificeerd", _("Stratified random sample (proportional)")


class Stratum(models.TextChoices):
    TEAM = "team", _("Team or organisation")
    PLACEMENTS = "plaatsingen", _("Number of placements (none, 1, 2-3, 4 or more)")


class RoundStatus(models.TextChoices):
    PREPARING = "voorbereiding", _("Preparing")
    REVIEWING = "beoordeling", _("Reviewing")
    CLOSED = "afgerond", _("Closed")


# The state machine: which status may follow which.
TRANSITIONS: dict[str, set[str]] = {
    RoundStatus.PREPARING: {RoundStatus.REVIEWING},
    RoundStatus.REVIEWING: {RoundStatus.CLOSED},
    RoundStatus.CLOSED: set(),
}


class Authored(models.Model):
    """Who wrote it and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True


class ReviewRound(Authored):
    expert_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="review_rounds",
        verbose_name=_("expert team"),
    )
    title = models.CharField(_("title"), max_length=160)
    question = models.TextField(
        _("question"), help_text=_("What the team wants to learn from these dossiers.")
    )
    population = models.CharField(_("population"), max_length=20, choices=Population.choices)
    only_placed = models.BooleanField(
        _("only dossiers with an out-of-home placement"),
        default=False,
        help_text=_("For example to study residential care, as in the seed study of 32 dossiers."),
    )
    sample_method = models.CharField(
        _("sample"), max_length=20, choices=SampleMethod.choices, default=SampleMethod.RANDOM
    )
    stratum = models.CharField(
        _("strata"), max_length=20, choices=Stratum.choices, default=Stratum.TEAM
    )
    sample_size = models.PositiveIntegerField(_("number of dossiers"), default=30)
    seed = models.PositiveIntegerField(
        _("seed"),
        help_text=_("The same seed on the same population draws the same sample again."),
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="review_rounds",
        verbose_name=_("reviewers"),
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.PREPARING
    )
    # Facts about the draw, so anyone can check that it reproduces.
    population_size = models.PositiveIntegerField(_("population size"), null=True, blank=True)
    population_digest = models.CharField(_("population fingerprint"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("sample drawn"), null=True, blank=True)
    shared = models.BooleanField(
        _("shared outside the team"),
        default=False,
        help_text=_("Others see the findings with small numbers hidden, never the dossiers."),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(sample_size__gte=1), name="review_round_sample_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(shared=False) | Q(status=RoundStatus.CLOSED),
                name="review_round_shared_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def region(self) -> Region:
        return self.expert_team.region

    @property
    def is_preparing(self) -> bool:
        return self.status == RoundStatus.PREPARING

    @property
    def is_reviewing(self) -> bool:
        return self.status == RoundStatus.REVIEWING

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED

    def set_status(self, status: RoundStatus) -> None:
        """Move along the state machine, or refuse with a Dutch message."""
        if status not in TRANSITIONS[self.status]:
            raise ValidationError(
                gettext("A round that is “%(current)s” cannot become “%(new)s”.")
                % {"current": self.get_status_display(), "new": RoundStatus(status).label}
            )
        self.status = status
        if status == RoundStatus.CLOSED:
            self.closed_at = timezone.now()


class ItemKind(models.TextChoices):
    YES_NO = "ja_nee", _("Yes / no / not applicable")
    NUMBER = "aantal", _("A number")


class ChecklistItem(models.Model):
    """One question of a round's checklist. ``code`` stays the same across rounds, so rounds of
    different expert teams can be compared on it."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="items", verbose_name=_("round")
    )
    code = models.SlugField(_("code"), max_length=60)
    question = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=ItemKind.choices)
    part_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_("A number that counts some of another number, as 4 of 24 therapies."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="checklist_item_code_unique"),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def is_number(self) -> bool:
        return self.kind == ItemKind.NUMBER


class TeamConsent(models.Model):
    """A team's agreement that the expert team may review its cases in this round: which team,
    given by whom (the team's coordinator), when; and withdrawn by whom and when, if so."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="consents", verbose_name=_("round")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="review_consents", verbose_name=_("team")
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("agreed by"),
    )
    given_at = models.DateTimeField(_("agreed on"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("team consent")
        verbose_name_plural = _("team consents")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "team"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_running_consent_per_team_and_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} → {self.round}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ImportedDossier(models.Model):
    """An anonymised dossier from a file: no case in this system, only what the file gave, with
    free text de-identified on import."""

    round = models.ForeignKey(
        ReviewRound,
        on_delete=models.CASCADE,
        related_name="imported_dossiers",
        verbose_name=_("round"),
    )
    source_ref = models.CharField(_("number in the source"), max_length=64)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    residence_chain = models.JSONField(
        _("residence types in order"), default=list, help_text=_("CBS codes 11 to 14.")
    )
    transfers = models.PositiveSmallIntegerField(_("transfers"), default=0)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["source_ref"]
        verbose_name = _("imported dossier")
        verbose_name_plural = _("imported dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "source_ref"], name="imported_dossier_unique_in_round"
            ),
        ]

    def __str__(self) -> str:
        return self.source_ref


class Dossier(models.Model):
    """A dossier in the sample: a case of this system or an imported dossier. Reviewers know it
    by its label (D-01, D-02, ...) in the round."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="dossiers", verbose_name=_("round")
    )
    number = models.PositiveIntegerField(_("number"))
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_dossiers",
        verbose_name=_("case"),
    )
    imported = models.OneToOneField(
        ImportedDossier,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dossier",
        verbose_name=_("imported dossier"),
    )
    stratum = models.CharField(_("stratum"), max_length=120, blank=True)
    # The consent under which a case may be read (population "region" only).
    consent = models.ForeignKey(
        TeamConsent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("consent"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="dossier_number_unique"),
            models.UniqueConstraint(fields=["round", "case"], name="dossier_case_once_per_round"),
            models.CheckConstraint(
                condition=Q(case__isnull=True, imported__isnull=False)
                | Q(case__isnull=False, imported__isnull=True),
                name="dossier_is_case_or_imported",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"D-{self.number:02d}"
