"""Stories (micro-narratives), their signification under a versioned framework, the patterns
curated from them and the Most Significant Change rounds that select from them.

A story's text is de-identified before it is saved; no field keeps the original words, and no
IP address is stored. A withdrawn story keeps only its row (status, dates) so that rounds and
counts that referred to it stay consistent; its words and answers are deleted.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Municipality, Region, Team

SCALE = 1000  # triad shares and dyad positions are stored in thousandths


class Framework(models.Model):
    """A versioned signification instrument. A region runs its own collection with its own
    prompts by adding a framework (in the admin); a change to prompts after stories were told
    is a new version, so every story keeps the wording it was told under."""

    slug = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=120)
    introduction = models.TextField(_("introduction"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="story_frameworks",
        verbose_name=_("youth region"),
        help_text=_("Empty: the national framework."),
    )
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("The public form uses the newest active version.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("signification framework")
        verbose_name_plural = _("signification frameworks")
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="framework_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class SignifierKind(models.TextChoices):
    TRIAD = "triad", _("Triad")
    DYAD = "dyad", _("Dyad")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    FREE_TEXT = "free_text", _("Free text")


LABEL_COUNTS = {SignifierKind.TRIAD: 3, SignifierKind.DYAD: 2}


class Signifier(models.Model):
    """One question of a framework: a triad (three corners), a dyad (two poles), a multiple
    choice (options; one or several) or free text."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="signifiers", verbose_name=_("framework")
    )
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=SignifierKind.choices)
    prompt = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    labels = models.JSONField(
        _("labels"),
        default=list,
        blank=True,
        help_text=_("Triad: three corners; dyad: left and right pole; multiple choice: options."),
    )
    multiple = models.BooleanField(_("several answers allowed"), default=True)
    allow_na = models.BooleanField(_("“not applicable” allowed"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["framework", "order", "pk"]
        verbose_name = _("signifier")
        verbose_name_plural = _("signifiers")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="signifier_code_unique"),
        ]

    def __str__(self) -> str:
        return self.prompt

    def clean(self) -> None:
        labels = self.labels if isinstance(self.labels, list) else []
        needed = LABEL_COUNTS.get(SignifierKind(self.kind)) if self.kind else None
        if needed is not None and len(labels) != needed:
            raise ValidationError(
                {"labels": _("Give exactly %(count)d labels, as a list.") % {"count": needed}}
            )
        if self.kind == SignifierKind.MULTIPLE_CHOICE and len(labels) < 2:
            raise ValidationError({"labels": _("Give at least two options, as a list.")})


class NarratorRole(models.TextChoices):
    PARENT = "ouder", _("Parent")
    YOUTH = "jongere", _("Young person")
    PROFESSIONAL = "professional", _("Professional")
    POLICY = "beleidsmedewerker", _("Policy officer")
    EXECUTIVE = "bestuurder", _("Executive")
    OTHER = "anders", _("Other")


class StoryStatus(models.TextChoices):
    SUBMITTED = "ingediend", _("Waiting for moderation")
    APPROVED = "goedgekeurd", _("Approved")
    REJECTED = "afgewezen", _("Rejected")
    WITHDRAWN = "ingetrokken", _("Withdrawn")


class StorySource(models.TextChoices):
    FORM = "formulier", _("Public form")
    IMPORT = "import", _("Import")


def new_reference() -> str:
    return "V-" + secrets.token_hex(4).upper()


class Story(models.Model):
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="stories", verbose_name=_("framework")
    )
    title = models.CharField(_("headline"), max_length=200)
    text = models.TextField(_("story"))
    narrator_role = models.CharField(_("told by"), max_length=20, choices=NarratorRole.choices)
    narrator_detail = models.CharField(
        _("teller's role in their words"), max_length=120, blank=True
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("youth region"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("neighbourhood team"),
    )
    happened_on = models.DateField(
        _("when it happened"), null=True, blank=True, help_text=_("First day of the month.")
    )
    month_known = models.BooleanField(_("month known"), default=True)
    consent_publication = models.BooleanField(_("may be published"), default=False)
    consent_learning = models.BooleanField(_("may be used for learning"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=StoryStatus.choices, default=StoryStatus.SUBMITTED
    )
    source = models.CharField(
        _("source"), max_length=20, choices=StorySource.choices, default=StorySource.FORM
    )
    source_ref = models.CharField(_("source reference"), max_length=120, blank=True)
    # What the de-identifier replaced: tag, kind and position in the stored text; never the
    # original words.
    replacements = models.JSONField(_("replacements"), default=list, blank=True)
    withdrawal_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    moderation_note = models.TextField(_("reason or note"), blank=True)
    edited_by_moderator = models.BooleanField(_("edited by the moderator"), default=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(fields=["status", "region"], name="story_status_region"),
            models.Index(fields=["happened_on"], name="story_happened_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.REJECTED) | ~Q(moderation_note=""),
                name="story_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def is_public(self) -> bool:
        return self.status == StoryStatus.APPROVED and self.consent_publication


class Answer(models.Model):
    """A story's answer to one signifier. "Not applicable" is an answer too (no values)."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="answers", verbose_name=_("story")
    )
    signifier = models.ForeignKey(
        Signifier, on_delete=models.PROTECT, related_name="answers", verbose_name=_("signifier")
    )
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    share_a = models.PositiveSmallIntegerField(null=True, blank=True)
    share_b = models.PositiveSmallIntegerField(null=True, blank=True)
    share_c = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)  # indexes into the signifier's labels
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["story", "signifier"], name="answer_once_per_signifier"
            ),
            # A triad answer is three shares summing to 1000, or no shares at all.
            models.CheckConstraint(
                condition=Q(share_a__isnull=True, share_b__isnull=True, share_c__isnull=True)
                | Q(
                    Exact(F("share_a") + F("share_b") + F("share_c"), SCALE),
                    share_a__isnull=False,
                    share_b__isnull=False,
                    share_c__isnull=False,
                ),
                name="answer_triad_sums_to_1000",
            ),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(position__lte=SCALE),
                name="answer_dyad_within_scale",
            ),
            models.CheckConstraint(
                condition=Q(not_applicable=False)
                | Q(share_a__isnull=True, position__isnull=True, text=""),
                name="answer_not_applicable_has_no_values",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.story_id}/{self.signifier_id}"

    @property
    def shares(self) -> tuple[int, int, int] | None:
        if self.share_a is None or self.share_b is None or self.share_c is None:
            return None
        return self.share_a, self.share_b, self.share_c


class PatternStatus(models.TextChoices):
    DRAFT = "concept", _("Draft")
    PUBLISHED = "gepubliceerd", _("Published")
    ARCHIVED = "gearchiveerd", _("Archived")


class Pattern(models.Model):
    """A curated theme across stories: description, exemplary stories, tips per audience, and
    the action question "what do we do for more stories like these, and fewer like those?"."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="story_patterns",
        verbose_name=_("youth region"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PatternStatus.choices, default=PatternStatus.DRAFT
    )
    more_like_this = models.TextField(_("what we do to get more stories like these"), blank=True)
    fewer_like_that = models.TextField(_("what we do to get fewer stories like those"), blank=True)
    stories: models.ManyToManyField[Story, PatternStory] = models.ManyToManyField(
        Story, through="PatternStory", related_name="patterns", verbose_name=_("stories")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pattern")
        verbose_name_plural = _("patterns")

    def __str__(self) -> str:
        return self.name


class PatternStory(models.Model):
    pattern = models.ForeignKey(Pattern, on_delete=models.CASCADE, related_name="memberships")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="pattern_memberships")
    exemplary = models.BooleanField(_("exemplary"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pattern", "story"], name="pattern_story_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id}/{self.story_id}"


class Audience(models.TextChoices):
    PROFESSIONALS = "professionals", _("Professionals")
    COORDINATORS = "coordinatoren", _("Coordinators")
    PARTNERS = "ketenpartners", _("Partners in the chain")
    MUNICIPALITIES = "gemeenten", _("Municipalities")


class Tip(models.Model):
    pattern = models.ForeignKey(Pattern, on_delete=models.CASCADE, related_name="tips")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    text = models.TextField(_("tip"))

    class Meta:
        ordering = ["pattern", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "audience"], name="tip_once_per_audience"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id}/{self.audience}"


class SuggestionRun(models.Model):
    """One run of theme finding over approved stories; its clusters are suggestions."""

    started_at = models.DateTimeField(auto_now_add=True)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True)
    method = models.CharField(max_length=20)
    story_count = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.story_count})"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "overgenomen", _("Made into a pattern")
    MERGED = "samengevoegd", _("Merged into a pattern")
    DISMISSED = "afgewezen", _("Dismissed")


class Suggestion(models.Model):
    run = models.ForeignKey(SuggestionRun, on_delete=models.CASCADE, related_name="suggestions")
    keywords = models.JSONField(default=list)
    stories: models.ManyToManyField[Story, Any] = models.ManyToManyField(
        Story, related_name="suggestions"
    )
    exemplars = models.JSONField(default=list)  # ids of the most central stories
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    pattern = models.ForeignKey(
        Pattern, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )

    class Meta:
        ordering = ["-run__started_at", "-size"]

    def __str__(self) -> str:
        return ", ".join(self.keywords)


class PanelLevel(models.TextChoices):
    TEAM = "team", _("Team")
    MUNICIPALITY = "gemeente", _("Municipality")
    REGION = "regio", _("Youth region")


class MscRound(models.Model):
    """A Most Significant Change round: a panel at one level picks, for one period, the story it
    finds most significant and says why. Candidates at a level are the choices of the rounds one
    level down in the same area and period (or, for a team, the team's own stories)."""

    level = models.CharField(_("level"), max_length=20, choices=PanelLevel.choices)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="msc_rounds")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    question = models.CharField(
        _("question"),
        max_length=300,
        default="Welk verhaal laat voor jullie de belangrijkste verandering zien, en waarom?",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "level", "pk"]
        verbose_name = _("Most Significant Change round")
        verbose_name_plural = _("Most Significant Change rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="msc_period_in_order"
            ),
            models.CheckConstraint(
                condition=(Q(level="team") & Q(team__isnull=False))
                | (Q(level="gemeente") & Q(team__isnull=True) & Q(municipality__isnull=False))
                | (Q(level="regio") & Q(team__isnull=True) & Q(municipality__isnull=True)),
                name="msc_scope_fits_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.place} {self.period_start}"

    @property
    def place(self) -> str:
        if self.team_id:
            return str(self.team)
        if self.municipality_id:
            return str(self.municipality)
        return str(self.region)


class MscSelection(models.Model):
    round = models.OneToOneField(MscRound, on_delete=models.CASCADE, related_name="selection")
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="msc_selections")
    reason = models.TextField(_("why this story"))
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    selected_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.round_id}: {self.story_id}"
