"""Bulk import of cases, events and monitoring moments from CSV or XLSX exports of other case
systems. Every row is checked first; the user then imports all rows or none, or only the good
ones. Nothing is ever half-imported: the write is one transaction.

The column format is documented in docs/import.md, with example files in docs/import/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, BinaryIO

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.core import tabular
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale
from elkedagbeter.monitoring.rules import moment_errors
from elkedagbeter.organisations.models import Team

from .models import (
    Agreement,
    AnalysisVersion,
    Case,
    DiagnosisGroup,
    EndKind,
    Event,
    EventKind,
    Explained,
    HouseholdMember,
    Intervention,
    LegalBasis,
    LifeDomain,
    MemberRole,
    ResidenceType,
    SeclusionForm,
)
from .timeline import event_errors

FIRST_BIRTH_YEAR = 1900  # as the database's check member_birth_year_plausible


class ImportKind(StrEnum):
    CASES = "casussen"
    EVENTS = "gebeurtenissen"
    MOMENTS = "monitoringmomenten"
    ANALYSES = "analyses"
    INTERVENTIONS = "interventies"


class ImportMode(StrEnum):
    ALL_OR_NOTHING = "alles"
    GOOD_ROWS = "goede_regels"


COLUMNS: dict[ImportKind, tuple[list[str], list[str]]] = {
    # kind: (required columns, optional columns)
    ImportKind.CASES: (["bron_id", "gestart_op"], ["afgesloten_op"]),
    ImportKind.EVENTS: (
        ["casus", "soort", "datum"],
        [
            "einddatum",
            "jeugdige_geboortejaar",
            "hulpvorm",
            "juridische_grond",
            "instemming_ouder",
            "instemming_andere_ouder",
            "instemming_jeugdige",
            "reden_uitgelegd",
            "beeindiging",
            "vorm_separatie",
            "diagnose",
            "van",
            "naar",
            "duur_minuten",
            "plaats",
        ],
    ),
    ImportKind.MOMENTS: (
        ["casus", "datum", "veiligheid", "plan_past"],
        ["schaal", "gehoord"],
    ),
    # A version of the explanatory analysis on its date: a hypothesis per life domain column.
    ImportKind.ANALYSES: (["casus", "datum"], [d.value for d in LifeDomain]),
    ImportKind.INTERVENTIONS: (
        ["casus", "omschrijving", "gestart_op"],
        ["beeindigd_op"],
    ),
}


class RowError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


class RowErrors(ValueError):
    """Every problem of one row, so that a row missing two fields names both."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


class _Collect:
    """Reads a row's cells, noting each cell's problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []

    def __call__(self, read: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return read(*args, **kwargs)
        except RowError as error:
            self.errors.append(error)
            return None

    def add(self, column: str, message: str) -> None:
        self.errors.append(RowError(column, message))

    def check(self) -> None:
        if self.errors:
            raise RowErrors(self.errors)


@dataclass(frozen=True)
class Problem:
    row: int  # as the user sees it in their spreadsheet: the header is row 1
    column: str
    message: str


@dataclass
class RowReport:
    """How the rows of a file fared: checked, with problems, imported."""

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    imported: int = 0
    committed: bool = False

    @property
    def bad_rows(self) -> int:
        return len({problem.row for problem in self.problems})

    @property
    def good_rows(self) -> int:
        return self.rows - self.bad_rows


@dataclass(kw_only=True)
class ImportReport(RowReport):
    kind: ImportKind
    cases: set[str] = field(default_factory=set)  # references of the cases written to
    created_cases: list[tuple[str, str]] = field(default_factory=list)  # (bron_id, case number)
    unknown_columns: list[str] = field(default_factory=list)  # read past, never imported


def unknown_columns(rows: list[dict[str, str]], known: list[str]) -> list[str]:
    """The columns of the header the import does not read, in the file's order."""
    return [column for column in (rows[0] if rows else {}) if column not in known]


def header_problem(rows: list[dict[str, str]], required: list[str]) -> Problem | None:
    """A file without rows or without a required column, as a problem on the header row."""
    if not rows:
        return Problem(1, "", _("The file has no rows."))
    missing = [column for column in required if column not in rows[0]]
    if missing:
        return Problem(
            1,
            ", ".join(missing),
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)},
        )
    return None


# --- Reading files -------------------------------------------------------------------------------


def read_rows(
    upload: BinaryIO, filename: str, *, limits: tabular.Limits | None = None
) -> list[dict[str, str]]:
    """Rows as dicts of lower-cased column name → text, read within the import limits
    (``core.tabular``, shared by every import). Raises RowError on unreadable files."""
    try:
        return tabular.read_table(upload, filename, limits=limits)
    except tabular.TableError as error:
        raise RowError("", error.message) from error


# --- Checking one row ----------------------------------------------------------------------------


def _date(row: dict[str, str], column: str, *, required: bool = True) -> date | None:
    text = row.get(column, "")
    if not text:
        if required:
            raise RowError(column, _("This column is required."))
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            value = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if value > timezone.localdate():
            raise RowError(column, _("A date cannot lie in the future."))
        return value
    raise RowError(
        column, _("“%(value)s” is not a date; use 2026-01-31 or 31-01-2026.") % {"value": text}
    )


def optional_date(row: dict[str, str], column: str) -> date | None:
    """A date cell that may be empty, read as every date of the import (for the columns that
    apps above cases add, see ``register_case_columns``)."""
    return _date(row, column, required=False)


def _required_date(row: dict[str, str], column: str) -> date:
    value = _date(row, column)
    assert value is not None  # _date raises for a missing required value
    return value


def _required_number(row: dict[str, str], column: str) -> int:
    value = _number(row, column)
    assert value is not None  # _number raises for a missing required value
    return value


def _number(row: dict[str, str], column: str, *, required: bool = True) -> int | None:
    text = row.get(column, "")
    if not text:
        if required:
            raise RowError(column, _("This column is required."))
        return None
    try:
        return int(text)
    except ValueError:
        raise RowError(column, _("“%(value)s” is not a whole number.") % {"value": text}) from None


def limited_text(row: dict[str, str], column: str, maximum: int) -> str:
    """A cell of free text, refused when longer than its database column holds."""
    text = row.get(column, "")
    if len(text) > maximum:
        raise RowError(
            column,
            _("At most %(max)d characters; this has %(n)d.") % {"max": maximum, "n": len(text)},
        )
    return text


def _choice(row: dict[str, str], column: str, choices: Any, *, required: bool = True) -> str:
    text = row.get(column, "").lower()
    if not text and not required:
        return ""
    valid = [str(choice.value) for choice in choices]
    if text not in valid:
        raise RowError(
            column,
            _("“%(value)s” is not one of: %(valid)s.")
            % {"value": row.get(column, ""), "valid": ", ".join(valid)},
        )
    return text


@dataclass
class _Context:
    team: Team
    cases: dict[str, Case]  # by source_ref and by reference
    new_refs: set[str] = field(default_factory=set)
    events: dict[int, list[Event]] = field(default_factory=dict)
    youths: dict[tuple[int, int], HouseholdMember] = field(default_factory=dict)


def _case(row: dict[str, str], context: _Context) -> Case:
    key = row.get("casus", "")
    if not key:
        raise RowError("casus", _("This column is required."))
    case = context.cases.get(key) or context.cases.get(key.upper())
    if case is None:
        raise RowError(
            "casus",
            _("No case “%(value)s” in this team (case number or bron_id).") % {"value": key},
        )
    return case


def _check_case(row: dict[str, str], context: _Context) -> Callable[[], Any]:
    take = _Collect()
    source_ref = row.get("bron_id", "")
    if not source_ref:
        take.add("bron_id", _("This column is required."))
    elif source_ref in context.cases or source_ref in context.new_refs:
        take.add("bron_id", _("A case with this bron_id already exists in this team."))
    else:
        take(limited_text, row, "bron_id", Case._meta.get_field("source_ref").max_length or 0)
    opened = take(_required_date, row, "gestart_op")
    closed = take(_date, row, "afgesloten_op", required=False)
    if opened and closed and closed < opened:
        take.add("afgesloten_op", _("The end date lies before the start date."))
    extra = _case_columns.values() if opened is not None else []  # their rules need the start
    then = [step for _cols, check in extra if (step := take(check, row, opened))]
    take.check()
    context.new_refs.add(source_ref)

    def save() -> Case:
        case = Case.objects.create(
            team=context.team, source_ref=source_ref, opened_on=opened, closed_on=closed
        )
        for step in then:
            step(case)
        context.cases[source_ref] = case
        return case

    return save


def _check_event(row: dict[str, str], context: _Context) -> Callable[[], Any]:
    take = _Collect()
    case = take(_case, row, context)
    event = Event(
        case=case,
        kind=take(_choice, row, "soort", EventKind) or "",
        started_on=take(_required_date, row, "datum"),
        ended_on=take(_date, row, "einddatum", required=False),
        residence_type=take(_choice, row, "hulpvorm", ResidenceType, required=False) or "",
        legal_basis=take(_choice, row, "juridische_grond", LegalBasis, required=False) or "",
        parent_agreed=take(_choice, row, "instemming_ouder", Agreement, required=False) or "",
        other_parent_agreed=take(_choice, row, "instemming_andere_ouder", Agreement, required=False)
        or "",
        youth_agreed=take(_choice, row, "instemming_jeugdige", Agreement, required=False) or "",
        end_kind=take(_choice, row, "beeindiging", EndKind, required=False) or "",
        reason_explained=take(_choice, row, "reden_uitgelegd", Explained, required=False) or "",
        seclusion_form=take(_choice, row, "vorm_separatie", SeclusionForm, required=False) or "",
        diagnosis=take(_choice, row, "diagnose", DiagnosisGroup, required=False) or "",
        from_setting=take(limited_text, row, "van", _max_length("from_setting")) or "",
        to_setting=take(limited_text, row, "naar", _max_length("to_setting")) or "",
        duration_minutes=take(_number, row, "duur_minuten", required=False),
        place=take(limited_text, row, "plaats", _max_length("place")) or "",
    )
    birth_year = take(_birth_year, row)
    take.check()  # the timeline rules need every cell read
    youth = None
    if birth_year:
        youth = context.youths.setdefault((case.pk, birth_year), _youth(case, birth_year))
    if youth is not None:
        event.member = youth
        if youth.pk is None:
            event.member_id = -birth_year  # a stand-in so the rules can compare placements
    others = context.events.setdefault(case.pk, list(case.events.all()))
    for name, message in event_errors(event, timezone.localdate(), others).items():
        take.add(_COLUMN_FOR_FIELD.get(name, name), message)
    take.check()
    others.append(event)

    def save() -> Event:
        if youth is not None:
            if youth.pk is None:
                youth.save()
            event.member = youth
        event.save()
        return event

    return save


# --- Columns that apps above cases add to the case import ---------------------------------------
# A higher app may read optional columns of its own on a cases row (costs: the case's
# arrangement). It registers them once, in its ``AppConfig.ready()``, with a check that gets the
# row and the case's start date, raises RowError naming the column on a bad value, and returns
# what to write once the case is saved (or None when the row has nothing for it). The columns are
# listed with the optional columns of the cases file.

CaseColumnCheck = Callable[[dict[str, str], date], Callable[[Case], object] | None]

_case_columns: dict[str, tuple[list[str], CaseColumnCheck]] = {}


def register_case_columns(name: str, columns: list[str], check: CaseColumnCheck) -> None:
    registered = _case_columns.get(name)
    if registered is not None and registered[1] is not check:
        raise ImproperlyConfigured(f"Two sets of case import columns are called {name!r}.")
    _case_columns[name] = (columns, check)
    optional = COLUMNS[ImportKind.CASES][1]
    optional.extend(column for column in columns if column not in optional)


_COLUMN_FOR_FIELD = {
    "started_on": "datum",
    "ended_on": "einddatum",
    "residence_type": "hulpvorm",
    "legal_basis": "juridische_grond",
    "parent_agreed": "instemming_ouder",
    "other_parent_agreed": "instemming_andere_ouder",
    "youth_agreed": "instemming_jeugdige",
    "end_kind": "beeindiging",
    "reason_explained": "reden_uitgelegd",
    "seclusion_form": "vorm_separatie",
    "diagnosis": "diagnose",
    "kind": "soort",
    "from_setting": "van",
    "to_setting": "naar",
    "duration_minutes": "duur_minuten",
    "place": "plaats",
    "member": "jeugdige_geboortejaar",
}


def _max_length(name: str) -> int:
    field = Event._meta.get_field(name)
    assert isinstance(field, models.CharField)
    return field.max_length or 0


def _birth_year(row: dict[str, str]) -> int | None:
    year = _number(row, "jeugdige_geboortejaar", required=False)
    if year is not None and not FIRST_BIRTH_YEAR <= year <= timezone.localdate().year:
        raise RowError(
            "jeugdige_geboortejaar",
            _("A birth year lies between %(first)d and this year.") % {"first": FIRST_BIRTH_YEAR},
        )
    return year


def _youth(case: Case, birth_year: int) -> HouseholdMember:
    existing = case.members.filter(role=MemberRole.YOUTH, birth_year=birth_year).first()
    return existing or HouseholdMember(case=case, role=MemberRole.YOUTH, birth_year=birth_year)


def _check_moment(row: dict[str, str], context: _Context) -> Callable[[], Any]:
    take = _Collect()
    moment = MonitoringMoment(
        case=take(_case, row, context),
        recorded_on=take(_required_date, row, "datum"),
        scale=take(_choice, row, "schaal", ScoreScale, required=False) or ScoreScale.GAS,
        safety=take(_required_number, row, "veiligheid"),
        plan_fits=take(_choice, row, "plan_past", PlanFit) or "",
        heard=take(_number, row, "gehoord", required=False),
    )
    take.check()
    column = {"recorded_on": "datum", "safety": "veiligheid", "heard": "gehoord"}
    for name, message in moment_errors(moment, {}).items():
        take.add(column.get(name, name), message)
    take.check()

    def save() -> MonitoringMoment:
        moment.save()
        return moment

    return save


def _check_analysis(row: dict[str, str], context: _Context) -> Callable[[], Any]:
    """A version of the explanatory analysis made on ``datum``: its date counts, so that help
    started after it is not counted as help without an explanatory analysis."""
    take = _Collect()
    case = take(_case, row, context)
    made = take(_required_date, row, "datum")
    hypotheses = {
        domain.value: text
        for domain in LifeDomain
        if (text := take(limited_text, row, domain.value, ANALYSIS_MAX_CHARACTERS) or "")
    }
    if not hypotheses and not any(e.column in LifeDomain.values for e in take.errors):
        first = next((d for d in LifeDomain.values if d in row), LifeDomain.PARENTING.value)
        take.add(first, _("Write a hypothesis for at least one life domain."))
    take.check()

    def save() -> AnalysisVersion:
        number = (case.analysis_versions.aggregate(n=models.Max("number"))["n"] or 0) + 1
        return AnalysisVersion.objects.create(
            case=case,
            number=number,
            hypotheses=hypotheses,
            reason=_("Imported from another case system.") if number > 1 else "",
            created_at=_noon(made),
        )

    return save


ANALYSIS_MAX_CHARACTERS = 2000  # as the analysis form's fields


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _check_intervention(row: dict[str, str], context: _Context) -> Callable[[], Any]:
    take = _Collect()
    case = take(_case, row, context)
    description = take(limited_text, row, "omschrijving", 300)
    if not row.get("omschrijving", "").strip() and description is not None:
        take.add("omschrijving", _("This column is required."))
    started = take(_required_date, row, "gestart_op")
    ended = take(_date, row, "beeindigd_op", required=False)
    if started and ended and ended < started:
        take.add("beeindigd_op", _("The end date lies before the start date."))
    take.check()

    def save() -> Intervention:
        return Intervention.objects.create(
            case=case, description=description.strip(), started_on=started, ended_on=ended
        )

    return save


_CHECKS = {
    ImportKind.CASES: _check_case,
    ImportKind.EVENTS: _check_event,
    ImportKind.MOMENTS: _check_moment,
    ImportKind.ANALYSES: _check_analysis,
    ImportKind.INTERVENTIONS: _check_intervention,
}


# --- The import ----------------------------------------------------------------------------------


def run_import(
    rows: list[dict[str, str]],
    *,
    kind: ImportKind,
    team: Team,
    mode: ImportMode,
    commit: bool,
) -> ImportReport:
    """Check every row; with ``commit``, write all rows, none (all-or-nothing with problems),
    or only the good ones, in one transaction."""
    report = ImportReport(kind=kind, rows=len(rows))
    required, optional = COLUMNS[kind]
    problem = header_problem(rows, required)
    if problem is not None:
        report.problems.append(problem)
        return report
    report.unknown_columns = unknown_columns(rows, required + optional)
    context = _Context(team=team, cases=_team_cases(team))
    saves = []
    for number, row in enumerate(rows, start=2):
        try:
            saves.append(_CHECKS[kind](row, context))
        except RowError as error:
            report.problems.append(Problem(number, error.column, error.message))
        except RowErrors as errors:
            report.problems.extend(Problem(number, e.column, e.message) for e in errors.errors)
    if not commit or (mode == ImportMode.ALL_OR_NOTHING and report.problems):
        return report
    with transaction.atomic():
        for save in saves:
            saved = save()
            if isinstance(saved, Case):
                report.cases.add(saved.reference)
                report.created_cases.append((saved.source_ref, saved.reference))
            else:
                report.cases.add(saved.case.reference)
    report.imported = len(saves)
    report.committed = True
    return report


def _team_cases(team: Team) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for case in Case.objects.filter(team=team):
        cases[case.reference] = case
        if case.source_ref:
            cases[case.source_ref] = case
    return cases
