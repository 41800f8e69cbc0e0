"""Reads compiled once (elkedagbeter/prepared.py) give what the same queryset gives, every time,
and refuse parameters whose values would not reach the SQL as given."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import World
from elkedagbeter.cases.models import Case, HouseholdMember
from elkedagbeter.cases.tests.factories import CaseFactory
from elkedagbeter.organisations.models import Membership
from elkedagbeter.prepared import prepared

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _memberships(user_id: int) -> QuerySet[Membership]:
    return Membership.objects.filter(user_id=user_id).select_related("team__region", "region")


def test_it_gives_what_the_queryset_gives_for_each_value(world: World) -> None:
    read = prepared(_memberships, user_id=int)

    for persona in ("professional", "coordinator", "analyst", "expert"):
        user = world.user(persona)
        rows = read.list(user_id=user.pk)
        expected = list(_memberships(user.pk))
        assert rows == expected
        assert [(m.team, m.region) for m in rows] == [(m.team, m.region) for m in expected]
        assert read.count(user_id=user.pk) == len(expected)
    assert read.list(user_id=-1) == []


def test_it_compiles_once_and_reads_once(world: World) -> None:
    built: list[int] = []

    def build(case_id: int) -> QuerySet[HouseholdMember]:
        built.append(case_id)
        return HouseholdMember.objects.filter(case_id=case_id)

    read = prepared(build, case_id=int)
    read.list(case_id=world.case_a.pk)
    with CaptureQueriesContext(connection) as captured:
        rows = read.list(case_id=world.case_b.pk, known={"case": world.case_b})
        assert [row.case for row in rows] == [world.case_b] * len(rows)  # no query for .case

    assert len(built) == 1
    assert len(captured) == 1
    assert rows == list(world.case_b.members.all())


def test_values_rows_slices_and_strings(world: World) -> None:
    CaseFactory(team=world.team_a)
    by_reference = prepared(
        lambda reference: Case.objects.filter(reference=reference).values_list("id", "team_id")[:1],
        reference=str,
    )
    case = world.case_a

    assert by_reference.first(reference=case.reference) == (case.pk, case.team_id)
    assert by_reference.first(reference="C-NONE-NONE") is None


def test_parameters_that_do_not_reach_the_sql_as_given_are_refused(world: World) -> None:
    rewritten = prepared(
        lambda reference: Case.objects.filter(reference__contains=reference), reference=str
    )
    with pytest.raises(ImproperlyConfigured):
        rewritten.list(reference="C-")

    with pytest.raises(ImproperlyConfigured):
        prepared(lambda day: Case.objects.filter(opened_on=day), day=object)

    unused = prepared(lambda case_id: Case.objects.all(), case_id=int)
    with pytest.raises(ImproperlyConfigured):
        unused.list(case_id=world.case_a.pk)

    read = prepared(lambda case_id: Case.objects.filter(pk=case_id), case_id=int)
    with pytest.raises(TypeError):
        read.list(id=world.case_a.pk)


def test_days_and_moments_are_parameters_too(world: World) -> None:
    case = world.case_a
    opened = prepared(
        lambda day, moment: Case.objects.filter(opened_on=day, created_at__lte=moment).values_list(
            "pk", flat=True
        ),
        day=date,
        moment=datetime,
    )

    assert opened.list(day=case.opened_on, moment=timezone.now()) == list(
        Case.objects.filter(opened_on=case.opened_on).values_list("pk", flat=True)
    )
    assert opened.list(day=case.opened_on, moment=case.created_at - timedelta(seconds=1)) == []
    assert opened.count(day=case.opened_on + timedelta(days=1), moment=timezone.now()) == 0
