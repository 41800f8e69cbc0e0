"""The case file as a reviewer reads it: its free texts through the de-identification engine.

The support plan, the explanatory analysis, the desired results and the descriptions of
involvement and interventions are kept as written in the case file, for the professionals of
the case (docs/deidentification.md). A dossier review is read by an expert team from outside
the case, so here those texts leave the case file, and leave it de-identified.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import date

from elkedagbeter.cases.overview import CaseOverview
from elkedagbeter.core.deidentify import deidentify


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Described:
    label: str
    description: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Intervention:
    description: str
    started_on: date

    def __str__(self) -> str:
        return self.description


def for_reviewers(overview: CaseOverview) -> CaseOverview:
    """A copy of ``overview`` whose free texts are de-identified; nothing is written."""
    plan = copy.copy(overview.plan)  # an unsaved copy: the case file keeps its own words
    if plan is not None:
        plan.text = deidentify(plan.text)
    return replace(
        overview,
        goals=[Text(deidentify(goal.text)) for goal in overview.goals],
        analysis_domains=[(label, deidentify(text)) for label, text in overview.analysis_domains],
        plan=plan,
        involvements=[
            Described(str(item), deidentify(item.description)) for item in overview.involvements
        ],
        interventions=[
            Intervention(deidentify(item.description), item.started_on)
            for item in overview.interventions
        ],
    )
