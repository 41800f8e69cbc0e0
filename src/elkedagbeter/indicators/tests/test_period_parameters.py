"""A period in a query parameter: parsed within the years 1900 to 2100, and anything else is a
Dutch 400 that names the parameter, on every page and export that reads one. ``/beweging-van-0/
?tot=0001-01`` used to answer 500: the page stepped back from year 1 and left ``date``'s range."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from conftest import World, fuzz_settings, log_in
from elkedagbeter.core.parameters import FIRST_YEAR, LAST_YEAR
from elkedagbeter.indicators.periods import Period, PeriodKind

MALFORMED = [
    "0001-01",
    "2026-13",
    "abc",
    "9999-99",
    "9999-12",
    "2026-00",
    "2026-K5",
    "\uff11\uff19\uff19\uff19",
]  # last: full-width digits


# --- The parser ----------------------------------------------------------------------------------


@fuzz_settings
@given(kind=st.sampled_from(list(PeriodKind)), text=st.text(max_size=12))
def test_any_text_parses_to_a_usable_period_or_to_nothing(kind: PeriodKind, text: str) -> None:
    period = Period.parse(kind, text)
    if period is not None:
        assert FIRST_YEAR <= period.start.year <= LAST_YEAR
        assert period.end >= period.start
        assert period.shifted(-100) < period < period.shifted(100)  # pages step back and forth


slugs = st.one_of(
    st.tuples(st.integers(0, 99_999), st.integers(-5, 120)).map(lambda p: f"{p[0]:04d}-{p[1]:02d}"),
    st.tuples(st.integers(0, 99_999), st.integers(-1, 9)).map(lambda p: f"{p[0]:04d}-K{p[1]}"),
    st.integers(-10, 99_999).map(str),
)


@fuzz_settings
@given(kind=st.sampled_from(list(PeriodKind)), slug=slugs)
def test_period_like_text_parses_only_within_the_years_and_round_trips(
    kind: PeriodKind, slug: str
) -> None:
    period = Period.parse(kind, slug)
    if period is not None:
        assert FIRST_YEAR <= period.start.year <= LAST_YEAR
        assert Period.parse(kind, period.slug) == period


@fuzz_settings
@given(
    kind=st.sampled_from(list(PeriodKind)),
    day=st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)),
)
def test_every_period_in_the_years_reads_back_from_its_slug(kind: PeriodKind, day: date) -> None:
    period = Period.containing(kind, day)
    assert Period.parse(kind, period.slug) == period


# --- The pages -----------------------------------------------------------------------------------


def _assert_names_parameter(response: Any, name: str) -> None:
    assert response.status_code == 400
    html = response.content.decode()
    assert f"De parameter “{name}” moet" in html
    assert 'id="bad-parameter"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", MALFORMED)
@pytest.mark.parametrize("kind", ["maand", "kwartaal", "jaar"])
def test_a_malformed_tot_is_a_dutch_400_naming_it_on_the_dashboard(
    world: World, kind: str, value: str
) -> None:
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)

    response = analyst.get(reverse("indicators:dashboard"), {"periode": kind, "tot": value})

    _assert_names_parameter(response, "tot")
    assert "in de jaren 1900 tot en met 2100" in response.content.decode()


@pytest.mark.django_db
def test_every_page_and_export_that_reads_a_period_refuses_a_malformed_one(world: World) -> None:
    analyst = log_in(Client(), world.user("analyst"), second_factor=False)
    coordinator = log_in(Client(), world.user("coordinator"))
    pages = [
        (analyst, reverse("indicators:dashboard")),
        (analyst, reverse("indicators:export", kwargs={"code": "separaties", "fmt": "csv"})),
        (analyst, reverse("indicators:export", kwargs={"code": "separaties", "fmt": "xlsx"})),
        (analyst, reverse("indicators:zero_goals")),
        (analyst, reverse("indicators:plate", kwargs={"code": "separaties"})),
        (analyst, reverse("indicators:report")),
        (coordinator, reverse("indicators:cases_behind", kwargs={"code": "separaties"})),
    ]
    for client, url in pages:
        _assert_names_parameter(client.get(url, {"tot": "0001-01"}), "tot")
        _assert_names_parameter(client.get(url, {"periode": "week"}), "periode")
    approve = analyst.post(f"{reverse('indicators:approve')}?periode=jaar&tot=9999")
    _assert_names_parameter(approve, "tot")


@pytest.mark.django_db
def test_the_public_figures_refuse_a_period_kind_they_do_not_publish(world: World) -> None:
    url = reverse("public_figures:region", kwargs={"region_id": world.north.pk})

    _assert_names_parameter(Client().get(url, {"periode": "maand"}), "periode")
    assert Client().get(url, {"periode": "kwartaal"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"a-van": "2026-05-01", "a-tot": "2026-01-01"}, "De einddatum ligt voor de begindatum."),
        ({"a-tot": "9999-12-31"}, "Geef een datum op of voor 2100-12-31."),
        ({"a-van": "0001-01-01"}, "Geef een datum op of na 1900-01-01."),
        ({"a-van": "abc"}, "Geef een datum als 2026-01-31."),
    ],
)
def test_a_story_view_with_an_unusable_date_range_is_a_400_with_the_reason(
    world: World, query: dict[str, str], message: str
) -> None:
    viewer = log_in(Client(), world.user("viewer"), second_factor=False)

    response = viewer.get(reverse("stories:insight"), query)

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"date_to": "9999-12-31"},  # was a 500: a day after it is past date's range
        {"date_from": "0001-01-01"},  # was a 500: before year 1 in UTC
        {"date_from": "2026-05-01", "date_to": "2026-01-01"},
    ],
)
def test_the_access_log_search_refuses_an_unusable_date_range(
    world: World, query: dict[str, str]
) -> None:
    admin = log_in(Client(), world.user("admin"))

    response = admin.get(reverse("audit:search"), query)

    assert response.status_code == 400
    assert "Geef een datum" in response.content.decode() or "einddatum" in (
        response.content.decode()
    )
