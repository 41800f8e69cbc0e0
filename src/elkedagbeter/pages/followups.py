"""What became of a story pattern, for the storyteller's follow page: the knelpunten raised about
it. pages sits above stories and bottlenecks (which may not import each other), so the two meet
here. Only what anyone with the follow code may read: the body that holds the mandate and the
status; the title and the decision only once the knelpunt is published."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from elkedagbeter.bottlenecks.models import Bottleneck
from elkedagbeter.stories.pattern_followups import Followup


def knelpunten_about_pattern(pattern_id: int) -> list[Followup]:
    raised = (
        Bottleneck.objects.filter(from_pattern_id=pattern_id)
        .select_related("body", "region", "decision")
        .order_by("created_at")
    )
    return [_followup(bottleneck) for bottleneck in raised]


def _followup(bottleneck: Bottleneck) -> Followup:
    published = bottleneck.published_at is not None
    decision = bottleneck.decision if published else None
    summary = ""
    if decision is not None:
        summary = _("Decided: %(what)s, from %(date)s in %(place)s.") % {
            "what": decision.title,
            "date": decision.starts_on.strftime("%d-%m-%Y"),
            "place": decision.place_label,
        }
    return Followup(
        kind=_("Knelpunt"),
        title=bottleneck.title if published else _("A knelpunt about this pattern"),
        status=bottleneck.get_status_display(),
        holder=str(bottleneck.body),
        summary=summary,
        url=reverse("public_bottlenecks:region", kwargs={"code": bottleneck.region.code})
        if published
        else "",
    )
