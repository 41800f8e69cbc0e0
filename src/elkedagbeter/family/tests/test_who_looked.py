"""'Wie keek in mijn dossier?': the family sees their own case's access log in Dutch words:
organisation, role, when, why the person may look and the reason they stated."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import World
from elkedagbeter.audit.actions import OBJECT_TYPE_CASE, record_access
from elkedagbeter.audit.models import AccessLogEntry, ActionCode, AuthorisationRule, EventCode
from elkedagbeter.organisations.models import Membership

from ..models import FamilyKind
from .factories import family_account, family_client, household, request_as


def test_the_family_sees_who_looked_in_dutch_words(world: World, client_for: object) -> None:
    prof = world.user("professional")
    home = household(world.case_a, prof)
    household(world.case_b, world.user("outsider"))
    parent = family_account(prof, world.case_a, home.parent, FamilyKind.PARENT, "ouder")
    youth = family_account(prof, world.case_a, home.older, FamilyKind.YOUTH, "jongere")
    client_for("professional").get(  # type: ignore[operator]
        reverse("cases:detail", kwargs={"reference": world.case_a.reference})
    )
    client_for("outsider").get(  # type: ignore[operator]
        reverse("cases:detail", kwargs={"reference": world.case_b.reference})
    )
    # An emergency read by another team, with the reason the reader states.
    record_access(
        request_as(world.user("outsider")),
        event=EventCode.CASE_READ,
        action=ActionCode.READ,
        rule=AuthorisationRule.BREAK_GLASS,
        membership=Membership.objects.get(user=world.user("outsider")),
        object_type=OBJECT_TYPE_CASE,
        object_ref=world.case_a.reference,
        reason="Zorgmelding van de huisarts",
    )
    family_client(youth).get(reverse("family:home"))

    client: Client = family_client(parent)
    client.get(reverse("family:home"))  # the parent's own reads are not listed to them
    response = client.get(reverse("family:who_looked"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    lines = response.context["lines"]
    assert {line.organisation for line in lines} >= {"Wijkteam A", "uw gezin"}
    html = response.content.decode()
    assert "Wijkteam A, Jeugdprofessional, keek in uw dossier." in html
    assert "Jongere" in html  # the young person's read, as "uw gezin, Jongere"
    assert "toegang in een noodgeval. De reden die zij gaven: Zorgmelding" in html
    assert sum("Wijkteam B" in line.organisation for line in lines) == 1  # only the one on case A
    assert "jongere" not in [line.organisation for line in lines]  # no usernames
    assert all(line.role != "Ouder" for line in lines)  # not their own reads
    assert "Waarom deze persoon mag kijken: werkt in uw team." in html
    # Reading this page is itself logged, as a read of the access log.
    assert AccessLogEntry.objects.filter(
        event_code=EventCode.CASE_ACCESS_LOG_READ, object_ref=world.case_a.reference
    ).exists()
