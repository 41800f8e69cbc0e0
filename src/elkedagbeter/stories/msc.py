"""Most Significant Change rounds: panels pick, per period, the story they find most significant
and record why; the choices roll up team → municipality → region and are fed back to the teams
the stories came from.

Candidates of a round:
- team: the team's approved stories (told with consent for learning) in the period;
- municipality: the choices of the team rounds in the municipality for an overlapping period,
  plus the municipality's stories that no team is named in;
- region: the choices of the municipality rounds in the region, plus the region's stories without
  a municipality.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Municipality, Region, Role, Team
from elkedagbeter.organisations.scoping import memberships_of

from .figures import with_story_date
from .models import MscRound, MscSelection, PanelLevel, Story, StoryStatus


def _learning() -> QuerySet[Story]:
    return Story.objects.filter(status=StoryStatus.APPROVED, consent_learning=True)


def _in_period(stories: QuerySet[Story], start: date, end: date) -> QuerySet[Story]:
    return with_story_date(stories).filter(Q(story_date__gte=start, story_date__lte=end))


def _overlapping(start: date, end: date) -> Q:
    return Q(round__period_start__lte=end, round__period_end__gte=start)


def candidates(round_: MscRound) -> QuerySet[Story]:
    start, end = round_.period_start, round_.period_end
    if round_.level == PanelLevel.TEAM:
        team = round_.team
        assert team is not None
        own = Q(team=team) | Q(team__isnull=True, municipality_id=team.municipality_id)
        return _in_period(_learning().filter(own), start, end)
    if round_.level == PanelLevel.MUNICIPALITY:
        assert round_.municipality_id is not None
        chosen = MscSelection.objects.filter(
            _overlapping(start, end),
            round__level=PanelLevel.TEAM,
            round__team__municipality_id=round_.municipality_id,
        ).values("story_id")
        unseen = _in_period(
            _learning().filter(municipality_id=round_.municipality_id, team__isnull=True),
            start,
            end,
        ).values("pk")
    else:
        chosen = MscSelection.objects.filter(
            _overlapping(start, end),
            round__level=PanelLevel.MUNICIPALITY,
            round__region_id=round_.region_id,
        ).values("story_id")
        unseen = _in_period(
            _learning().filter(region_id=round_.region_id, municipality__isnull=True), start, end
        ).values("pk")
    return _learning().filter(Q(pk__in=chosen) | Q(pk__in=unseen))


def reasons_from_below(round_: MscRound) -> dict[int, list[MscSelection]]:
    """Why lower panels chose each candidate, so this panel reads their reasons too."""
    if round_.level == PanelLevel.TEAM:
        return {}
    below = PanelLevel.TEAM if round_.level == PanelLevel.MUNICIPALITY else PanelLevel.MUNICIPALITY
    selections = MscSelection.objects.filter(
        _overlapping(round_.period_start, round_.period_end),
        round__level=below,
        round__region_id=round_.region_id,
    ).select_related("round__team", "round__municipality")
    if round_.level == PanelLevel.MUNICIPALITY:
        assert round_.municipality_id is not None
        selections = selections.filter(round__team__municipality_id=round_.municipality_id)
    result: dict[int, list[MscSelection]] = {}
    for selection in selections:
        result.setdefault(selection.story_id, []).append(selection)
    return result


# --- Who runs which panel ------------------------------------------------------------------------


def panel_teams(user: User) -> QuerySet[Team]:
    """Coordinators run their team's panel."""
    ids = [m.team_id for m in memberships_of(user) if m.role == Role.COORDINATOR and m.team_id]
    return Team.objects.filter(pk__in=ids)


def panel_municipalities(user: User) -> QuerySet[Municipality]:
    analyst = [m for m in memberships_of(user) if m.role == Role.ANALYST]
    if any(m.municipality_id is None and m.region_id is None for m in analyst):
        return Municipality.objects.all()
    return Municipality.objects.filter(
        Q(pk__in=[m.municipality_id for m in analyst if m.municipality_id])
        | Q(region_id__in=[m.region_id for m in analyst if m.region_id])
    )


def panel_regions(user: User) -> QuerySet[Region]:
    analyst = [m for m in memberships_of(user) if m.role == Role.ANALYST]
    if any(m.municipality_id is None and m.region_id is None for m in analyst):
        return Region.objects.all()
    return Region.objects.filter(pk__in=[m.region_id for m in analyst if m.region_id])


def rounds_for(user: User) -> QuerySet[MscRound]:
    return MscRound.objects.filter(
        Q(team__in=panel_teams(user))
        | Q(level=PanelLevel.MUNICIPALITY, municipality__in=panel_municipalities(user))
        | Q(level=PanelLevel.REGION, region__in=panel_regions(user))
    ).select_related("team", "municipality", "region", "selection__story")


def round_for(user: User, round_id: int) -> MscRound:
    found = rounds_for(user).filter(pk=round_id).first()
    if found is None:
        raise Http404
    return found


def open_round(
    user: User,
    *,
    level: str,
    start: date,
    end: date,
    team: Team | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> MscRound:
    if end < start:
        raise ValidationError({"period_end": _("The end of the period lies before its start.")})
    if level == PanelLevel.TEAM:
        if team is None or not panel_teams(user).filter(pk=team.pk).exists():
            raise PermissionDenied
        municipality, region_id = None, team.region_id
    elif level == PanelLevel.MUNICIPALITY:
        if (
            municipality is None
            or not panel_municipalities(user).filter(pk=municipality.pk).exists()
        ):
            raise PermissionDenied
        region_id = municipality.region_id
    else:
        if region is None or not panel_regions(user).filter(pk=region.pk).exists():
            raise PermissionDenied
        municipality, region_id = None, region.pk
    return MscRound.objects.create(
        level=level,
        team=team if level == PanelLevel.TEAM else None,
        municipality=municipality,
        region_id=region_id,
        period_start=start,
        period_end=end,
        created_by=user,
    )


@transaction.atomic
def select_story(user: User, round_: MscRound, story: Story, reason: str) -> MscSelection:
    """Record the panel's choice and why; a panel may change its mind until the round above it
    has chosen."""
    round_for(user, round_.pk)  # may this user run this panel?
    if not candidates(round_).filter(pk=story.pk).exists():
        raise ValidationError({"story": _("Choose one of this round's stories.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why your panel finds this story most significant.")}
        )
    selection, _created = MscSelection.objects.update_or_create(
        round=round_, defaults={"story": story, "reason": reason.strip(), "selected_by": user}
    )
    return selection


def feedback_for(user: User) -> QuerySet[MscSelection]:
    """Choices, at every level, of stories about the user's teams or their municipalities: the
    learning loop back to the teams the stories came from."""
    team_ids = [m.team_id for m in memberships_of(user) if m.team_id]
    municipality_ids = list(
        Team.objects.filter(pk__in=team_ids, municipality__isnull=False).values_list(
            "municipality_id", flat=True
        )
    )
    return (
        MscSelection.objects.filter(
            Q(story__team_id__in=team_ids)
            | Q(story__team__isnull=True, story__municipality_id__in=municipality_ids)
        )
        .select_related("round__team", "round__municipality", "round__region", "story")
        .order_by("-round__period_start", "round__level")
    )
