"""Critical events on a case's timeline, typed so our figures line up with CBS Beleidsinformatie
Jeugd (hulpvorm met verblijf 11 to 14, and the legal basis of a placement)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.core.choices import ChoiceLabels

from .case import Case
from .household import HouseholdMember


class EventKind(models.TextChoices):
    PLACEMENT = "uithuisplaatsing", _("Out-of-home placement")
    TRANSFER = "overplaatsing", _("Transfer between placements")
    SECLUSION = "separatie", _("Seclusion")
    HANDOVER = "overdracht", _("Handover")
    WAITING_START = "wachttijd_start", _("Waiting period starts")
    WAITING_END = "wachttijd_einde", _("Waiting period ends")
    CRISIS = "crisis", _("Crisis")
    BREAKDOWN = "afgebroken_traject", _("Trajectory broken off")
    RUNAWAY = "weglopen", _("Running away")
    SCHOOL_DROPOUT = "schooluitval", _("School dropout")
    SUICIDE_ATTEMPT = "suicidepoging", _("Suicide attempt")
    SUICIDE = "suicide", _("Suicide")
    DIAGNOSIS = "diagnose", _("Diagnosis made or changed")
    RETURN_HOME = "thuisplaatsing", _("Return home after a placement")
    REVICTIMISATION = "hervictimisatie", _("Revictimisation")


# Kinds that happen to one youth, so the youth must be named.
YOUTH_EVENTS = frozenset(
    {
        EventKind.SUICIDE,
        EventKind.DIAGNOSIS,
        EventKind.RETURN_HOME,
        EventKind.REVICTIMISATION,
    }
)
# Kinds that happen on one day and have no end date.
POINT_EVENTS = frozenset(
    {EventKind.SUICIDE, EventKind.DIAGNOSIS, EventKind.RETURN_HOME, EventKind.REVICTIMISATION}
)


class DiagnosisGroup(models.TextChoices):
    """Broad groups of classifications (DSM-5), enough to see a youth's diagnosis change; the
    classification itself stays in the care provider's record."""

    AUTISM = "autisme", _("Autism spectrum disorder")
    ADHD = "adhd", _("ADHD")
    ANXIETY = "angst", _("Anxiety disorder")
    MOOD = "stemming", _("Mood disorder (depression, bipolar)")
    TRAUMA = "trauma", _("Trauma- or stressor-related disorder (PTSD, attachment)")
    CONDUCT = "gedrag", _("Disruptive or conduct disorder")
    EATING = "eetstoornis", _("Eating disorder")
    SUBSTANCE = "verslaving", _("Substance use disorder")
    INTELLECTUAL = "verstandelijk", _("Intellectual disability (LVB)")
    DEVELOPMENTAL = "ontwikkeling", _("Other developmental disorder (language, learning)")
    PSYCHOTIC = "psychotisch", _("Psychotic disorder")
    PERSONALITY = "persoonlijkheid", _("Personality disorder")
    OTHER = "overig", _("Other classification")


class Explained(models.TextChoices):
    """Whether the professional recorded that the reason for a placement was explained to the
    young person (the family's own answer comes with the family view)."""

    YES = "ja", _("Explained")
    NO = "nee", _("Not explained")
    UNKNOWN = "onbekend", _("Not known")


class SeclusionForm(models.TextChoices):
    """Where the source distinguishes them: seclusion in a seclusion room, or isolation
    (afzondering) in the youth's own room or elsewhere."""

    SECLUSION_ROOM = "separatie", _("Seclusion in a seclusion room")
    ISOLATION = "afzondering", _("Isolation (afzondering)")


class EndKind(models.TextChoices):
    """How a placement ended: as planned, or not (broken off, running away, a crisis)."""

    PLANNED = "gepland", _("Planned")
    UNPLANNED = "ongepland", _("Unplanned")


class ResidenceType(models.TextChoices):
    """CBS: hulpvorm met verblijf."""

    FOSTER_CARE = "11", _("11 Foster care (pleegzorg)")
    FAMILY_HOME = "12", _("12 Family-style home (gezinshuis)")
    CLOSED = "13", _("13 Closed placement (gesloten plaatsing)")
    OTHER = "14", _("14 Other residential care")


class LegalBasis(models.TextChoices):
    VOLUNTARY = "vrijwillig", _("Voluntary")
    SUPERVISION = "ots", _("Family supervision order (OTS)")
    GUARDIANSHIP = "voogdij", _("Guardianship")
    PLACEMENT_ORDER = "72", _("Out-of-home placement order (machtiging uithuisplaatsing)")
    CLOSED_CARE_ORDER = "71", _("Closed youth care order (machtiging gesloten jeugdhulp)")


class Agreement(models.TextChoices):
    """Whether someone agreed to an out-of-home placement (instemming), as the professional
    recorded it. Blank: not recorded."""

    YES = "ja", _("Agreed")
    NO = "nee", _("Did not agree")
    UNKNOWN = "onbekend", _("Not known")
    NOT_APPLICABLE = "nvt", _("Not applicable (no such parent, or the youth is too young)")


AGREEMENT_FIELDS = ("parent_agreed", "other_parent_agreed", "youth_agreed")


class EventSource(models.TextChoices):
    """Where an event comes from: typed by a professional, or derived from the iJw messages the
    region exchanges (``ijw`` app; those are replaced on every import and not edited by hand)."""

    REGISTERED = "geregistreerd", _("registered")
    IJW = "ijw", _("iJw messages")


class Event(ChoiceLabels, models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    member = models.ForeignKey(
        HouseholdMember,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name=_("household member"),
    )
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    started_on = models.DateField(_("date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    residence_type = models.CharField(
        _("type of residential care"), max_length=2, choices=ResidenceType.choices, blank=True
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=12, choices=LegalBasis.choices, blank=True
    )
    # Placement: who agreed. At most two people hold parental authority (gezag), so two parents.
    parent_agreed = models.CharField(
        _("parent agreed"),
        max_length=8,
        choices=Agreement.choices,
        blank=True,
        help_text=_("A parent with parental authority (gezag)."),
    )
    other_parent_agreed = models.CharField(
        _("other parent agreed"),
        max_length=8,
        choices=Agreement.choices,
        blank=True,
        help_text=_("The second parent with parental authority, if there is one."),
    )
    youth_agreed = models.CharField(
        _("youth agreed"), max_length=8, choices=Agreement.choices, blank=True
    )
    reason_explained = models.CharField(
        _("reason explained to the young person"),
        max_length=8,
        choices=Explained.choices,
        blank=True,
        help_text=_("Did you explain to the young person why they are placed?"),
    )
    seclusion_form = models.CharField(
        _("form of seclusion"), max_length=11, choices=SeclusionForm.choices, blank=True
    )
    end_kind = models.CharField(
        _("how the placement ended"), max_length=9, choices=EndKind.choices, blank=True
    )
    diagnosis = models.CharField(
        _("diagnosis"), max_length=16, choices=DiagnosisGroup.choices, blank=True
    )
    from_setting = models.CharField(_("from"), max_length=120, blank=True)
    to_setting = models.CharField(_("to"), max_length=120, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    source = models.CharField(
        _("source"),
        max_length=13,
        choices=EventSource.choices,
        default=EventSource.REGISTERED,
        editable=False,
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["case", "-started_on"]), models.Index(fields=["kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="event_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EventKind.PLACEMENT) | ~Q(residence_type=""),
                name="placement_has_residence_type",
            ),
            models.CheckConstraint(
                condition=~Q(residence_type=ResidenceType.CLOSED) | ~Q(legal_basis=""),
                name="closed_placement_has_legal_basis",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EventKind.SECLUSION)
                | (Q(duration_minutes__isnull=False, duration_minutes__gt=0) & ~Q(place="")),
                name="seclusion_has_duration_and_place",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EventKind.TRANSFER) | (~Q(from_setting="") & ~Q(to_setting="")),
                name="transfer_has_from_and_to",
            ),
            models.CheckConstraint(
                condition=Q(kind=EventKind.PLACEMENT)
                | Q(parent_agreed="", other_parent_agreed="", youth_agreed=""),
                name="agreement_only_on_placement",
            ),
            models.CheckConstraint(
                condition=Q(end_kind="") | Q(kind=EventKind.PLACEMENT, ended_on__isnull=False),
                name="end_kind_only_on_ended_placement",
            ),
            models.CheckConstraint(
                condition=Q(reason_explained="") | Q(kind=EventKind.PLACEMENT),
                name="reason_explained_only_on_placement",
            ),
            models.CheckConstraint(
                condition=Q(seclusion_form="") | Q(kind=EventKind.SECLUSION),
                name="seclusion_form_only_on_seclusion",
            ),
            models.CheckConstraint(
                condition=(Q(kind=EventKind.DIAGNOSIS) & ~Q(diagnosis=""))
                | (~Q(kind=EventKind.DIAGNOSIS) & Q(diagnosis="")),
                name="diagnosis_on_diagnosis_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on:%d-%m-%Y}"

    @property
    def is_residential(self) -> bool:
        return self.kind == EventKind.PLACEMENT

    @property
    def against_will(self) -> bool:
        """A placement someone with a say did not agree to: a parent or the youth."""
        return placement_against_will(
            self.parent_agreed, self.other_parent_agreed, self.youth_agreed
        )


def placement_against_will(*agreements: str) -> bool:
    """The zero goal's rule: a placement is against the will of parents and child when at least
    one parent or the youth is recorded as not agreeing."""
    return Agreement.NO in agreements
