"""The cheaper get_FOO_display() gives what Django's own gives."""

from __future__ import annotations

from django.db import models
from django.utils import translation

from elkedagbeter.cases.models import Event, EventKind, HouseholdMember
from elkedagbeter.cases.models.household import AgeBand, MemberRole
from elkedagbeter.core.choices import ChoiceLabels


def _django_display(instance: models.Model, name: str) -> object:
    return models.Model._get_FIELD_display(instance, instance._meta.get_field(name))


def test_labels_follow_the_active_language() -> None:
    member = HouseholdMember(role=MemberRole.PARENT, age_band=AgeBand.CHILD)
    with translation.override("en"):
        assert member.get_role_display() == "Parent"
        assert str(member) == "Parent (4 to 11 years)"
    with translation.override("nl"):
        assert member.get_role_display() == _django_display(member, "role")
        assert member.get_role_display() != "Parent"


def test_every_choice_and_an_unknown_value_match_django() -> None:
    assert issubclass(Event, ChoiceLabels)
    for kind in [*EventKind.values, "no-such-kind", ""]:
        event = Event(kind=kind)
        for language in ("nl", "en"):
            with translation.override(language):
                assert event.get_kind_display() == _django_display(event, "kind")
    assert Event(kind="no-such-kind").get_kind_display() == "no-such-kind"


def test_choices_from_a_callable_are_read_each_time() -> None:
    labels = {"a": "first"}
    field: models.CharField[str, str] = models.CharField(
        max_length=1, choices=lambda: list(labels.items())
    )
    field.set_attributes_from_name("letter")

    class Row(ChoiceLabels):
        letter = "a"

    assert Row()._get_FIELD_display(field) == "first"
    labels["a"] = "second"
    assert Row()._get_FIELD_display(field) == "second"
