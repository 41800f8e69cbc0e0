from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elkedagbeter.monitoring.models import SCALE_RANGES, MonitoringMoment, PlanFit, ScoreScale
from elkedagbeter.organisations.models import Team

from .models import (
    Case,
    Event,
    EventKind,
    Goal,
    HouseholdMember,
    Intervention,
    Involvement,
    LifeDomain,
    TriageMarker,
)
from .pseudonyms import is_valid_bsn
from .selectors import CASE_STATUS_CLOSED, CASE_STATUS_OPEN
from .timeline import event_errors


def _team_choice(form: forms.Form, name: str, teams: QuerySet[Team]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = teams
    if teams.count() == 1:
        field.initial = teams.first()


class CaseListFilterForm(forms.Form):
    """The case list's filter: open, closed or all cases, and part of a case number."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (CASE_STATUS_OPEN, _("Open cases")),
            (CASE_STATUS_CLOSED, _("Closed cases")),
            ("alle", _("All cases")),
        ],
    )
    nummer = forms.CharField(
        label=_("Case number (or part of it)"), required=False, max_length=16, strip=True
    )


class NewCaseForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        error_messages={
            "required": _("Choose the team that takes on the case."),
            "invalid_choice": _("Choose one of your own teams."),
        },
    )

    score_scale = forms.ChoiceField(
        label=_("Scale of the goal scores"),
        choices=ScoreScale.choices,
        initial=ScoreScale.GAS,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Fixed on the case: every monitoring moment scores on this scale."),
    )

    goal = forms.CharField(
        label=_("First desired result"),
        required=False,
        max_length=1000,
        help_text=_("In the family's own words. More can be added on the case page."),
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _team_choice(self, "team", teams)


class MarkersForm(forms.Form):
    markers = forms.MultipleChoiceField(
        label=_("Triage markers"),
        choices=TriageMarker.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Optional and light: what is known to play in this household. Used for signals and, "
            "never per family, to compare routes of similar households across teams."
        ),
    )


class AccessReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reading"),
        help_text=_(
            "This case has been escalated to your expert team. Write briefly why you open it "
            "now; the case's team sees this reason in the access log."
        ),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Give a reason for reading this case."),
            "min_length": _("Give a reason of at least %(limit_value)d characters."),
            "max_length": _("Keep the reason shorter than %(limit_value)d characters."),
        },
    )


# --- The case's contents -------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class MemberForm(forms.ModelForm):  # type: ignore[type-arg]
    bsn = forms.CharField(
        label=_("Citizen service number"),
        required=False,
        max_length=9,
        help_text=_(
            "Only to recognise the same youth in other teams of the region. The number itself is "
            "not stored, logged or shown."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = HouseholdMember
        fields = ["role", "birth_year", "age_band"]

    def clean_bsn(self) -> str:
        bsn: str = self.cleaned_data["bsn"].strip()
        if bsn and not is_valid_bsn(bsn):
            raise forms.ValidationError(
                _("This is not a valid citizen service number (the eleven test fails).")
            )
        return bsn

    def clean_birth_year(self) -> int | None:
        year: int | None = self.cleaned_data["birth_year"]
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter a birth year between 1900 and this year."))
        return year

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not cleaned.get("birth_year") and not cleaned.get("age_band"):
            self.add_error("birth_year", _("Enter a birth year or choose an age band."))
        return cleaned


class NewMemberForm(MemberForm):
    """A member row on the registration page: an untouched row is left out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.empty_permitted = True
        self.use_required_attribute = False


MemberFormSet = forms.formset_factory(NewMemberForm, extra=2, max_num=20, absolute_max=20)


class GoalForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Goal
        fields = ["text"]
        help_texts = {"text": _("In the family's own words.")}


class InvolvementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Involvement
        fields = ["party", "description", "mode", "started_on", "ended_on"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}


class InterventionForm(forms.ModelForm):  # type: ignore[type-arg]
    """What is done; a choice from the knowledge catalogue fills in the description."""

    class Meta:
        model = Intervention
        fields = ["catalogue_item", "description", "started_on", "ended_on"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}
        help_texts = {
            "catalogue_item": _(
                "Choose it when the intervention is in the catalogue of Wat werkt."
            ),
            "description": _("Filled in from the catalogue when left empty."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].required = False
        item = self.fields["catalogue_item"]
        assert isinstance(item, forms.ModelChoiceField)
        item.empty_label = _("Not in the catalogue")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        item = data.get("catalogue_item")
        if not data.get("description"):
            if item is None:
                self.add_error(
                    "description", _("Describe the intervention or choose it from the catalogue.")
                )
            else:
                data["description"] = item.name
                self.instance.description = item.name
        return data


_SPAN = ["member", "started_on", "ended_on"]
_POINT = ["member", "started_on"]

# Per kind: the fields the form shows, in order (the note always follows).
KIND_FIELDS: dict[str, list[str]] = {
    EventKind.PLACEMENT: [
        *_SPAN,
        "residence_type",
        "legal_basis",
        "parent_agreed",
        "other_parent_agreed",
        "youth_agreed",
        "reason_explained",
        "end_kind",
    ],
    EventKind.TRANSFER: [*_POINT, "from_setting", "to_setting"],
    EventKind.SECLUSION: [*_SPAN, "seclusion_form", "duration_minutes", "place"],
    EventKind.DIAGNOSIS: [*_POINT, "diagnosis"],
    EventKind.SUICIDE: _POINT,
    EventKind.RETURN_HOME: _POINT,
    EventKind.REVICTIMISATION: _POINT,
}

# Per kind: the fields it needs, with the message when one is left empty (the timeline rules').
KIND_REQUIRED: dict[str, dict[str, Any]] = {
    EventKind.PLACEMENT: {
        "member": _("Choose the youth who is placed."),
        "residence_type": _("Choose the type of residential care."),
    },
    EventKind.TRANSFER: {
        "from_setting": _("A transfer needs the place the youth came from."),
        "to_setting": _("A transfer needs the place the youth went to."),
    },
    EventKind.SECLUSION: {
        "duration_minutes": _("A seclusion needs its duration in minutes."),
        "place": _("A seclusion needs the place where it happened."),
    },
    EventKind.DIAGNOSIS: {
        "member": _("Choose the youth this happened to."),
        "diagnosis": _("Choose the diagnosis."),
    },
    EventKind.SUICIDE: {"member": _("Choose the youth this happened to.")},
    EventKind.RETURN_HOME: {"member": _("Choose the youth this happened to.")},
    EventKind.REVICTIMISATION: {"member": _("Choose the youth this happened to.")},
}

# Fields needed only in some cases: not marked "(optional)", the help text says when.
KIND_CONDITIONAL: dict[str, dict[str, Any]] = {
    EventKind.PLACEMENT: {
        "legal_basis": _(
            "Needed for a closed placement (closed youth care order) and when a parent with "
            "parental authority did not agree."
        ),
        "end_kind": _("Only when the placement has ended."),
    },
}


def event_kind(value: object) -> str | None:
    """The kind named by a form or URL value, or None when it is not one."""
    return str(value) if value in EventKind.values else None


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    """The fields of one kind of event, marked as that kind needs them; the timeline rules
    check the rest. Without a kind, the form only asks for the kind."""

    class Meta:
        model = Event
        fields = [
            "kind",
            "member",
            "started_on",
            "ended_on",
            "residence_type",
            "legal_basis",
            "parent_agreed",
            "other_parent_agreed",
            "youth_agreed",
            "reason_explained",
            "end_kind",
            "seclusion_form",
            "diagnosis",
            "from_setting",
            "to_setting",
            "duration_minutes",
            "place",
            "note",
        ]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "note": _("Names and places are removed automatically before the note is stored."),
        }

    def __init__(self, *args: Any, case: Case, kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        member = self.fields["member"]
        assert isinstance(member, forms.ModelChoiceField)
        member.queryset = case.members.all()
        if kind is None and self.is_bound:
            kind = event_kind(self.data.get(self.add_prefix("kind")))
        if kind is None and self.instance.pk is not None:
            kind = self.instance.kind
        self.chosen_kind = kind
        if kind is None:
            for name in [n for n in self.fields if n != "kind"]:
                del self.fields[name]
            return
        shown = {"kind", *KIND_FIELDS.get(kind, _SPAN), "note"}
        for name in [n for n in self.fields if n not in shown]:
            del self.fields[name]
        self.fields["kind"].widget = forms.HiddenInput()
        self.initial["kind"] = kind
        for name, message in KIND_REQUIRED.get(kind, {}).items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        for name, help_text in KIND_CONDITIONAL.get(kind, {}).items():
            field = self.fields[name]
            field.help_text = help_text
            field.conditional = True  # type: ignore[attr-defined]

    @property
    def kind_label(self) -> str:
        return str(EventKind(self.chosen_kind).label) if self.chosen_kind else ""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.errors:
            return cleaned
        # The instance is only filled after clean(); check a copy built from what was typed.
        event = Event(
            pk=self.instance.pk,
            case=self.case,
            **{name: value for name, value in cleaned.items() if name in self.Meta.fields},
        )
        others = list(self.case.events.exclude(pk=event.pk))
        for field, message in event_errors(event, timezone.localdate(), others).items():
            shown = field in self.fields and field != "kind"  # the kind is a hidden input
            self.add_error(field if shown else None, message)
        return cleaned


class VersionedForm(forms.Form):
    """A revision form that remembers which version the user started from (optimistic locking)."""

    based_on = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def started_from(self, number: int) -> None:
        """Point the form at ``number``: on a fresh form as its initial value, on a refused
        save as its data, so that saving again after reading the newer version succeeds."""
        if self.is_bound:
            data = dict(self.data.items())
            data[self.add_prefix("based_on")] = str(number)
            self.data = data
        else:
            self.initial["based_on"] = number


class AnalysisForm(VersionedForm):
    """A hypothesis per life domain; empty domains are left out."""

    reason = forms.CharField(
        label=_("What changed and why"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for domain in LifeDomain:
            self.fields[f"domain_{domain.value}"] = forms.CharField(
                label=domain.label,
                required=False,
                max_length=2000,
                initial=current.get(domain.value, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields([f"domain_{d.value}" for d in LifeDomain] + ["reason"])

    def hypotheses(self) -> dict[str, str]:
        return {d.value: self.cleaned_data[f"domain_{d.value}"] for d in LifeDomain}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not any(cleaned.get(f"domain_{d.value}", "").strip() for d in LifeDomain):
            raise forms.ValidationError(_("Write a hypothesis for at least one life domain."))
        return cleaned


class PlanForm(VersionedForm):
    text = forms.CharField(label=_("Support plan"), widget=forms.Textarea(attrs={"rows": 8}))
    reason = forms.CharField(
        label=_("What changed and why"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, first: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first = first

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not self.first and not reason:
            raise forms.ValidationError(_("Give the reason for this change to the plan."))
        return reason


class ConsentForm(forms.Form):
    """A case goes to another team only with the family's consent or a reason to go without."""

    consent_on = forms.DateField(
        label=_("The family agreed on"),
        required=False,
        widget=DateInput(),
        help_text=_("The date the family gave consent."),
    )
    override_reason = forms.CharField(
        label=_("Or: why this happens without the family's consent"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        consent = cleaned.get("consent_on")
        if consent and consent > timezone.localdate():
            self.add_error("consent_on", _("Consent cannot be dated in the future."))
        elif not consent and not cleaned.get("override_reason", "").strip():
            raise forms.ValidationError(
                _(
                    "Record the date the family agreed, or explain why this happens without "
                    "their consent."
                )
            )
        return cleaned


class EscalationForm(ConsentForm):
    expert_team = forms.ModelChoiceField(label=_("Expert team"), queryset=Team.objects.none())
    field_order = ["expert_team", "consent_on", "override_reason"]

    def __init__(self, *args: Any, expert_teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _team_choice(self, "expert_team", expert_teams)


class TeamTransferForm(ConsentForm):
    to_team = forms.ModelChoiceField(
        label=_("New team"),
        queryset=Team.objects.none(),
        help_text=_("A neighbourhood team in this region. The case leaves your team."),
    )
    field_order = ["to_team", "consent_on", "override_reason"]

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _team_choice(self, "to_team", teams)


class EmergencyAccessForm(forms.Form):
    reference = forms.CharField(label=_("Case number"), max_length=16)
    reason = forms.CharField(
        label=_("Why do you need this case now?"),
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The case's team sees your name and this reason. Access ends after a few hours."
        ),
    )

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip().upper()


class UploadForm(forms.Form):
    """A file to import and what to do when some rows are wrong; shared by every import."""

    upload = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon separated, UTF-8) or Excel (.xlsx); see the manual."),
        error_messages={"required": _("Choose the file to import.")},
    )
    mode = forms.ChoiceField(
        label=_("When some rows are wrong"),
        choices=[
            ("alles", _("Import nothing until every row is right")),
            ("goede_regels", _("Import the good rows and list the wrong ones")),
        ],
        widget=forms.RadioSelect,
        initial="alles",
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it up."))
        return upload


class ImportForm(UploadForm):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            ("casussen", _("Cases")),
            ("gebeurtenissen", _("Events")),
            ("monitoringmomenten", _("Monitoring moments")),
            ("analyses", _("Explanatory analyses (with their date)")),
            ("interventies", _("Interventions (with their start date)")),
        ],
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    field_order = ["upload", "kind", "team", "mode"]

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _team_choice(self, "team", teams)


# --- Monitoring moments: a score per open goal, safety, plan fit, the family's verdict, a note -

HEARD_CHOICES = [(n, str(n)) for n in range(1, 6)]


def score_choices(scale: str) -> list[tuple[int, str]]:
    low, high = SCALE_RANGES[ScoreScale(scale)]
    if scale == ScoreScale.GAS:
        return [(n, f"{n:+d}" if n else "0") for n in range(low, high + 1)]
    return [(n, str(n)) for n in range(low, high + 1)]


SAFETY_CHOICES = [(n, str(n)) for n in range(1, 11)]


class FieldGroup:
    """Some of a form's fields, for ``includes/form_fields.html`` (one group shows the errors)."""

    def __init__(self, form: forms.BaseForm, names: list[str], *, errors: bool = False) -> None:
        self.form, self.names, self.show_errors = form, names, errors

    def visible_fields(self) -> list[forms.BoundField]:
        return [self.form[name] for name in self.names if name in self.form.fields]

    def hidden_fields(self) -> list[forms.BoundField]:
        return []

    @property
    def errors(self) -> Any:
        return self.form.errors if self.show_errors else {}

    def non_field_errors(self) -> Any:
        return self.form.non_field_errors() if self.show_errors else []

    @property
    def has_errors(self) -> bool:
        return any(self.form[name].errors for name in self.names if name in self.form.fields)


class MomentForm(forms.ModelForm):  # type: ignore[type-arg]
    """At most six inputs for a household with three desired results, each one click: a score
    per result on the case's fixed scale, safety, "does the plan still fit?" and the family's
    "do you feel heard?". Scores, safety and plan fit start at the last moment's values; the
    date, a note and the family's own scores are optional."""

    safety = forms.TypedChoiceField(
        label=_("Safety (1 = very unsafe, 10 = completely safe)"),
        choices=SAFETY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how safe it is, from 1 to 10."),
            "invalid_choice": _("Safety is a number from 1 to 10."),
        },
    )
    heard = forms.TypedChoiceField(
        label=_("Do you feel heard? (the family's answer, 1 = not at all, 5 = completely)"),
        choices=HEARD_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("The family's verdict is a number from 1 to 5.")},
    )
    plan_fits = forms.ChoiceField(
        label=_("Does the plan still fit?"), choices=PlanFit.choices, widget=forms.RadioSelect
    )
    recorded_on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    same_day = forms.BooleanField(
        label=_("Save anyway: this is a second moment on the same day"), required=False
    )

    class Meta:
        model = MonitoringMoment
        fields = ["recorded_on", "safety", "plan_fits", "heard", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "note": _("Names and places are removed automatically before the note is stored."),
        }

    def __init__(
        self,
        *args: Any,
        goals: list[Goal],
        scale: str,
        previous: MonitoringMoment | None = None,
        taken: set[date] | frozenset[date] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.taken = taken
        self.fields["recorded_on"].initial = timezone.localdate()
        self.fields["recorded_on"].help_text = _("Today, unless you change it.")
        last = {s.goal_id: s.score for s in previous.scores.all()} if previous else {}
        choices = score_choices(scale)
        low, high = SCALE_RANGES[ScoreScale(scale)]
        out_of_range = _("A score on this scale runs from %(low)d to %(high)d.") % {
            "low": low,
            "high": high,
        }
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=choices,
                coerce=int,
                initial=last.get(goal.pk),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Give a score for this desired result."),
                    "invalid_choice": out_of_range,
                },
            )
            self.fields[f"family_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": out_of_range},
            )
        if previous is not None:
            self.fields["safety"].initial = previous.safety
            self.fields["plan_fits"].initial = previous.plan_fits
        self.main = FieldGroup(
            self,
            [f"goal_{goal.pk}" for goal in goals] + ["safety", "plan_fits", "heard"],
            errors=True,
        )
        self.family = FieldGroup(self, [f"family_{goal.pk}" for goal in goals])
        self.details = FieldGroup(self, ["recorded_on", "note"])

    def clean_recorded_on(self) -> Any:
        return self.cleaned_data.get("recorded_on") or timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        day = cleaned.get("recorded_on")
        if day is not None and day in self.taken:
            # Shown next to the date, with the box to tick when a second moment is meant.
            self.details.names.append("same_day")
            if not cleaned.get("same_day"):
                self.add_error(
                    "recorded_on",
                    _(
                        "This case already has a monitoring moment on %(date)s. Choose another "
                        "date, or tick the box below if a second moment on that day is meant."
                    )
                    % {"date": day.strftime("%d-%m-%Y")},
                )
        return cleaned

    def scores(self) -> dict[int, int]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}

    def family_scores(self) -> dict[int, int]:
        found = {goal.pk: self.cleaned_data.get(f"family_{goal.pk}") for goal in self.goals}
        return {pk: score for pk, score in found.items() if score is not None}
