"""Wat werkt: the intervention catalogue, good examples, the teams' reflection logbook,
improvement initiatives walking the ontwikkelcirkel, and the search index over all of them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.cases.models import Case
from elkedagbeter.core.choices import ChoiceLabels
from elkedagbeter.indicators.models import Decision
from elkedagbeter.indicators.perspective import STATEMENT_CHOICES
from elkedagbeter.indicators.registry import INDICATORS
from elkedagbeter.indicators.zero_goals import ZERO_GOAL_CHOICES
from elkedagbeter.organisations.models import Municipality, Region, Team

INDICATOR_CHOICES = [(indicator.code, indicator.name) for indicator in INDICATORS]


class EvidenceLevel(models.TextChoices):
    """The levels of the Databank Effectieve Jeugdinterventies (NJi, Erkenningscommissie
    Interventies), lowest first, plus "not assessed" for what is not in the databank."""

    NOT_ASSESSED = "niet_beoordeeld", _("Not assessed")
    WELL_DESCRIBED = "goed_beschreven", _("Well described")
    WELL_FOUNDED = "goed_onderbouwd", _("Well founded")
    FIRST_INDICATIONS = "eerste_aanwijzingen", _("Effective according to first indications")
    GOOD_INDICATIONS = "goede_aanwijzingen", _("Effective according to good indications")
    STRONG_INDICATIONS = "sterke_aanwijzingen", _("Effective according to strong indications")

    @property
    def rank(self) -> int:
        return list(EvidenceLevel).index(self)


class Theme(models.TextChoices):
    """The ten themes of the support agenda Zorg voor de Jeugd 2019 (see the seeds)."""

    PEDAGOGICAL_CLIMATE = "leefklimaat", _("Pedagogical climate in neighbourhoods and at school")
    NETWORKS = "netwerken", _("Informal networks and basic conditions around child and family")
    EARLY_SIGNALS = "vroegsignalering", _("Early signals and triage, specialist knowledge nearby")
    FITTING_HELP = "passende_hulp", _("Fitting help in the child's own world")
    YOUNG_ADULTS = "jongvolwassenen", _("Vulnerable young people on their way to adulthood")
    PLACEMENTS = "uithuisplaatsingen", _("Preventing out-of-home placements")
    SMALL_SCALE = "kleinschalig", _("Small-scale, family-like provisions")
    TRANSFERS = "overplaatsingen", _("Fewer transfers, with expert teams")
    CLOSED = "gesloten", _("Fewer closed placements, towards zero seclusions")
    WAITING = "wachttijden", _("Untangling and solving harmful waiting times")


class CatalogueItem(ChoiceLabels, models.Model):
    """An intervention in the catalogue. ``code`` is the key an import updates by.

    Without a region it is national: every region and the public read it, and only a national
    administrator changes it. With a region it is that region's addition, kept by the region's
    administrators (``selectors.may_change_catalogue_item``). Every change goes through
    ``actions.save_catalogue_item``, which records who made it and when."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    problem_area = models.CharField(_("problem area"), max_length=300, blank=True)
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=30,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_ASSESSED,
    )
    guidelines = models.TextField(
        _("guideline references"), blank=True, help_text=_("One reference per line.")
    )
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(_("more information"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue_items",
        verbose_name=_("region"),
        help_text=_("Empty: national, kept by a national administrator."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("catalogue intervention")
        verbose_name_plural = _("intervention catalogue")

    def __str__(self) -> str:
        return self.name

    @property
    def evidence(self) -> EvidenceLevel:
        return EvidenceLevel(self.evidence_level)

    @property
    def guideline_lines(self) -> list[str]:
        return [line.strip() for line in self.guidelines.splitlines() if line.strip()]


class GoodExample(models.Model):
    """A goed voorbeeld: a practice worth copying. Public once saved; free text is
    de-identified on save because it leaves the team."""

    title = models.CharField(_("title"), max_length=200)
    what = models.TextField(_("what was done"))
    for_whom = models.CharField(_("for whom"), max_length=300)
    achieved = models.TextField(_("what it achieved"))
    contact_role = models.CharField(
        _("contact (role)"),
        max_length=200,
        help_text=_(
            "A function and organisation, not a name, e.g. team coordinator Wijkteam Oost."
        ),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="good_examples", verbose_name=_("where")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_examples",
        verbose_name=_("municipality"),
    )
    interventions = models.ManyToManyField(
        CatalogueItem,
        blank=True,
        related_name="good_examples",
        verbose_name=_("interventions from the catalogue"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("shared on"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")

    def __str__(self) -> str:
        return self.title

    @property
    def theme_codes(self) -> list[str]:
        return [link.theme for link in self.themes.all()]

    @property
    def zero_goal_codes(self) -> list[str]:
        return [link.zero_goal for link in self.zero_goals.all()]


class ExampleTheme(models.Model):
    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["example", "theme"], name="example_theme_unique")
        ]

    def __str__(self) -> str:
        return self.get_theme_display()


class ExampleZeroGoal(models.Model):
    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="zero_goals")
    zero_goal = models.CharField(_("zero goal"), max_length=30, choices=ZERO_GOAL_CHOICES)

    class Meta:
        verbose_name = _("zero goal")
        verbose_name_plural = _("zero goals")
        constraints = [
            models.UniqueConstraint(fields=["example", "zero_goal"], name="example_goal_unique")
        ]

    def __str__(self) -> str:
        return self.get_zero_goal_display()


class ExampleStatement(models.Model):
    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="statements")
    statement = models.CharField(_("statement"), max_length=30, choices=STATEMENT_CHOICES)

    class Meta:
        verbose_name = _("statement from the child's perspective")
        verbose_name_plural = _("statements from the child's perspective")
        constraints = [
            models.UniqueConstraint(fields=["example", "statement"], name="example_statement_once")
        ]

    def __str__(self) -> str:
        return str(self.get_statement_display())


class ParticipantRole(models.TextChoices):
    PROFESSIONALS = "professionals", _("Youth-care professionals")
    COORDINATOR = "coordinator", _("Team coordinator")
    BEHAVIOURAL = "gedragswetenschapper", _("Behavioural scientist")
    EXPERIENCE = "ervaringsdeskundige", _("Expert by experience, parent or young person")
    PARTNER = "ketenpartner", _("Partner in the chain (school, GP, provider)")
    MUNICIPALITY = "gemeente", _("Municipality")
    EXPERT_TEAM = "expertteam", _("Regional expert team")


class ReflectionSession(models.Model):
    """A reflectiebijeenkomst and its logbook entry. Teams reflect at least three times a year."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="reflection_sessions", verbose_name=_("team")
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    participant_roles = models.JSONField(_("who took part (roles)"), default=list)
    cases = models.ManyToManyField(
        Case, blank=True, related_name="reflection_sessions", verbose_name=_("cases discussed")
    )
    stories = models.TextField(
        _("stories or situations discussed"),
        blank=True,
        help_text=_("In a few words; no names. Names are removed automatically."),
    )
    learned = models.TextField(_("what we learned"))
    will_change = models.TextField(_("what we will change"), blank=True)
    lesson = models.TextField(
        _("lesson shared with the municipality"),
        blank=True,
        help_text=_("Names are removed automatically before it is shared."),
    )
    shared_at = models.DateTimeField(_("shared on"), null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("reflection session")
        verbose_name_plural = _("reflection sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_at__isnull=True) | ~Q(lesson=""), name="shared_lesson_has_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.held_on:%d-%m-%Y}"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    def participant_labels(self) -> list[str]:
        labels = dict(ParticipantRole.choices)
        return [str(labels.get(code, code)) for code in self.participant_roles]


class SessionZeroGoal(models.Model):
    session = models.ForeignKey(
        ReflectionSession, on_delete=models.CASCADE, related_name="zero_goals"
    )
    zero_goal = models.CharField(_("zero goal"), max_length=30, choices=ZERO_GOAL_CHOICES)

    class Meta:
        verbose_name = _("zero goal")
        verbose_name_plural = _("zero goals")
        constraints = [
            models.UniqueConstraint(fields=["session", "zero_goal"], name="session_zero_goal_once")
        ]

    def __str__(self) -> str:
        return str(self.get_zero_goal_display())


class SessionStatement(models.Model):
    session = models.ForeignKey(
        ReflectionSession, on_delete=models.CASCADE, related_name="statements"
    )
    statement = models.CharField(_("statement"), max_length=30, choices=STATEMENT_CHOICES)

    class Meta:
        verbose_name = _("statement from the child's perspective")
        verbose_name_plural = _("statements from the child's perspective")
        constraints = [
            models.UniqueConstraint(fields=["session", "statement"], name="session_statement_once")
        ]

    def __str__(self) -> str:
        return str(self.get_statement_display())


class ReflectionReminder(models.Model):
    """A reminder sent to a team's coordinators: once per gap after ``last_session``."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="reflection_reminders", verbose_name=_("team")
    )
    last_session = models.ForeignKey(
        ReflectionSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last session before the gap"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reflection reminder")
        verbose_name_plural = _("reflection reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "last_session"],
                condition=Q(last_session__isnull=False),
                name="one_reminder_per_gap",
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(last_session__isnull=True),
                name="one_reminder_before_first_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.sent_at:%d-%m-%Y}"


class Stage(models.TextChoices):
    """The ontwikkelcirkel: start from the question and the knowledge there is, not from
    "de plannetjes"; every round ends with a new question."""

    QUESTION = "vraag", _("Question")
    KNOWLEDGE = "kennis", _("Available knowledge")
    ANALYSIS = "analyse", _("Analysis of what works")
    INNOVATION = "innovatie", _("Innovation")
    EVALUATION = "evaluatie", _("Evaluation")
    NEW_QUESTION = "nieuwe_vraag", _("New question")

    @property
    def following(self) -> Stage | None:
        """The only stage that may come next: no skipping from question to innovation."""
        order = list(Stage)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None

    @property
    def preceding(self) -> Stage | None:
        """The stage one steps back to, having learned that this one came too early."""
        order = list(Stage)
        index = order.index(self)
        return order[index - 1] if index > 0 else None


class ImprovementInitiative(models.Model):
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("the question"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("youth region")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("team"),
    )
    zero_goal = models.CharField(
        _("zero goal it works towards"), max_length=30, choices=ZERO_GOAL_CHOICES, blank=True
    )
    indicator = models.CharField(
        _("indicator it means to move"), max_length=40, choices=INDICATOR_CHOICES
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.QUESTION
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name=_("follows from"),
    )
    # Each round (an initiative, or a follow-up one) starts with a decision; its effect is measured.
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("decision"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("improvement initiative")
        verbose_name_plural = _("improvement initiatives")

    def __str__(self) -> str:
        return self.title

    @property
    def current_stage(self) -> Stage:
        return Stage(self.stage)

    @property
    def finished(self) -> bool:
        return self.current_stage is Stage.NEW_QUESTION


class InitiativeZeroGoal(models.Model):
    """A zero goal the initiative also works towards, besides its own ``zero_goal``."""

    initiative = models.ForeignKey(
        ImprovementInitiative, on_delete=models.CASCADE, related_name="also_zero_goals"
    )
    zero_goal = models.CharField(_("zero goal"), max_length=30, choices=ZERO_GOAL_CHOICES)

    class Meta:
        verbose_name = _("also works towards")
        verbose_name_plural = _("also works towards")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "zero_goal"], name="initiative_zero_goal_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_zero_goal_display())


class InitiativeStatement(models.Model):
    initiative = models.ForeignKey(
        ImprovementInitiative, on_delete=models.CASCADE, related_name="statements"
    )
    statement = models.CharField(_("statement"), max_length=30, choices=STATEMENT_CHOICES)

    class Meta:
        verbose_name = _("statement from the child's perspective")
        verbose_name_plural = _("statements from the child's perspective")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "statement"], name="initiative_statement_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_statement_display())


class StageRecord(models.Model):
    """What an initiative found or did in one stage, and the indicator that stage means to move."""

    initiative = models.ForeignKey(
        ImprovementInitiative,
        on_delete=models.CASCADE,
        related_name="records",
        verbose_name=_("initiative"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    evidence = models.TextField(_("evidence"))
    indicator = models.CharField(
        _("indicator it means to move"), max_length=40, choices=INDICATOR_CHOICES
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("stage record")
        verbose_name_plural = _("stage records")
        # No unique stage: after a step back, a stage is walked (and recorded) again.

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_stage_display()}"


class StepBack(models.Model):
    """A step back along the ontwikkelcirkel, with what was learned: the circle is a circle."""

    initiative = models.ForeignKey(
        ImprovementInitiative,
        on_delete=models.CASCADE,
        related_name="steps_back",
        verbose_name=_("initiative"),
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("back to"), max_length=20, choices=Stage.choices)
    reason = models.TextField(_("what was learned"))
    stepped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    stepped_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["stepped_at", "id"]
        verbose_name = _("step back")
        verbose_name_plural = _("steps back")

    def __str__(self) -> str:
        return f"{self.initiative}: {self.from_stage} → {self.to_stage}"


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in users")
    AREA = "area", _("The team and those who see its area's figures")


class SearchDocument(models.Model):
    """One searchable text from a registered source (see sources.py). On PostgreSQL ``vector``
    holds the 'dutch' tsvector (GIN-indexed by migration); on SQLite an FTS5 table with
    Python-stemmed text shadows this table by rowid."""

    source = models.CharField(_("source"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    url = models.CharField(max_length=300)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="one_document_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.object_id}"
