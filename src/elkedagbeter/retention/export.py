"""Everything held about one youth, for a data-subject access request (AVG art. 15).

A youth is known here only by a pseudonym on a household member (a keyed HMAC of the BSN per
region, cases/pseudonyms.py). The export finds the household memberships with that pseudonym,
and for each of their cases collects every record linked to it. The BSN is used only to compute
pseudonyms in memory: it is never written to the export, the access log or the output.

Third parties are minimised: other household members appear only as role and age band, events
recorded for another member and the change history of such members and events are left out, and
of the professionals only the name, role and organisation the access log keeps are given (no
address or browser). The export is logged in the access log: one entry for the request (object:
the pseudonym) and one per case (so the case's own access history shows it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from elkedagbeter.audit.actions import OBJECT_TYPE_CASE
from elkedagbeter.audit.models import (
    AccessLogEntry,
    ActionCode,
    AuthorisationRule,
    EventCode,
    Result,
)
from elkedagbeter.cases.models import Case, HouseholdMember
from elkedagbeter.cases.pseudonyms import is_valid_bsn, pseudonym_for
from elkedagbeter.ijw.models import CareEpisode
from elkedagbeter.organisations.models import Region

FORMAT = "elkedagbeter.inzage/1"
OBJECT_TYPE_SUBJECT = "jeugdige"
# The access log's own fields that are about the professional's device, not the youth.
_LOG_FIELDS = [
    "occurred_at",
    "event_code",
    "action_code",
    "result",
    "user_display",
    "user_role",
    "organisation",
    "authorisation_rule",
    "reason",
]


def pseudonyms_for_bsn(bsn: str, region_codes: Iterable[str] | None = None) -> dict[str, str]:
    """The youth's pseudonym in each region (all regions when none are named): a pseudonym is
    per region, so a complete answer looks in every region. Raises ValueError on a BSN that
    fails the elfproef (without repeating it)."""
    if not is_valid_bsn(bsn):
        raise ValueError("The citizen service number fails the elfproef.")
    codes = list(region_codes) if region_codes else []
    if not codes:
        codes = list(Region.objects.order_by("code").values_list("code", flat=True))
    return {code: pseudonym_for(bsn, code) for code in codes}


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(obj: models.Model, exclude: Sequence[str] = ()) -> dict[str, Any]:
    """A record's own fields; a link to another record as its text (a team's or a user's
    name), never its internal id."""
    row: dict[str, Any] = {}
    for model_field in obj._meta.concrete_fields:
        name = model_field.name
        if name in exclude or name == "case":
            continue
        if model_field.is_relation:
            related = getattr(obj, name)
            row[name] = str(related) if related is not None else None
        else:
            row[name] = _value(getattr(obj, model_field.attname))
    return row


def _members(case: Case, pseudonyms: set[str]) -> tuple[dict[str, Any], set[int]]:
    own, others, other_ids = [], [], set()
    for member in case.members.all():
        if member.pseudonym and member.pseudonym in pseudonyms:
            own.append(_row(member))
        else:
            other_ids.add(member.pk)
            others.append({"role": member.role, "age_band": member.age_band})
    return {"youth": own, "other_members": others}, other_ids


def _review_dossiers(case: Case) -> list[dict[str, Any]]:
    dossiers = []
    for dossier in case.review_dossiers.select_related("round__expert_team"):
        dossiers.append(
            {
                "round": dossier.round.title,
                "expert_team": str(dossier.round.expert_team),
                "round_status": dossier.round.status,
                "dossier": dossier.label,
                "reviews": [
                    {
                        **_row(review, exclude=["dossier"]),
                        "answers": {
                            answer.item.code: answer.value
                            for answer in review.answers.select_related("item")
                        },
                    }
                    for review in dossier.reviews.select_related("reviewer")
                ],
                "agreed_answers": {
                    resolution.item.code: resolution.value
                    for resolution in dossier.resolutions.select_related("item")
                },
            }
        )
    return dossiers


def case_record(case: Case, pseudonyms: set[str]) -> dict[str, Any]:
    """Every record linked to one case, with third parties minimised (see the module text)."""
    members, other_ids = _members(case, pseudonyms)
    events = [e for e in case.events.all() if e.member_id not in other_ids]
    event_ids = {e.pk for e in events}
    left_out = {("householdmember", pk) for pk in other_ids} | {
        ("event", e.pk) for e in case.events.all() if e.pk not in event_ids
    }
    moments = []
    for moment in case.monitoring_moments.prefetch_related("scores__goal"):
        moments.append(
            {
                **_row(moment),
                "goal_scores": [
                    {"goal": score.goal.text, "scale": score.scale, "score": score.score}
                    for score in moment.scores.all()
                ],
            }
        )
    log = AccessLogEntry.objects.filter(
        object_type=OBJECT_TYPE_CASE, object_ref=case.reference
    ).order_by("occurred_at", "id")
    return {
        "case": _row(case, exclude=["source_ref"]),
        "household": members,
        "events": [_row(event) for event in events],
        "desired_results": [_row(goal) for goal in case.goals.all()],
        "explanatory_analyses": [_row(v) for v in case.analysis_versions.order_by("number")],
        "support_plans": [_row(v) for v in case.plan_versions.order_by("number")],
        "interventions": [_row(i) for i in case.interventions.select_related("catalogue_item")],
        "involvement": [_row(i) for i in case.involvements.all()],
        "monitoring_moments": moments,
        "transfers_and_escalations": [_row(t) for t in case.transfers.all()],
        "emergency_accesses": [_row(a) for a in case.emergency_accesses.all()],
        "change_history": [
            _row(change, exclude=["object_id"])
            for change in case.changes.order_by("changed_at", "id")
            if (change.object_type, change.object_id) not in left_out
        ],
        "bottlenecks_raised_from_the_case": [
            _row(b, exclude=["raised_by", "description"]) for b in case.bottlenecks.all()
        ],
        "review_dossiers": _review_dossiers(case),
        "access_log": [{name: _value(getattr(e, name)) for name in _LOG_FIELDS} for e in log],
    }


@dataclass
class SubjectExport:
    data: dict[str, Any]
    cases: list[Case]


def collect(pseudonyms: Iterable[str]) -> SubjectExport:
    wanted = {p.strip().lower() for p in pseudonyms if p.strip()}
    case_ids = (
        HouseholdMember.objects.filter(pseudonym__in=wanted)
        .values_list("case_id", flat=True)
        .distinct()
    )
    cases = list(Case.objects.filter(pk__in=case_ids).select_related("team").order_by("opened_on"))
    data = {
        "format": FORMAT,
        "made_at": timezone.now().isoformat(),
        "pseudonyms": sorted(wanted),
        "cases": [case_record(case, wanted) for case in cases],
        "ijw_care_episodes": [
            _row(episode, exclude=("pseudonym",))
            for episode in CareEpisode.objects.filter(pseudonym__in=wanted).order_by(
                "started_on", "id"
            )
        ],
        "third_parties": (
            "Other household members are given only by role and age band; events recorded "
            "for them and their change history are left out."
        ),
        "not_linked": (
            "Stories, bottlenecks and figures are not linked to a youth: stories are "
            "anonymous, figures are counts. Bottlenecks raised from a case are listed with it. "
            "Care episodes read from iJw messages are listed whether or not a case holds them."
        ),
    }
    return SubjectExport(data, cases)


def log_export(export: SubjectExport, *, operator: str, reason: str) -> None:
    """One access-log entry for the request and one per case, in one transaction."""
    note = f"AVG art. 15 inzage: {len(export.cases)} cases. {reason}".strip()
    common = {
        "event_code": EventCode.CASE_EXPORT,
        "action_code": ActionCode.READ,
        "result": Result.SUCCESS,
        "authorisation_rule": AuthorisationRule.ADMIN,
        "user_display": operator[:150],
        "reason": note,
    }
    with transaction.atomic():
        for pseudonym in export.data["pseudonyms"]:
            AccessLogEntry.objects.create(
                object_type=OBJECT_TYPE_SUBJECT, object_ref=pseudonym[:64], **common
            )
        for case in export.cases:
            AccessLogEntry.objects.create(
                object_type=OBJECT_TYPE_CASE,
                object_ref=case.reference,
                region_code=case.team.region.code,
                **common,
            )


def summary_nl(export: SubjectExport) -> str:
    """A short readable summary in Dutch, for the letter to the youth or parent."""
    lines = [
        "Inzage: wat Elke Dag Beter over deze jongere bewaart",
        f"Gemaakt op {timezone.localtime():%d-%m-%Y %H:%M}.",
        "",
        f"Aantal casussen (gezinnen) waarin de jongere voorkomt: {len(export.cases)}.",
    ]
    labels = {
        "events": "gebeurtenissen",
        "desired_results": "gewenste resultaten",
        "explanatory_analyses": "versies van de verklarende analyse",
        "support_plans": "versies van het ondersteuningsplan",
        "interventions": "interventies",
        "involvement": "betrokkenen",
        "monitoring_moments": "monitoringsmomenten",
        "transfers_and_escalations": "overdrachten en escalaties",
        "emergency_accesses": "noodtoegang (inzage zonder vaste rol)",
        "change_history": "wijzigingen",
        "bottlenecks_raised_from_the_case": "knelpunten vanuit de casus",
        "review_dossiers": "dossierreviews",
        "access_log": "keren ingezien of gewijzigd (toegangslog)",
    }
    for record in export.data["cases"]:
        case = record["case"]
        closed = case["closed_on"] or "nog open"
        lines += ["", f"Casus {case['reference']} (team {case['team']}), {case['opened_on']}"]
        lines[-1] += f" tot {closed}:"
        lines += [f"- {len(record[key])} {label}" for key, label in labels.items()]
        lines += [f"- {len(record['household']['other_members'])} andere gezinsleden"]
    lines += [
        "",
        "Andere gezinsleden staan er alleen met hun rol en leeftijdsgroep in. Het volledige "
        "overzicht staat in het bijgevoegde JSON-bestand.",
    ]
    return "\n".join(lines) + "\n"


def write(export: SubjectExport, path: Path, summary: Path | None = None) -> None:
    path.write_text(json.dumps(export.data, ensure_ascii=False, indent=2), encoding="utf-8")
    if summary is not None:
        summary.write_text(summary_nl(export), encoding="utf-8")
