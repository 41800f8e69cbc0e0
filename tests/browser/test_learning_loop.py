"""The learning loop end to end in chromium, each step by the role who takes it: a teller's story
joins a published pattern on zero goal "0 separaties"; a professional raises a knelpunt from a case
with a seclusion (it arrives pre-filled) and it is routed to the region's procurement, whose
handler takes it up and solves it with a decision; the raiser reads what became of the signal; the
teller follows the story with the follow code; the O-plaat shows the knelpunt, its body and status,
and the decision. Then the limits: the body never sees the case, another team's professional sees
the region's figures but not the case, and a follow code shows only its own story."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from playwright.sync_api import Browser, expect

from conftest import World, _member
from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Level, ResponsibleBody, Status
from elkedagbeter.bottlenecks.tests.factories import BodyFactory, RuleFactory
from elkedagbeter.cases.models import Event, EventKind
from elkedagbeter.organisations.models import Role
from elkedagbeter.stories.follow import issue_follow_code
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import Pattern, PatternStatus, Story, StoryStatus
from elkedagbeter.stories.patterns import create_pattern
from elkedagbeter.stories.tests.factories import told

from .conftest import Site, dutch
from .test_accessibility import _serious_violations
from .test_stories import _consent_and_send, _tell, _to

pytestmark = pytest.mark.browser

PATTERN = "Wachten zonder tussentijdse hulp"
KNELPUNT = "Geen plek zonder separeerruimte in de regio"
DECISION = "Twee plekken met intensieve begeleiding zonder separeerruimte"
ANSWER = "De gemeente koopt twee plekken in bij een aanbieder zonder separeerruimte."


@dataclass
class Loop:
    world: World
    body: ResponsibleBody
    handler: User


@pytest.fixture
def loop(world: World) -> Loop:
    """Case A had a seclusion; knelpunten at regional level (where "no suitable care" goes)
    in region Noord go to the region's procurement."""
    handler = _member("inkoop-noord", Role.ANALYST, region=world.north)
    body = BodyFactory(name="Jeugdregio Noord, inkoop", level=Level.REGION, region=world.north)
    body.handlers.add(handler)
    RuleFactory(position=10, body=body, level=Level.REGION)
    Event.objects.create(
        case=world.case_a,
        kind=EventKind.SECLUSION,
        started_on=date(2026, 1, 3),
        duration_minutes=30,
        place="De Hoeve",
    )
    ensure_default_framework()
    return Loop(world, body, handler)


@pytest.fixture
def other_site(browser: Browser, site: Site) -> Iterator[Site]:
    """A second browser, with its own cookies, on the same live server."""
    context = browser.new_context(locale="en-US")
    other = Site(page=context.new_page(), base_url=site.base_url)
    yield other
    context.close()


def _plate_url(world: World) -> str:
    return f"/beweging-van-0/nuldoelen/separaties/?plaats=regio-{world.north.pk}"


def test_the_whole_loop_from_story_and_case_to_decision_and_back(
    site: Site, other_site: Site, loop: Loop
) -> None:
    world = loop.world
    reference = world.case_a.reference

    # 1. The storyteller, anonymous: shares a story and notes the follow code.
    page = other_site.open("/verhalen/delen/")
    _tell(page)
    published = dutch("My story may be published on this website (without names or places).")
    _to(page, published)
    page.get_by_label(published).check()
    _consent_and_send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank u wel voor uw verhaal")
    follow_code = page.locator("#follow-code").inner_text().strip()
    assert follow_code and follow_code != page.locator("#withdrawal-code").inner_text().strip()
    story = Story.objects.get()

    # 2. The analyst: approves the story in the moderation queue; it goes into a pattern (made
    #    through the app's action), which the analyst links to 0 separaties and publishes.
    site.log_in("analyst")
    page = site.open(f"/verhalen/moderatie/{story.reference}/")
    page.get_by_role("button", name=dutch("Approve (with your edits)")).click()
    expect(page.locator("main")).to_contain_text(dutch("The story was approved."))
    assert Story.objects.get().status == StoryStatus.APPROVED
    pattern = create_pattern(PATTERN, region=world.north, stories=[story.pk])
    page = site.open(f"/verhalen/patroonbeheer/{pattern.slug}/")
    page.select_option("#id_status", PatternStatus.PUBLISHED)
    page.check("input[name=zero_goals][value=separaties]")
    page.get_by_role("button", name=dutch("Save"), exact=True).click()
    expect(page.locator("main")).to_contain_text(dutch("The pattern was saved."))
    assert Pattern.objects.get().status == PatternStatus.PUBLISHED
    site.page.context.clear_cookies()

    # 3. The professional: "Knelpunt melden" on case A arrives pre-filled from the seclusion.
    professional = world.user("professional")
    page = site.log_in_fully(professional)
    site.open(f"/casussen/{reference}/")
    page.get_by_role("link", name=dutch("Raise a bottleneck")).click()
    expect(page.locator("#id_title")).to_be_visible()
    assert site.path == f"/knelpunten/casus/{reference}/"
    assert page.is_checked(f"input[name=category][value='{Category.NO_SUITABLE_CARE}']")
    assert page.is_checked("input[name=zero_goals][value=separaties]")
    page.fill("#id_title", KNELPUNT)
    page.click("main form button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text(KNELPUNT)
    bottleneck = Bottleneck.objects.get()
    assert bottleneck.body == loop.body and bottleneck.case == world.case_a
    assert site.path == f"/knelpunten/{bottleneck.pk}/"
    # Nothing happened yet: no news in the header.
    expect(page.locator("#my-signals")).to_be_visible()
    assert page.locator("#my-signals .edb-badge").count() == 0

    # 4. The body's handler: takes it up, then solves it with a decision.
    handler_page = other_site.log_in(loop.handler.username)
    other_site.open("/knelpunten/")
    handler_page.get_by_role("link", name=f"{bottleneck.number} {bottleneck.title}").click()
    expect(handler_page.get_by_role("heading", level=1)).to_contain_text(KNELPUNT)
    assert reference not in handler_page.content()
    handler_page.get_by_label(dutch("Take it up (in progress)")).check()
    handler_page.get_by_role("button", name=dutch("Save the step")).click()
    expect(handler_page.get_by_label(dutch("Solved"))).to_be_visible()
    assert Bottleneck.objects.get().status == Status.IN_PROGRESS

    # While it is open, the O-plaat lists it with the body and its status; never the case.
    page = site.open(_plate_url(world))
    knelpunten = page.locator("section:has(#plate-knelpunten)")
    expect(knelpunten).to_contain_text(KNELPUNT)
    expect(knelpunten).to_contain_text(loop.body.name)
    expect(knelpunten).to_contain_text(str(Status.IN_PROGRESS.label))
    assert reference not in page.content()

    handler_page.get_by_label(dutch("Solved")).check()
    handler_page.fill("#id_text", ANSWER)
    handler_page.fill("#id_besluit-title", DECISION)
    handler_page.fill("#id_besluit-starts_on", "2026-03-01")
    # Where: the municipality of the team that raised it (the region, its municipalities and
    # their teams are offered).
    aa = world.team_a.municipality
    assert aa is not None
    handler_page.select_option("#id_besluit-place", f"gemeente-{aa.pk}")
    # The indicator of the knelpunt's zero goal is chosen already.
    assert handler_page.is_checked("input[name='besluit-indicator_codes'][value='separaties']")
    handler_page.get_by_role("button", name=dutch("Save the step")).click()
    expect(handler_page.locator("main")).to_contain_text(DECISION)
    solved = Bottleneck.objects.select_related("decision").get()
    assert solved.status == Status.SOLVED and solved.decision is not None
    assert solved.decision.starts_on == date(2026, 3, 1)
    assert solved.decision.municipality == aa and "separaties" in solved.decision.indicator_codes
    assert reference not in handler_page.content()

    # 5. The raiser: the header says something changed; the page says what; then it is read.
    page = site.open("/")
    expect(page.locator("#my-signals .edb-badge")).to_have_text("1")
    page.locator("#my-signals").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert site.path == "/mijn-signalen/"
    main = page.locator("main")
    expect(main).to_contain_text(KNELPUNT)
    expect(main).to_contain_text(str(Status.SOLVED.label))
    expect(main).to_contain_text(DECISION)
    assert _serious_violations(site) == []
    page.reload()
    expect(page.locator("#my-signals")).to_be_visible()
    assert page.locator("#my-signals .edb-badge").count() == 0

    # 6. The storyteller: the follow code shows the story published and the pattern it joined.
    other_site.page.context.clear_cookies()
    page = other_site.open("/verhalen/volgen/")
    page.fill("#id_code", follow_code)
    page.get_by_role("button", name=dutch("Show what became of my story")).click()
    expect(page.locator("#receipt")).to_contain_text(dutch("Published"))
    expect(page.locator("section:has(#patterns-heading)")).to_contain_text(PATTERN)
    assert _serious_violations(other_site) == []

    # 7. The O-plaat of 0 separaties: the decision taken, the pattern among the signals.
    page = site.open(_plate_url(world))
    main = page.locator("main")
    expect(main).to_contain_text(DECISION)
    expect(main).to_contain_text(PATTERN)
    assert reference not in page.content()
    assert _serious_violations(site) == []
    assert site.csp_violations == [] and other_site.csp_violations == []
    # On paper the whole thread, decision and effect included, fits on one A4.
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_limits_of_each_role_in_the_loop(site: Site, other_site: Site, loop: Loop) -> None:
    world = loop.world
    reference = world.case_a.reference
    # A knelpunt raised from case A, already routed to Aa's body.
    page = site.log_in_fully(world.user("professional"))
    site.open(f"/knelpunten/casus/{reference}/")
    page.fill("#id_title", KNELPUNT)
    page.click("main form button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text(KNELPUNT)
    bottleneck = Bottleneck.objects.get()
    assert bottleneck.body == loop.body
    site.page.context.clear_cookies()

    # The body's handler: on every page it opens about the knelpunt, no case number.
    handler_page = other_site.log_in(loop.handler.username)
    for path in (
        "/knelpunten/",
        f"/knelpunten/{bottleneck.pk}/",
        "/beweging-van-0/nuldoelen/separaties/",
        "/knelpunten/gevraagd/",
    ):
        response = handler_page.goto(other_site.base_url + path)
        assert response is not None and response.ok, path
        assert reference not in handler_page.content(), path

    # A professional of another team: the region's figures, but not case A.
    outsider = world.user("outsider")
    page = site.log_in_fully(outsider)
    response = page.goto(site.base_url + _plate_url(world))
    assert response is not None and response.ok
    expect(page.locator("#plate-knelpunten")).to_be_visible()
    assert reference not in page.content()
    response = page.goto(site.base_url + f"/casussen/{reference}/")
    assert response is not None and response.status in {403, 404}
    response = page.goto(site.base_url + f"/knelpunten/{bottleneck.pk}/")
    assert response is not None
    assert reference not in page.content()

    # A follow code shows only its own story.
    mine = told(world.team_a.municipality, title="Mijn eigen verhaal")
    theirs = told(world.team_a.municipality, title="Het verhaal van een ander")
    pattern = create_pattern("Het patroon van een ander", region=world.north, stories=[theirs.pk])
    Pattern.objects.filter(pk=pattern.pk).update(status=PatternStatus.PUBLISHED)
    code = issue_follow_code(mine)
    issue_follow_code(theirs)
    site.page.context.clear_cookies()
    page = site.open("/verhalen/volgen/")
    page.fill("#id_code", code)
    page.get_by_role("button", name=dutch("Show what became of my story")).click()
    expect(page.locator("#receipt")).to_contain_text(dutch("Published"))
    assert theirs.reference not in page.content()
    assert "Het patroon van een ander" not in page.content()
    assert "Het verhaal van een ander" not in page.content()
    # A wrong code shows nothing at all.
    page = site.open("/verhalen/volgen/")
    page.fill("#id_code", "ABCD-EFGH-IJKL")
    page.get_by_role("button", name=dutch("Show what became of my story")).click()
    expect(page.locator("#id_code")).to_be_visible()
    assert page.locator("#receipt").count() == 0
