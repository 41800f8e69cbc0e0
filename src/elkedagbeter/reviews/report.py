"""The findings as a spreadsheet (through the indicators' export helpers) and as a PDF
(WeasyPrint), with exactly the figures the page shows to the same person."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from elkedagbeter.core.privacy import ProtectedCount

from .findings import Findings
from .templatetags.review_figures import kappa, percent


def _cell(count: ProtectedCount) -> object:
    """A shown count as a number a spreadsheet can add up; a hidden one as shown."""
    return count.value if count.value is not None else str(count)


def findings_rows(findings: Findings) -> list[list[object]]:
    round_ = findings.round
    rows: list[list[object]] = [
        [_("Review round"), round_.title],
        [_("Expert team"), str(round_.expert_team)],
        [_("Question"), round_.question],
        [_("Dossiers in the sample"), _cell(findings.dossiers)],
        [_("Reviewed twice"), _cell(findings.complete)],
        [],
        [
            _("Checklist item"),
            _("Yes"),
            _("No"),
            _("Not applicable"),
            _("Share yes"),
            _("Total"),
            _("Dossiers with at least 1"),
            _("Share of the whole"),
            _("Agreement"),
            _("Cohen's kappa"),
        ],
    ]
    for finding in findings.items:
        agreement = finding.agreement
        agreed = f"{agreement.agreed}/{agreement.pairs}" if agreement.pairs else "—"
        tail: list[object] = [agreed, kappa(agreement.kappa)]
        if finding.yes_no is not None:
            yn = finding.yes_no
            rows.append(
                [
                    finding.item.question,
                    _cell(yn.yes),
                    _cell(yn.no),
                    _cell(yn.not_applicable),
                    percent(yn.share),
                    "",
                    "",
                    "",
                    *tail,
                ]
            )
        elif finding.number is not None:
            number = finding.number
            whole = percent(number.share_of_whole) if finding.item.part_of_id else ""
            rows.append(
                [
                    finding.item.question,
                    "",
                    "",
                    "",
                    "",
                    _cell(number.total),
                    _cell(number.dossiers_with_any),
                    whole,
                    *tail,
                ]
            )
    rows += [[], [_("Placement chain"), _("Dossiers")]]
    rows += [[row.label, _cell(row.count)] for row in findings.chains]
    rows += [[], [_("Number"), _("Dossiers by placements"), _("Dossiers by transfers")]]
    rows += [
        [band_, _cell(placed), _cell(moved)]
        for (band_, placed), (_band, moved) in zip(
            findings.placements, findings.transfers, strict=True
        )
    ]
    rows += [[], [_("Conclusions")]]
    rows += [[conclusion.text] for conclusion in findings.conclusions]
    if findings.lessons:
        rows += [[], [_("Lessons")]]
        rows += [[lesson.title, lesson.text] for lesson in findings.lessons]
    return rows


def findings_pdf(findings: Findings) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reviews/findings_pdf.html",
        {"f": findings, "round": findings.round, "printed_at": timezone.localtime()},
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
