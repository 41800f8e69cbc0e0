"""The API's JSON shapes of cases, events and monitoring moments, with Dutch camelCase names (the
model's field behind each is its ``source``). Optional values are ``null`` when absent, in and out.
Unknown fields are refused (``api.serializers.StrictSerializer``), so a misspelt optional field
does not vanish silently. Descriptions end up in the OpenAPI document.

Writes do not go through ``save()``: views hand the validated values to the actions
(``cases.actions.record_event``, ``cases.actions.record_moment``).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers  # type: ignore[import-untyped]

from elkedagbeter.api.serializers import (
    NULLABLE_INT,
    LinksField,
    OptionalCharField,
    OptionalChoiceField,
    StrictSerializer,
)
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale

from .models import (
    AgeBand,
    Agreement,
    Case,
    DiagnosisGroup,
    EndKind,
    Event,
    EventKind,
    EventSource,
    Explained,
    HouseholdMember,
    LegalBasis,
    MemberRole,
    ResidenceType,
    SeclusionForm,
)
from .timeline import MAX_DURATION_MINUTES


def case_path(case: Case, name: str = "case_detail") -> str:
    return reverse(f"api:{name}", kwargs={"casusnummer": case.reference})


# --- Cases ---------------------------------------------------------------------------------------


class TeamSerializer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True, help_text="The team's name.")


class HouseholdMemberSerializer(serializers.Serializer):  # type: ignore[misc]
    """A member of the household, without any name or pseudonym."""

    id = serializers.IntegerField(
        read_only=True, help_text="Refer to the member by this id in `gebeurtenissen.gezinslid`."
    )
    rol = serializers.ChoiceField(
        source="role", choices=MemberRole.choices, help_text="Role in the household."
    )
    geboortejaar = serializers.IntegerField(
        source="birth_year", allow_null=True, help_text="Birth year, when known."
    )
    leeftijdscategorie = OptionalChoiceField(
        source="age_band", choices=AgeBand.choices, help_text="Age band, when no birth year."
    )


def _case_links(case: Case) -> dict[str, str]:
    return {"self": case_path(case)}


def _case_detail_links(case: Case) -> dict[str, str]:
    return {
        "self": case_path(case),
        "gebeurtenissen": case_path(case, "event_list"),
        "monitoringmomenten": case_path(case, "moment_list"),
        # The costs app's sub-resource (a 404 while none is recorded); named, not imported.
        "arrangement": case_path(case, "arrangement"),
    }


class CaseSummarySerializer(serializers.Serializer):  # type: ignore[misc]
    casusnummer = serializers.CharField(
        source="reference", read_only=True, help_text="The case number, e.g. `C-BCDF-GH23`."
    )
    bronId = serializers.CharField(
        source="source_ref",
        read_only=True,
        help_text="The case's id in the system it was imported from (`bron_id` of the import); "
        "empty for a case registered here.",
    )
    team = TeamSerializer(read_only=True, help_text="The team that owns the case.")
    geescaleerdNaar = TeamSerializer(
        source="escalated_to",
        read_only=True,
        allow_null=True,
        help_text="The expert team the case is escalated to, if any.",
    )
    startdatum = serializers.DateField(
        source="opened_on", read_only=True, help_text="The day the case was opened."
    )
    einddatum = serializers.DateField(
        source="closed_on",
        read_only=True,
        allow_null=True,
        help_text="The day the case was closed; null while it is open.",
    )
    _links = LinksField(_case_links)


class CaseSerializer(CaseSummarySerializer):
    gezinsleden = HouseholdMemberSerializer(
        source="members", many=True, read_only=True, help_text="The household (gezin 0-100)."
    )
    verklarendeAnalyseVersie = serializers.SerializerMethodField(
        method_name="current_analysis",
        help_text="Number of the current version of the explanatory analysis; null if none.",
    )
    ondersteuningsplanVersie = serializers.SerializerMethodField(
        method_name="current_plan",
        help_text="Number of the current version of the support plan; null if none.",
    )
    _links = LinksField(_case_detail_links)

    @extend_schema_field(NULLABLE_INT)
    def current_analysis(self, case: Case) -> int | None:
        return case.analysis_versions.order_by("-number").values_list("number", flat=True).first()

    @extend_schema_field(NULLABLE_INT)
    def current_plan(self, case: Case) -> int | None:
        return case.plan_versions.order_by("-number").values_list("number", flat=True).first()


# --- Events --------------------------------------------------------------------------------------


def _event_links(event: Event) -> dict[str, str]:
    path = reverse("api:event_detail", kwargs={"casusnummer": event.case.reference, "id": event.pk})
    return {"self": path}


class EventSerializer(StrictSerializer):
    """A critical event on the case's timeline, typed after CBS Beleidsinformatie Jeugd."""

    id = serializers.IntegerField(read_only=True)
    soort = serializers.ChoiceField(source="kind", choices=EventKind.choices, help_text="Kind.")
    gezinslid = serializers.PrimaryKeyRelatedField(
        source="member",
        queryset=HouseholdMember.objects.none(),
        required=False,
        allow_null=True,
        help_text="Id of the household member it concerns (required for a placement).",
    )
    datum = serializers.DateField(
        source="started_on", help_text="The day it happened or started; not in the future."
    )
    einddatum = serializers.DateField(
        source="ended_on",
        required=False,
        allow_null=True,
        help_text="The day it ended; not before `datum`, not in the future.",
    )
    hulpvormVerblijf = OptionalChoiceField(
        source="residence_type",
        choices=ResidenceType.choices,
        help_text="CBS hulpvorm met verblijf (11 to 14); required for a placement.",
    )
    juridischeGrond = OptionalChoiceField(
        source="legal_basis",
        choices=LegalBasis.choices,
        help_text="Legal basis; a closed placement (13) needs `71`.",
    )
    instemmingOuder = OptionalChoiceField(
        source="parent_agreed",
        choices=Agreement.choices,
        help_text="Placement: did a parent with parental authority agree (`ja`, `nee`, "
        "`onbekend`, `nvt`)? A voluntary placement cannot have `nee`.",
    )
    instemmingAndereOuder = OptionalChoiceField(
        source="other_parent_agreed",
        choices=Agreement.choices,
        help_text="Placement: did the second parent with parental authority agree?",
    )
    instemmingJeugdige = OptionalChoiceField(
        source="youth_agreed",
        choices=Agreement.choices,
        help_text="Placement: did the young person agree?",
    )
    redenUitgelegd = OptionalChoiceField(
        source="reason_explained",
        choices=Explained.choices,
        help_text="Placement: did the professional explain to the young person why (`ja`, "
        "`nee`, `onbekend`)?",
    )
    vormSeparatie = OptionalChoiceField(
        source="seclusion_form",
        choices=SeclusionForm.choices,
        help_text="Seclusion, where the source distinguishes: `separatie` (seclusion room) or "
        "`afzondering` (isolation).",
    )
    beeindiging = OptionalChoiceField(
        source="end_kind",
        choices=EndKind.choices,
        help_text="Placement with an end date: `gepland` or `ongepland`. An unplanned end "
        "within three months of the start is a failed placement.",
    )
    diagnose = OptionalChoiceField(
        source="diagnosis",
        choices=DiagnosisGroup.choices,
        help_text="Diagnosis event: the group of the classification (DSM-5); required there, "
        "refused elsewhere.",
    )
    van = OptionalCharField(
        source="from_setting", max_length=120, help_text="Transfer: where the youth came from."
    )
    naar = OptionalCharField(
        source="to_setting", max_length=120, help_text="Transfer: where the youth went to."
    )
    duurMinuten = serializers.IntegerField(
        source="duration_minutes",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_DURATION_MINUTES,
        help_text="Seclusion: duration in minutes.",
    )
    plaats = OptionalCharField(
        source="place", max_length=120, help_text="Seclusion: where it happened."
    )
    toelichting = OptionalCharField(
        source="note",
        max_length=5000,
        help_text="A note; names and places are removed automatically before it is stored.",
    )
    geregistreerdOp = serializers.DateTimeField(
        source="created_at", read_only=True, help_text="When it was recorded."
    )
    bron = serializers.ChoiceField(
        source="source",
        choices=EventSource.choices,
        read_only=True,
        help_text="Where it comes from: `geregistreerd` (recorded by a professional or an "
        "import) or `ijw` (derived from the region's iJw messages, see docs/ijw.md).",
    )
    _links = LinksField(_event_links)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = self.context.get("case")
        if case is not None:
            self.fields["gezinslid"].queryset = case.members.all()


# --- Monitoring ----------------------------------------------------------------------------------


class GoalScoreSerializer(StrictSerializer):
    doel = serializers.IntegerField(
        source="goal_id", help_text="Id of one of the case's open desired results."
    )
    score = serializers.IntegerField(
        help_text="On the moment's scale: -2 to 2 (`gas`) or 1 to 10 (`tien`)."
    )


def _moment_links(moment: MonitoringMoment) -> dict[str, str]:
    path = reverse(
        "api:moment_detail", kwargs={"casusnummer": moment.case.reference, "id": moment.pk}
    )
    return {"self": path}


class MomentSerializer(StrictSerializer):
    """A monitoring moment: goal scores, safety, plan fit and the family's own verdict."""

    id = serializers.IntegerField(read_only=True)
    datum = serializers.DateField(
        source="recorded_on", required=False, help_text="The day of the moment; today if absent."
    )
    schaal = serializers.ChoiceField(
        source="scale", choices=ScoreScale.choices, help_text="The scale of the goal scores."
    )
    veiligheid = serializers.IntegerField(source="safety", help_text="Safety, 1 to 10.")
    planPastNog = serializers.ChoiceField(
        source="plan_fits", choices=PlanFit.choices, help_text="Does the plan still fit?"
    )
    gehoord = serializers.IntegerField(
        source="heard",
        required=False,
        allow_null=True,
        help_text="The family's answer to 'do you feel heard?', 1 to 5; null if not given.",
    )
    toelichting = OptionalCharField(
        source="note",
        max_length=5000,
        help_text="A note; names and places are removed automatically before it is stored.",
    )
    scores = GoalScoreSerializer(
        many=True, required=False, help_text="A score per open desired result."
    )
    geregistreerdOp = serializers.DateTimeField(
        source="created_at", read_only=True, help_text="When it was recorded."
    )
    _links = LinksField(_moment_links)

    def validate_scores(self, scores: list[dict[str, int]]) -> list[dict[str, int]]:
        case: Case | None = self.context.get("case")
        if case is None:
            return scores
        open_goals = set(case.goals.filter(closed_on__isnull=True).values_list("pk", flat=True))
        seen: set[int] = set()
        errors: list[dict[str, list[str]]] = []
        for score in scores:
            goal_id = score["goal_id"]
            if goal_id not in open_goals:
                errors.append({"doel": [_("This is not an open desired result of this case.")]})
            elif goal_id in seen:
                errors.append({"doel": [_("This desired result has a score already.")]})
            else:
                errors.append({})
            seen.add(goal_id)
        if any(errors):
            raise serializers.ValidationError(errors)
        return scores
