"""The written rule for what a family member sees, in one place (docs/family.md).

- A parent sees the household's shared part: the plan, the desired results, who is involved,
  case conferences and agreements, and events that concern no one young person in particular.
- A young person's own part (events about them, their own answers and youth check) is shown:
  - under 12: to the parents (a child under 12 gets no account of their own);
  - from 12 to 16: to the young person and to the parents;
  - from 16: to the young person, and to the parents only when the young person chose to share.
- A young person sees the shared part and their own part, never a brother's or sister's.
- When only an age band is known (12 to 17, no birth year), the young person counts as 16 or
  older: the rule errs on the side of the young person's privacy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from elkedagbeter.cases.models import AgeBand, HouseholdMember, MemberRole

from .models import FamilyAccess, FamilyKind

YOUTH_ACCOUNT_AGE = 12
OWN_DECISION_AGE = 16
_BAND_LOWEST_AGE = {
    AgeBand.TODDLER: 0,
    AgeBand.CHILD: 4,
    AgeBand.TEENAGER: OWN_DECISION_AGE,  # unknown within 12-17: treated as deciding for themselves
    AgeBand.YOUNG_ADULT: 18,
    AgeBand.ADULT: 23,
}
PARENT_ROLES = frozenset({MemberRole.PARENT, MemberRole.CARER})
YOUTH_ROLES = frozenset({MemberRole.YOUTH, MemberRole.SIBLING})


def age_of(member: HouseholdMember, today: date | None = None) -> int | None:
    """The member's age this year (from the birth year), else the lowest age the band allows."""
    today = today or timezone.localdate()
    if member.birth_year:
        return today.year - member.birth_year
    if member.age_band:
        return _BAND_LOWEST_AGE[AgeBand(member.age_band)]
    return None


def may_be_invited(member: HouseholdMember, kind: str, today: date | None = None) -> bool:
    """A parent or carer as parent; a young person of 12 or older as young person."""
    if kind == FamilyKind.PARENT:
        return member.role in PARENT_ROLES
    age = age_of(member, today)
    return member.role in YOUTH_ROLES and age is not None and age >= YOUTH_ACCOUNT_AGE


@dataclass(frozen=True)
class Viewer:
    """Who is looking: their access and what the rule lets them see of each member."""

    access: FamilyAccess
    shared_member_ids: frozenset[int]  # young people whose own part this viewer may see

    def sees_member(self, member_id: int | None) -> bool:
        """Whether a part about ``member_id`` (None: about the whole household) is shown."""
        return member_id is None or member_id in self.shared_member_ids


def viewer_for(access: FamilyAccess, today: date | None = None) -> Viewer:
    members = list(HouseholdMember.objects.filter(case_id=access.case_id))
    if access.kind == FamilyKind.YOUTH:
        return Viewer(access, frozenset({access.member_id}))
    sharing = set(
        FamilyAccess.objects.filter(
            case_id=access.case_id,
            kind=FamilyKind.YOUTH,
            ended_at__isnull=True,
            shares_with_parents=True,
        ).values_list("member_id", flat=True)
    )
    visible = set()
    for member in members:
        if member.role in PARENT_ROLES:
            visible.add(member.pk)
            continue
        age = age_of(member, today)
        if age is None or age < OWN_DECISION_AGE or member.pk in sharing:
            visible.add(member.pk)
    return Viewer(access, frozenset(visible))


def parents_see_youth_part(youth: HouseholdMember, shares: bool, today: date | None = None) -> bool:
    """The rule for one young person, as the settings page explains it."""
    age = age_of(youth, today)
    return age is None or age < OWN_DECISION_AGE or shares
