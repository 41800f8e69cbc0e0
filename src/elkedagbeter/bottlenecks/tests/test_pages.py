"""Raising from a case without leaking it, the board with its filters and groups, "wij ook",
publishing, the figures with small counts hidden, and the export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import _member, log_in
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.bottlenecks import actions
from elkedagbeter.bottlenecks.figures import region_figures
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Endorsement, Status
from elkedagbeter.cases.models import AgeBand, HouseholdMember, MemberRole
from elkedagbeter.organisations.models import Role

from .conftest import Routed


def _client(routed: Routed, who: str) -> Client:
    user = {"handler": routed.handler, "regiocoordinator": routed.region_coordinator}.get(who)
    return log_in(Client(), user or routed.world.user(who))


def _raise(routed: Routed, title: str, category: str = Category.FINANCING, **extra: str):
    world = routed.world
    draft = actions.Draft(
        region=world.north,
        category=category,
        title=title,
        municipality=world.team_a.municipality,
        team=world.team_a,
        **extra,
    )
    return actions.raise_bottleneck(world.user("professional"), draft)


# --- Raising from a case -------------------------------------------------------------------------


def test_raising_from_a_case_keeps_the_case_with_the_team(routed: Routed) -> None:
    world = routed.world
    case = world.case_a
    HouseholdMember.objects.create(
        case=case, role=MemberRole.YOUTH, birth_year=timezone.localdate().year - 17
    )
    professional = _client(routed, "professional")
    url = reverse("bottlenecks:from_case", kwargs={"reference": case.reference})
    page = professional.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["age_band"] == AgeBand.TEENAGER
    response = professional.post(
        url,
        {
            "category": Category.TRANSITION_18,
            "title": "Jeroen de Vries wordt 18 en de hulp stopt",
            "description": "Moeder belde op 06-12345678; de Wmo neemt het niet over.",
            "place": f"team-{world.team_a.pk}",
            "age_band": AgeBand.TEENAGER,
        },
    )
    bottleneck = Bottleneck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})
    # De-identified, with only team, municipality and age band as context.
    assert "Jeroen" not in bottleneck.title and "de Vries" not in bottleneck.title
    assert "06-12345678" not in bottleneck.description
    assert (bottleneck.raised_by_team, bottleneck.municipality, bottleneck.age_band) == (
        world.team_a,
        world.team_a.municipality,
        AgeBand.TEENAGER,
    )
    # The case's access log shows the form's read and the raise.
    reads = AccessLogEntry.objects.filter(object_ref=case.reference, event_code=EventCode.CASE_READ)
    assert [entry.reason for entry in reads.order_by("id")][-1] == f"knelpunt {bottleneck.number}"
    # Its team sees where it came from; the body that handles it does not.
    own = professional.get(reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk}))
    assert case.reference in own.content.decode()
    body_page = _client(routed, "regiocoordinator").get(
        reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})
    )
    assert body_page.status_code == 200
    assert case.reference not in body_page.content.decode()
    assert "Jeroen" not in body_page.content.decode()
    # The case page lists it under the knelpunten raised from the case.
    case_page = professional.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    detail = reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})
    assert 'id="knelpunten"' in case_page.content.decode()
    assert f'href="{detail}"' in case_page.content.decode()


def test_a_bad_raise_keeps_what_was_typed(routed: Routed) -> None:
    response = _client(routed, "professional").post(
        reverse("bottlenecks:new"),
        {"title": "", "description": "Wat ik al had getypt", "place": "team-0"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"category", "title", "place"}
    assert "Wat ik al had getypt" in response.content.decode()
    assert not Bottleneck.objects.exists()


def test_similar_open_bottlenecks_are_offered_before_raising_another(routed: Routed) -> None:
    existing = _raise(routed, "Gemeenten zijn het oneens over het woonplaatsbeginsel")
    client = _client(routed, "coordinator")
    data = {
        "category": Category.FINANCING,
        "title": "Oneens over woonplaatsbeginsel tussen twee gemeenten",
        "place": f"team-{routed.world.team_a.pk}",
    }
    offered = client.post(reverse("bottlenecks:new"), data)
    assert offered.status_code == 200
    assert offered.context["similar"] == [existing]
    assert Bottleneck.objects.count() == 1
    sent = client.post(reverse("bottlenecks:new"), {**data, "confirmed": "True"})
    assert sent.status_code == 302
    assert Bottleneck.objects.count() == 2


# --- Who may do what -----------------------------------------------------------------------------

# persona → (raises, sees the board's bottleneck, takes it up, says "wij ook")
ROLE_MATRIX = {
    "professional": (True, True, False, False),  # raised it: no "wij ook" for oneself
    "coordinator": (True, True, False, True),
    "outsider": (True, True, False, True),
    "expert": (True, True, False, True),
    "analyst": (True, True, False, True),
    "viewer": (False, True, False, False),
    "admin": (False, True, False, False),
    "handler": (True, True, True, False),  # addressed to their own body: no "wij ook"
    "regiocoordinator": (True, True, False, True),
}


@pytest.mark.parametrize("persona", ROLE_MATRIX)
def test_role_matrix(routed: Routed, persona: str) -> None:
    raises, sees, takes_up, we_too = ROLE_MATRIX[persona]
    bottleneck = _raise(routed, "Wachtlijst jeugd-ggz")
    client = _client(routed, persona)
    assert (client.get(reverse("bottlenecks:new")).status_code == 200) == raises
    page = client.get(reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk}))
    assert (page.status_code == 200) == sees
    moved = client.post(
        reverse("bottlenecks:move", kwargs={"pk": bottleneck.pk}),
        {"status": Status.IN_PROGRESS},
    )
    assert (moved.status_code == 302) == takes_up
    bottleneck.refresh_from_db()
    assert (bottleneck.status == Status.IN_PROGRESS) == takes_up
    endorsed = client.post(reverse("bottlenecks:we_too", kwargs={"pk": bottleneck.pk}))
    assert (endorsed.status_code == 302) == we_too
    assert Endorsement.objects.filter(bottleneck=bottleneck).exists() == we_too


def test_a_closed_bottleneck_is_reopened_by_the_reporting_team_not_by_others(
    routed: Routed,
) -> None:
    bottleneck = _raise(routed, "Geen gezinshuisplek")
    actions.transition(routed.handler, bottleneck, Status.SOLVED, "Plek gevonden")
    url = reverse("bottlenecks:move", kwargs={"pk": bottleneck.pk})
    refused = _client(routed, "outsider").post(url, {"status": Status.REOPENED, "text": "Nee"})
    assert refused.status_code == 403
    without_reason = _client(routed, "coordinator").post(url, {"status": Status.REOPENED})
    assert without_reason.status_code == 400
    assert without_reason.context["move_form"].errors["text"]
    reopened = _client(routed, "coordinator").post(
        url, {"status": Status.REOPENED, "text": "De plek ging niet door"}
    )
    assert reopened.status_code == 302
    bottleneck.refresh_from_db()
    assert bottleneck.status == Status.REOPENED


def test_other_regions_do_not_see_a_regions_bottlenecks_but_the_body_does(
    routed: Routed,
) -> None:
    bottleneck = _raise(routed, "Wachtlijst")
    actions.transition(routed.handler, bottleneck, Status.ESCALATED, "Regionaal")
    actions.transition(routed.world.user("analyst"), bottleneck, Status.ESCALATED, "Landelijk")
    stranger = _member("zuid", Role.PROFESSIONAL, team=routed.world.team_d)
    url = reverse("bottlenecks:detail", kwargs={"pk": bottleneck.pk})
    assert log_in(Client(), stranger).get(url).status_code == 404
    # The municipal handler handled it before, so still sees it, but can no longer act.
    handler_page = _client(routed, "handler").get(url)
    assert handler_page.status_code == 200 and handler_page.context["moves"] == []


def test_publishing_a_solved_bottleneck(routed: Routed) -> None:
    bottleneck = _raise(routed, "Pleegzorg wordt niet betaald door Jan Jansen")
    handler = _client(routed, "handler")
    url = reverse("bottlenecks:publish", kwargs={"pk": bottleneck.pk})
    assert handler.post(url, {"summary": "Te vroeg"}).status_code == 403
    actions.transition(routed.handler, bottleneck, Status.SOLVED, "Afspraak gemaakt")
    assert _client(routed, "professional").post(url, {"summary": "x"}).status_code == 403
    assert handler.post(url, {"summary": ""}).status_code == 400
    handler.post(url, {"summary": "Gemeenten betalen voortaan eerst en verrekenen later."})
    public = Client().get(reverse("public_bottlenecks:region", kwargs={"code": "noord"}))
    text = public.content.decode()
    assert "Gemeenten betalen voortaan eerst" in text
    assert "Jansen" not in text and bottleneck.title not in text
    handler.post(url, {"unpublish": "1"})
    public = Client().get(reverse("public_bottlenecks:region", kwargs={"code": "noord"}))
    assert "Gemeenten betalen voortaan eerst" not in public.content.decode()


# --- The board, the export and the figures --------------------------------------------------------


def test_the_board_groups_similar_bottlenecks_and_counts_we_too(routed: Routed) -> None:
    first = _raise(routed, "Wachtlijst specialistische jeugd-ggz is langer dan een half jaar")
    second = _raise(routed, "Wachtlijst voor specialistische jeugd-ggz: meer dan zes maanden")
    other = _raise(routed, "Twee gemeenten betwisten het woonplaatsbeginsel", Category.RULES)
    Endorsement.objects.create(bottleneck=second, user=routed.world.user("outsider"))
    response = _client(routed, "analyst").get(reverse("bottlenecks:board"))
    groups = list(response.context["page_obj"])
    assert [sorted(item.pk for item in group.items) for group in groups] == [
        sorted([first.pk, second.pk]),
        [other.pk],
    ]
    assert groups[0].frequency == 3


def test_the_board_filters(routed: Routed) -> None:
    waiting = _raise(routed, "Wachtlijst", Category.WAITING)
    _raise(routed, "Betaling", Category.FINANCING)
    old = _raise(routed, "Regels", Category.RULES)
    Bottleneck.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=100),
        due_on=timezone.localdate() - timedelta(days=50),
    )
    client = _client(routed, "analyst")

    def shown(query: str) -> set[int]:
        response = client.get(reverse("bottlenecks:board") + "?" + query)
        return {item.pk for group in response.context["page_obj"] for item in group.items}

    region = f"regio={routed.world.north.pk}"
    assert shown(f"{region}&categorie={Category.WAITING}") == {waiting.pk}
    assert shown(f"{region}&ouderdom=90") == {old.pk}
    assert shown(f"{region}&status=te-laat") == {old.pk}
    assert shown(f"{region}&instantie={routed.regional.pk}") == {waiting.pk}
    assert shown(f"{region}&zoek=wachtlijst") == {waiting.pk}
    assert shown(f"regio={routed.world.south.pk}") == set()  # not the analyst's region


def test_the_export_as_csv_and_xlsx(routed: Routed) -> None:
    _raise(routed, '=HYPERLINK("http://x") wachtlijst', Category.WAITING)
    client = _client(routed, "coordinator")
    response = client.get(reverse("bottlenecks:export", kwargs={"fmt": "csv"}))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 2 and rows[1][3].startswith("'=")
    xlsx = client.get(reverse("bottlenecks:export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 2


def test_figures_hide_small_counts(routed: Routed) -> None:
    for index in range(6):
        bottleneck = _raise(routed, f"Wachtlijst {index}", Category.WAITING)
        actions.transition(routed.world.user("analyst"), bottleneck, Status.SOLVED, "Opgelost")
    for index in range(7):
        _raise(routed, f"Samenwerking {index}", Category.COOPERATION)
    for index in range(2):
        _raise(routed, f"Betaling {index}", Category.FINANCING)
    figures = region_figures(routed.world.north)
    rows = {row.body: row for row in figures.rows}
    regional, municipal = rows[routed.regional], rows[routed.municipal]
    coordinator = rows[routed.coordinator]
    assert str(municipal.received) == "< 5"
    # The smallest other body is hidden too, so the total does not give the 2 away.
    assert regional.received.reason == "secondary"
    assert coordinator.received.value == 7
    assert figures.total_received.value == 15
    assert regional.median_response_days == 0
    assert regional.share_solved == 1.0
    assert coordinator.share_solved == 0.0 and coordinator.median_response_days is None
    assert municipal.median_response_days is None and municipal.share_solved is None
    assert [str(count) for count in coordinator.trend][-1] == "7"
    page = _client(routed, "viewer").get(
        reverse("bottlenecks:figures") + f"?regio={routed.world.north.pk}"
    )
    assert page.status_code == 200 and "&lt; 5" in page.content.decode()
    download = _client(routed, "viewer").get(
        reverse("bottlenecks:figures") + f"?regio={routed.world.north.pk}&formaat=csv"
    )
    assert "< 5" in download.content.decode("utf-8")
