"""One case out of the system: JSON for a transfer to another system, PDF for a family's right
of access (AVG article 15). Neither contains pseudonyms; neither contains a BSN (none is kept)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from elkedagbeter.monitoring.models import MonitoringMoment

from .models import Case

SCHEMA = "https://elkedagbeter.nl/schema/casus/1"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def case_as_dict(case: Case) -> dict[str, Any]:
    moments = MonitoringMoment.objects.filter(case=case).prefetch_related("scores__goal")
    return {
        "$schema": SCHEMA,
        "casusnummer": case.reference,
        "team": str(case.team),
        "gestartOp": _day(case.opened_on),
        "afgeslotenOp": _day(case.closed_on),
        "gezinsleden": [
            {"id": m.pk, "rol": m.role, "geboortejaar": m.birth_year, "leeftijdsgroep": m.age_band}
            for m in case.members.all()
        ],
        "gewensteResultaten": [
            {"id": g.pk, "tekst": g.text, "nietMeerSinds": _day(g.closed_on)}
            for g in case.goals.all()
        ],
        "verklarendeAnalyse": [
            {
                "versie": v.number,
                "hypothesen": v.hypotheses,
                "reden": v.reason,
                "op": _moment(v.created_at),
            }
            for v in case.analysis_versions.all()
        ],
        "ondersteuningsplan": [
            {"versie": v.number, "tekst": v.text, "reden": v.reason, "op": _moment(v.created_at)}
            for v in case.plan_versions.all()
        ],
        "betrokkenen": [
            {
                "wie": i.party,
                "omschrijving": i.description,
                "hoe": i.mode,
                "van": _day(i.started_on),
                "tot": _day(i.ended_on),
            }
            for i in case.involvements.all()
        ],
        "interventies": [
            {
                "omschrijving": i.description,
                "catalogus": i.catalogue_item.code if i.catalogue_item else None,
                "van": _day(i.started_on),
                "tot": _day(i.ended_on),
            }
            for i in case.interventions.select_related("catalogue_item")
        ],
        "gebeurtenissen": [
            {
                "soort": e.kind,
                "gezinslid": e.member_id,
                "datum": _day(e.started_on),
                "einddatum": _day(e.ended_on),
                "hulpvormVerblijf": e.residence_type or None,
                "juridischeGrond": e.legal_basis or None,
                "van": e.from_setting or None,
                "naar": e.to_setting or None,
                "duurMinuten": e.duration_minutes,
                "plaats": e.place or None,
                "notitie": e.note or None,
            }
            for e in case.events.order_by("started_on", "pk")
        ],
        "monitoringmomenten": [
            {
                "datum": _day(m.recorded_on),
                "schaal": m.scale,
                "scores": [
                    {"gewenstResultaat": s.goal_id, "score": s.score} for s in m.scores.all()
                ],
                "veiligheid": m.safety,
                "planPast": m.plan_fits,
                "gehoord": m.heard,
                "notitie": m.note or None,
            }
            for m in moments.order_by("recorded_on", "pk")
        ],
    }


def case_as_pdf(case: Case) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "cases/export_pdf.html",
        {
            "case": case,
            "members": case.members.all(),
            "goals": case.goals.all(),
            "analyses": case.analysis_versions.all(),
            "plans": case.plan_versions.all(),
            "involvements": case.involvements.all(),
            "interventions": case.interventions.all(),
            "events": case.events.select_related("member").order_by("started_on", "pk"),
            "moments": MonitoringMoment.objects.filter(case=case)
            .prefetch_related("scores__goal")
            .order_by("recorded_on"),
            "printed_at": timezone.localtime(),
        },
    )
    return bytes(HTML(string=html).write_pdf())
