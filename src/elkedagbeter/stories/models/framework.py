"""A versioned signification framework and its signifiers: the questions a story is told with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from elkedagbeter.organisations.models import Region


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
