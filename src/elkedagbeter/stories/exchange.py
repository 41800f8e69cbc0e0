"""Story collections in and out as CSV (semicolons, UTF-8 with BOM, like the other exports).

Columns: ``referentie;titel;verhaal;verteller;verteller_toelichting;gemeente;datum;patronen;
publicatie;leren`` and then one column per signifier of the national framework: a dyad as
``<code>`` (0 to 1000, or ``nvt``), a triad as ``<code>_a``, ``<code>_b``, ``<code>_c``
(thousandths summing to 1000, or ``nvt`` in the first), a multiple choice as ``<code>`` with the
chosen labels separated by `` | ``, free text as ``<code>``. ``gemeente`` is a CBS code (GM0153)
or a name; ``datum`` is ``2016-04`` or ``2016-04-01`` or a year; ``patronen`` are pattern names
separated by `` | ``. Everything imported is de-identified like a story from the form.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _

from elkedagbeter.core import tabular
from elkedagbeter.organisations.models import Municipality, Region

from .actions import Telling, known_places, tell_story
from .models import (
    SCALE,
    Answer,
    Framework,
    NarratorRole,
    Pattern,
    Signifier,
    SignifierKind,
    Story,
    StorySource,
    StoryStatus,
)
from .patterns import add_stories, create_pattern
from .signification import AnswerValue

BASE_COLUMNS = [
    "referentie",
    "titel",
    "verhaal",
    "verteller",
    "verteller_toelichting",
    "gemeente",
    "datum",
    "patronen",
    "publicatie",
    "leren",
]
LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
YES = {"ja", "j", "1", "true", "yes", "waar"}
PATTERN_NAME_LENGTH = Pattern._meta.get_field("name").max_length or 0


def signifier_columns(signifiers: Iterable[Signifier]) -> list[str]:
    columns = []
    for s in signifiers:
        if s.kind == SignifierKind.TRIAD:
            columns += [f"{s.code}_a", f"{s.code}_b", f"{s.code}_c"]
        else:
            columns.append(s.code)
    return columns


def _safe(cell: object) -> object:
    """A leading quote keeps a spreadsheet from reading text as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _answer_cells(s: Signifier, answer: Answer | None) -> list[object]:
    width = 3 if s.kind == SignifierKind.TRIAD else 1
    empty: list[object] = [""] * width
    if answer is None:
        return empty
    if answer.not_applicable:
        return ["nvt", *empty[1:]]
    if s.kind == SignifierKind.TRIAD:
        return list(answer.shares or ("", "", ""))
    if s.kind == SignifierKind.DYAD:
        return [answer.position]
    if s.kind == SignifierKind.MULTIPLE_CHOICE:
        return [LIST_SEPARATOR.join(s.labels[i] for i in answer.choices if i < len(s.labels))]
    return [answer.text]


def export_csv(stories: Iterable[Story], signifiers: list[Signifier]) -> str:
    """The stories as CSV text (with BOM); answers matched to ``signifiers`` by code."""
    by_code = {s.code: s for s in signifiers}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(BASE_COLUMNS + signifier_columns(signifiers))
    for story in stories:
        answers = {a.signifier.code: a for a in story.answers.all()}
        patterns = LIST_SEPARATOR.join(p.name for p in story.patterns.all())
        if story.happened_on is None:
            when = ""
        elif story.month_known:
            when = story.happened_on.strftime("%Y-%m")
        else:
            when = str(story.happened_on.year)
        row: list[object] = [
            story.reference,
            story.title,
            story.text,
            story.narrator_role,
            story.narrator_detail,
            story.municipality.cbs_code if story.municipality else "",
            when,
            patterns,
            "ja" if story.consent_publication else "nee",
            "ja" if story.consent_learning else "nee",
        ]
        for code, s in by_code.items():
            row += _answer_cells(s, answers.get(code))
        writer.writerow([_safe(cell) for cell in row])
    return "\ufeff" + out.getvalue()


# --- Import --------------------------------------------------------------------------------------


@dataclass
class ImportProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    problems: list[ImportProblem] = field(default_factory=list)


class CsvError(ValueError):
    pass


def read_csv(
    data: bytes | BinaryIO, *, limits: tabular.Limits | None = None
) -> list[dict[str, str]]:
    """The rows of a story file, read within the import limits shared by every import
    (``core.tabular``): a file past a limit is refused without being read to its end."""
    upload = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        rows = tabular.read_table(upload, "verhalen.csv", limits=limits, decode=tabular.decode_utf8)
    except tabular.TableError as error:
        raise CsvError(error.message) from error
    if not rows:
        raise CsvError(_("The file has no rows under the header."))
    missing = {"titel", "verhaal", "verteller"} - set(rows[0])
    if missing:
        raise CsvError(_("Columns missing: %(columns)s.") % {"columns": ", ".join(sorted(missing))})
    return rows


def parse_when(value: str) -> tuple[date | None, bool]:
    value = value.strip()
    if not value:
        return None, True
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", value):
        return date(int(match[1]), int(match[2]), 1), True
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), False
    raise ValueError(value)


class AnswerError(ValueError):
    """What a cell should have held, in words for the report."""


def _int(cell: str) -> int:
    try:
        return int(cell)
    except ValueError as error:
        raise AnswerError(_("whole numbers")) from error


def _value(s: Signifier, row: dict[str, str]) -> AnswerValue:
    if s.kind == SignifierKind.TRIAD:
        cells = [row.get(f"{s.code}_{x}", "").strip() for x in "abc"]
        if cells[0].lower() == "nvt":
            return AnswerValue(not_applicable=True)
        if not any(cells):
            return AnswerValue()
        shares = tuple(_int(c) for c in cells)
        if sum(shares) != SCALE or min(shares) < 0:
            raise AnswerError(_("three numbers from 0 to 1000 that add up to 1000"))
        return AnswerValue(shares=(shares[0], shares[1], shares[2]))
    cell = row.get(s.code, "").strip()
    if not cell:
        return AnswerValue()
    if cell.lower() == "nvt":
        return AnswerValue(not_applicable=True)
    if s.kind == SignifierKind.DYAD:
        position = _int(cell)
        if not 0 <= position <= SCALE:
            raise AnswerError(_("a number from 0 to 1000"))
        return AnswerValue(position=position)
    if s.kind == SignifierKind.MULTIPLE_CHOICE:
        labels = [label.lower() for label in s.labels]
        chosen = []
        for part in cell.split("|"):
            part = part.strip().lower()
            if part not in labels:
                raise AnswerError(_("labels from the framework, separated by |"))
            chosen.append(labels.index(part))
        return AnswerValue(choices=chosen)
    return AnswerValue(text=cell)


def _municipality(value: str, region: Region | None) -> Municipality | None:
    value = value.strip()
    if not value:
        return None
    found = Municipality.objects.filter(cbs_code__iexact=value).first()
    found = found or Municipality.objects.filter(name__iexact=value).first()
    if found is None or (region is not None and found.region_id != region.pk):
        raise ValueError(value)
    return found


def import_rows(
    rows: list[dict[str, str]],
    framework: Framework,
    *,
    region: Region | None,
    approved: bool,
    source_ref: str = "csv",
) -> ImportReport:
    """Check every row; import all of them only when none has a problem (all or nothing)."""
    signifiers = list(framework.signifiers.all())
    report = ImportReport(rows=len(rows))
    tellings: list[tuple[Telling, list[str]]] = []
    roles = {value for value, _label in NarratorRole.choices}
    for number, row in enumerate(rows, start=2):

        def problem(column: str, message: str, number: int = number) -> None:
            report.problems.append(ImportProblem(number, column, message))

        title, text = row.get("titel", "").strip(), row.get("verhaal", "").strip()
        if not title:
            problem("titel", _("A story needs a headline."))
        if not text:
            problem("verhaal", _("A story needs a text."))
        role = row.get("verteller", "").strip().lower()
        if role not in roles:
            problem("verteller", _("Use one of: %(roles)s.") % {"roles": ", ".join(sorted(roles))})
        try:
            municipality = _municipality(row.get("gemeente", ""), region)
        except ValueError:
            municipality = None
            problem("gemeente", _("Unknown municipality, or one outside your region."))
        try:
            happened_on, month_known = parse_when(row.get("datum", ""))
        except ValueError:
            happened_on, month_known = None, True
            problem("datum", _("Give the date as 2016-04, 2016-04-01 or 2016."))
        answers = {}
        for s in signifiers:
            try:
                answers[s.pk] = _value(s, row)
            except AnswerError as error:
                problem(s.code, _("Not a valid answer; expected %(what)s.") % {"what": error})
        patterns = [p.strip() for p in row.get("patronen", "").split("|") if p.strip()]
        if any(len(name) > PATTERN_NAME_LENGTH for name in patterns):
            problem(
                "patronen",
                _("A pattern name has at most %(max)d characters.") % {"max": PATTERN_NAME_LENGTH},
            )
        tellings.append(
            (
                Telling(
                    title=title,
                    text=text,
                    narrator_role=role,
                    narrator_detail=row.get("verteller_toelichting", "").strip(),
                    municipality=municipality,
                    happened_on=happened_on,
                    month_known=month_known,
                    consent_publication=row.get("publicatie", "").strip().lower() in YES,
                    consent_learning=row.get("leren", "").strip().lower() in YES,
                    answers=answers,
                ),
                patterns,
            )
        )
    if report.problems:
        return report
    status = StoryStatus.APPROVED if approved else StoryStatus.SUBMITTED
    places = known_places()
    with transaction.atomic():
        stories_by_pattern: dict[str, list[int]] = {}
        for number, (telling, patterns) in enumerate(tellings, start=2):
            story, _code = tell_story(
                framework,
                telling,
                source=StorySource.IMPORT,
                source_ref=f"{source_ref}:{number}",
                status=status,
                places=places,
            )
            if region is not None and story.region_id is None:
                Story.objects.filter(pk=story.pk).update(region=region)
            for name in patterns:
                stories_by_pattern.setdefault(name, []).append(story.pk)
        for name, story_ids in stories_by_pattern.items():
            pattern = Pattern.objects.filter(name__iexact=name, region=region).first()
            if pattern is None:
                pattern = create_pattern(name, region=region)
            add_stories(pattern, story_ids)
        report.imported = len(tellings)
    return report
