"""The case import under hypothesis (docs/fuzzing.md): whatever file comes in, in whichever
encoding, separator or format, with whatever cell text, the import never crashes; it reports
every problem with its row and column in Dutch; all-or-nothing stores nothing when there is any
problem, good-rows stores exactly the good rows; and rows that are valid are all stored, with
the values the case export then shows.

Marked ``postgres``: PostgreSQL enforces column lengths and number ranges that SQLite does not.
"""

from __future__ import annotations

import io
import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from conftest import World, count_fuzz_case, fuzz_settings
from elkedagbeter.cases.exports import case_as_dict
from elkedagbeter.cases.imports import (
    COLUMNS,
    ImportKind,
    ImportMode,
    Problem,
    RowError,
    read_rows,
    run_import,
)
from elkedagbeter.cases.models import (
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
    ResidenceType,
    SeclusionForm,
)
from elkedagbeter.monitoring.models import MonitoringMoment, PlanFit, ScoreScale

from .fuzzing import any_text, cell, csv_bytes, in_dutch_and_english, numbers, upload, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = timezone.localdate()
SOURCE_REF = "WT-1"
_past = st.dates(min_value=date(1995, 1, 1), max_value=TODAY - timedelta(days=1))
_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
dates = st.builds(lambda day, pattern: day.strftime(pattern), _past, st.sampled_from(_formats))
odd_dates = st.sampled_from(
    ["gisteren", "31-02-2025", "2025-13-01", "0000-01-01", "9999-12-31", "2025-1-1", "1-1-25"]
) | st.dates(min_value=TODAY + timedelta(days=1)).map(date.isoformat)


def _choices(choices: Any) -> st.SearchStrategy[str]:
    values = [str(choice.value) for choice in choices]
    return st.sampled_from(values + [value.upper() for value in values])


def _cells(case: Case) -> dict[str, st.SearchStrategy[str]]:
    """A plausible cell per column; ``cell`` mixes in anything and empty."""
    return {
        "bron_id": cell(st.text("ABCXYZ-0123456789", min_size=1, max_size=8)),
        "gestart_op": cell(dates, odd_dates),
        "afgesloten_op": cell(dates, odd_dates),
        # Added by the costs app (cases.imports.register_case_columns).
        "arrangement": cell(st.sampled_from(["licht", "midden", "zwaar", "ZWAAR", "heel zwaar"])),
        "arrangement_datum": cell(dates, odd_dates),
        "casus": cell(st.sampled_from([SOURCE_REF, case.reference, "WT-404", "c-0000-0000"])),
        "soort": cell(_choices(EventKind)),
        "datum": cell(dates, odd_dates),
        "einddatum": cell(dates, odd_dates),
        "jeugdige_geboortejaar": cell(
            st.integers(1890, TODAY.year + 2).map(str), numbers, st.just("2012")
        ),
        "hulpvorm": cell(_choices(ResidenceType)),
        "juridische_grond": cell(_choices(LegalBasis)),
        "instemming_ouder": cell(_choices(Agreement)),
        "instemming_andere_ouder": cell(_choices(Agreement)),
        "instemming_jeugdige": cell(_choices(Agreement)),
        "beeindiging": cell(_choices(EndKind)),
        "diagnose": cell(_choices(DiagnosisGroup)),
        "reden_uitgelegd": cell(_choices(Explained)),
        "vorm_separatie": cell(_choices(SeclusionForm)),
        "van": cell(st.just("Groep A")),
        "naar": cell(st.just("Groep B")),
        "duur_minuten": cell(st.integers(1, 600).map(str), numbers),
        "plaats": cell(st.just("Time-outruimte")),
        "veiligheid": cell(st.integers(0, 11).map(str), numbers),
        "plan_past": cell(_choices(PlanFit)),
        "schaal": cell(_choices(ScoreScale)),
        "gehoord": cell(st.integers(0, 6).map(str), numbers),
        "omschrijving": cell(st.just("Gezinscoaching")),
        "beeindigd_op": cell(dates, odd_dates),
        **{domain: cell(st.just("Een hypothese")) for domain in LifeDomain.values},
    }


def _columns(kind: ImportKind) -> list[str]:
    required, optional = COLUMNS[kind]
    return required + optional


MODELS = {
    ImportKind.CASES: Case,
    ImportKind.EVENTS: Event,
    ImportKind.MOMENTS: MonitoringMoment,
    ImportKind.ANALYSES: AnalysisVersion,
    ImportKind.INTERVENTIONS: Intervention,
}


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Case, Event, MonitoringMoment, HouseholdMember, AnalysisVersion, Intervention)
    }


def _read(data: bytes, filename: str) -> list[dict[str, str]] | list[Problem]:
    try:
        return read_rows(io.BytesIO(data), filename)
    except RowError as error:
        return [Problem(1, error.column, error.message)]


@pytest.fixture
def source_case(world: World) -> Case:
    return Case.objects.create(
        team=world.team_a, source_ref=SOURCE_REF, opened_on=TODAY - timedelta(days=4000)
    )


@pytest.mark.parametrize("mode", list(ImportMode))
@pytest.mark.parametrize("kind", list(ImportKind))
def test_any_file_gets_a_dutch_report_and_is_stored_whole_or_not_at_all(
    world: World, source_case: Case, kind: ImportKind, mode: ImportMode
) -> None:
    header = _columns(kind)
    cells = _cells(source_case)
    row = st.tuples(*(cells[column] for column in header))
    known = set(header)

    @fuzz_settings
    @given(file=upload(header, row))
    def check(file: tuple[bytes, str]) -> None:
        data, filename = file
        before = _counts()
        read = in_dutch_and_english(
            lambda: [p for p in _read(data, filename) if isinstance(p, Problem)]
        )
        if read:
            assert all(problem.row == 1 for problem in read)
            assert _counts() == before
            count_fuzz_case(f"import cases/{kind}/{mode}", "unreadable")
            return
        rows = read_rows(io.BytesIO(data), filename)

        def dry_run() -> list[Problem]:
            return run_import(rows, kind=kind, team=world.team_a, mode=mode, commit=False).problems

        in_dutch_and_english(dry_run)
        report = run_import(rows, kind=kind, team=world.team_a, mode=mode, commit=True)
        for problem in report.problems:
            if problem.row == 1:
                assert problem.column == "" or set(problem.column.split(", ")) <= known
            else:
                assert 2 <= problem.row <= len(rows) + 1 and problem.column in known, problem
        after = _counts()
        model = MODELS[kind].__name__
        file_problem = any(problem.row == 1 for problem in report.problems)
        if file_problem or (mode == ImportMode.ALL_OR_NOTHING and report.problems):
            assert after == before and not report.committed
            outcome = "refused"
        else:
            assert report.committed and report.imported == report.good_rows
            assert after[model] - before[model] == report.imported
            outcome = "stored" if not report.problems else "good rows stored"
        count_fuzz_case(f"import cases/{kind}/{mode}", outcome)

    check()


# --- Valid rows are all stored, as the export shows --------------------------------------------

_unique = itertools.count(1)
words = (
    st.text(
        st.characters(categories=("L", "N"), include_characters=" -'"), min_size=1, max_size=120
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def _period(draw: st.DrawFn) -> tuple[date, date | None]:
    start = draw(_past)
    end = draw(st.none() | st.dates(min_value=start, max_value=TODAY - timedelta(days=1)))
    return start, end


def _text(day: date | None, pattern: str) -> str:
    return day.strftime(pattern) if day else ""


def _file(header: list[str], rows: list[list[str]], as_xlsx: bool, encoding: str) -> Any:
    if as_xlsx:
        return xlsx_bytes(header, rows), "goed.xlsx"
    return csv_bytes(header, rows, delimiter=";", encoding=encoding), "goed.csv"


files = st.tuples(st.booleans(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))


def test_valid_cases_are_all_stored(world: World) -> None:
    @fuzz_settings
    @given(
        periods=st.lists(_period(), min_size=1, max_size=8),
        pattern=st.sampled_from(_formats),
        file=files,
    )
    def check(
        periods: list[tuple[date, date | None]], pattern: str, file: tuple[bool, str]
    ) -> None:
        refs = [f"F{next(_unique)}" for _ in periods]
        rows = [
            [ref, _text(s, pattern), _text(e, pattern)]
            for ref, (s, e) in zip(refs, periods, strict=True)
        ]
        data, filename = _file(["bron_id", "gestart_op", "afgesloten_op"], rows, *file)
        report = run_import(
            read_rows(io.BytesIO(data), filename),
            kind=ImportKind.CASES,
            team=world.team_a,
            mode=ImportMode.ALL_OR_NOTHING,
            commit=True,
        )
        assert report.problems == [] and report.imported == len(rows)
        for ref, (start, end) in zip(refs, periods, strict=True):
            exported = case_as_dict(Case.objects.get(team=world.team_a, source_ref=ref))
            assert (exported["gestartOp"], exported["afgeslotenOp"]) == (
                start.isoformat(),
                end.isoformat() if end else None,
            )
        count_fuzz_case("import cases/valid casussen", "stored")

    check()


_SIMPLE = [
    EventKind.HANDOVER,
    EventKind.WAITING_START,
    EventKind.WAITING_END,
    EventKind.CRISIS,
    EventKind.BREAKDOWN,
    EventKind.RUNAWAY,
    EventKind.SCHOOL_DROPOUT,
]


@st.composite
def _event(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from([*_SIMPLE, EventKind.SECLUSION, EventKind.TRANSFER]))
    start, end = draw(_period())
    event: dict[str, Any] = {"soort": str(kind), "datum": start, "einddatum": end}
    if kind == EventKind.SECLUSION:
        event |= {"duurMinuten": draw(st.integers(1, 100_000)), "plaats": draw(words)}
    if kind == EventKind.TRANSFER:
        event |= {"van": draw(words), "naar": draw(words)}
    return event


def test_valid_events_are_all_stored_as_the_export_shows(world: World) -> None:
    header = ["casus", "soort", "datum", "einddatum", "van", "naar", "duur_minuten", "plaats"]

    @fuzz_settings
    @given(
        events=st.lists(_event(), min_size=1, max_size=8),
        pattern=st.sampled_from(_formats),
        file=files,
    )
    def check(events: list[dict[str, Any]], pattern: str, file: tuple[bool, str]) -> None:
        case = Case.objects.create(
            team=world.team_a, source_ref=f"E{next(_unique)}", opened_on=date(1990, 1, 1)
        )
        rows = [
            [
                case.source_ref,
                e["soort"],
                _text(e["datum"], pattern),
                _text(e["einddatum"], pattern),
                e.get("van", ""),
                e.get("naar", ""),
                str(e.get("duurMinuten", "")),
                e.get("plaats", ""),
            ]
            for e in events
        ]
        data, filename = _file(header, rows, *file)
        report = run_import(
            read_rows(io.BytesIO(data), filename),
            kind=ImportKind.EVENTS,
            team=world.team_a,
            mode=ImportMode.ALL_OR_NOTHING,
            commit=True,
        )
        assert report.problems == [] and report.imported == len(events)
        exported = [
            {key: value for key, value in e.items() if value is not None and key != "gezinslid"}
            for e in case_as_dict(case)["gebeurtenissen"]
        ]
        expected = [
            {
                key: value.isoformat() if isinstance(value, date) else value
                for key, value in e.items()
                if value is not None
            }
            for e in events
        ]
        key = lambda e: sorted(map(str, e.items()))  # noqa: E731
        assert sorted(exported, key=key) == sorted(expected, key=key)
        count_fuzz_case("import cases/valid gebeurtenissen", "stored")

    check()


def test_valid_moments_are_all_stored_as_the_export_shows(world: World) -> None:
    moment = st.fixed_dictionaries(
        {
            "datum": _past,
            "veiligheid": st.integers(1, 10),
            "planPast": st.sampled_from([str(value) for value in PlanFit.values]),
            "gehoord": st.none() | st.integers(1, 5),
            "schaal": st.sampled_from([str(value) for value in ScoreScale.values]),
        }
    )
    header = ["casus", "datum", "veiligheid", "plan_past", "gehoord", "schaal"]

    @fuzz_settings
    @given(moments=st.lists(moment, min_size=1, max_size=8), file=files)
    def check(moments: list[dict[str, Any]], file: tuple[bool, str]) -> None:
        case = Case.objects.create(
            team=world.team_a, source_ref=f"M{next(_unique)}", opened_on=date(1990, 1, 1)
        )
        rows = [
            [
                case.reference,
                m["datum"].isoformat(),
                str(m["veiligheid"]),
                m["planPast"],
                "" if m["gehoord"] is None else str(m["gehoord"]),
                m["schaal"],
            ]
            for m in moments
        ]
        data, filename = _file(header, rows, *file)
        report = run_import(
            read_rows(io.BytesIO(data), filename),
            kind=ImportKind.MOMENTS,
            team=world.team_a,
            mode=ImportMode.ALL_OR_NOTHING,
            commit=True,
        )
        assert report.problems == [] and report.imported == len(moments)
        fields = ("datum", "veiligheid", "planPast", "gehoord", "schaal")
        exported = sorted(
            tuple(str(m[f]) for f in fields) for m in case_as_dict(case)["monitoringmomenten"]
        )
        expected = sorted(
            tuple(str(m[f].isoformat() if f == "datum" else m[f]) for f in fields) for m in moments
        )
        assert exported == expected
        count_fuzz_case("import cases/valid monitoringmomenten", "stored")

    check()


def test_arbitrary_bytes_never_crash_the_reader() -> None:
    @fuzz_settings
    @given(
        data=st.binary(max_size=2000) | any_text.map(str.encode),
        name=st.sampled_from(["x.csv", "x.xlsx", "x"]),
    )
    def check(data: bytes, name: str) -> None:
        result = in_dutch_and_english(
            lambda: [p for p in _read(data, name) if isinstance(p, Problem)]
        )
        count_fuzz_case("import cases/raw bytes", "unreadable" if result else "read")

    check()


# --- What the fuzzing found, held by fixed examples ----------------------------------------------


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (b"bron_id\nX-1\n", [{"bron_id": "X-1"}]),  # one column: nothing to sniff a separator by
        (b"bron_id;gestart_op\r1;2020-01-01\r", [{"bron_id": "1", "gestart_op": "2020-01-01"}]),
        ("bron_id;gestart_op\n1;2020-01-01\n".encode("utf-16"), None),  # Excel's Unicode text
    ],
    ids=["one column", "old Mac line ends", "UTF-16"],
)
def test_files_the_reader_used_to_crash_on_or_misread(data: bytes, rows: Any) -> None:
    expected = rows or [{"bron_id": "1", "gestart_op": "2020-01-01"}]
    assert read_rows(io.BytesIO(data), "x.csv") == expected


def test_an_unreadable_csv_line_is_a_dutch_problem() -> None:
    with pytest.raises(RowError, match=r"Regel \d+ van dit bestand is niet te lezen als CSV"):
        read_rows(io.BytesIO(b'a;b\n"' + b"x" * 200_000 + b'";1\n'), "x.csv")


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"soort": "crisis", "jeugdige_geboortejaar": "1850"}, "jeugdige_geboortejaar"),
        ({"soort": "crisis", "duur_minuten": "-5"}, "duur_minuten"),
        ({"soort": "separatie", "plaats": "kamer", "duur_minuten": str(10**12)}, "duur_minuten"),
        ({"soort": "overplaatsing", "van": "x" * 121, "naar": "y"}, "van"),
    ],
    ids=["birth year 1850", "negative duration", "huge duration", "long text"],
)
@pytest.mark.parametrize("mode", list(ImportMode))
def test_rows_the_database_refused_are_problems_not_crashes(
    world: World, source_case: Case, cells: dict[str, str], column: str, mode: ImportMode
) -> None:
    row = {"casus": SOURCE_REF, "datum": "2025-01-10", **cells}
    report = run_import([row], kind=ImportKind.EVENTS, team=world.team_a, mode=mode, commit=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, column)]
    assert not Event.objects.exists() and not HouseholdMember.objects.exists()


def test_a_bron_id_longer_than_the_column_is_a_problem(world: World) -> None:
    rows = [{"bron_id": "x" * 65, "gestart_op": "2025-01-10"}]
    report = run_import(
        rows, kind=ImportKind.CASES, team=world.team_a, mode=ImportMode.GOOD_ROWS, commit=True
    )
    assert [(p.row, p.column) for p in report.problems] == [(2, "bron_id")]


def test_a_nul_character_is_dropped_as_the_file_is_read() -> None:
    rows = read_rows(io.BytesIO(b"bron_id;gestart_op\nX\x00-1;2025-01-10\n"), "x.csv")
    assert rows == [{"bron_id": "X-1", "gestart_op": "2025-01-10"}]
