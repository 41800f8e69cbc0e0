"""An anonymous teller shares and signifies a story in chromium, with and without JavaScript;
the story pages pass axe-core and keep to the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page

from conftest import World
from elkedagbeter.stories.frameworks import ensure_default_framework
from elkedagbeter.stories.models import Story, StoryStatus
from elkedagbeter.stories.signification import AnswerValue
from elkedagbeter.stories.tests.factories import told

from .conftest import Site
from .test_accessibility import _serious_violations

pytestmark = pytest.mark.browser


def _next(page: Page) -> None:
    page.get_by_role("button", name="Volgende", exact=True).click()


def _to(page: Page, text: str) -> None:
    """Go forward, step by step, to the step showing ``text``."""
    for _ in range(10):
        if page.locator("main form", has_text=text).count():
            return
        _next(page)
    raise AssertionError(f"no step shows {text!r}")


TRIAD = "In dit verhaal kwam de oplossing vooral van:"


def _triad(page: Page) -> Locator:
    return page.locator("fieldset.edb-signifier", has_text=TRIAD)


def _tell(page: Page) -> None:
    """Steps one to three: the story, who tells it, and the first questions about it."""
    page.locator("#id_title").fill("Eindelijk iemand die luisterde")
    page.locator("#id_text").fill(
        "Mijn zoon Daan wachtte een jaar op hulp. Toen kwam de wijkcoach en die luisterde echt."
    )
    _next(page)
    page.get_by_label("Ouder", exact=True).check()
    page.locator("#id_municipality").select_option(label="Aa")
    _next(page)
    page.get_by_label(
        "Laat me niet onnodig wachten en zorg dat ik tussentijds geholpen word"
    ).check()
    _to(page, TRIAD)
    triad = _triad(page)
    for corner, points in (("het gezin zelf", "20"), ("het netwerk en de wijk", "30")):
        triad.get_by_label(corner).fill(points)
    triad.get_by_label("professionals en instanties").fill("50")


def _consent_and_send(page: Page) -> None:
    _to(page, "Teams en gemeenten mogen van mijn verhaal leren.")
    page.get_by_label("Teams en gemeenten mogen van mijn verhaal leren.").check()
    page.get_by_role("button", name="Verstuur mijn verhaal").click()


def _answers(story: Story) -> dict[str, object]:
    result: dict[str, object] = {}
    for answer in story.answers.select_related("signifier"):
        result[answer.signifier.code] = (
            answer.shares or answer.position or answer.choices or answer.not_applicable
        )
    return result


def test_an_anonymous_teller_shares_a_story_with_javascript(site: Site, world: World) -> None:
    ensure_default_framework()
    page = site.open("/verhalen/delen/")
    assert _serious_violations(site) == []
    _tell(page)
    assert _triad(page).locator("[data-sum]").inner_text() == "Gegeven: 100 van de 100 punten"
    _to(page, "Vangnet en Springplank")
    assert _serious_violations(site) == []
    slider = page.locator("fieldset.edb-signifier", has_text="Vangnet en Springplank").locator(
        "input[type=range]"
    )
    slider.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    _consent_and_send(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Dank u wel voor uw verhaal"
    code = page.locator("#withdrawal-code").inner_text()
    assert len(code) == 14
    assert _serious_violations(site) == []
    story = Story.objects.get()
    assert "Daan" not in story.text and story.status == StoryStatus.SUBMITTED
    answers = _answers(story)
    assert answers["oplossing"] == (200, 300, 500)
    assert answers["vangnet-springplank"] == 700
    assert "overheid-samenleving" not in answers  # never moved: no answer
    assert answers["uitspraken"] == [4]
    assert site.csp_violations == []


@pytest.fixture
def no_script(browser: Browser, live_server: object) -> Iterator[Site]:
    context = browser.new_context(java_script_enabled=False)
    yield Site(page=context.new_page(), base_url=str(live_server))
    context.close()


def test_the_form_works_without_javascript(no_script: Site, world: World) -> None:
    ensure_default_framework()
    page = no_script.open("/verhalen/delen/")
    _tell(page)
    _triad(page).get_by_label("professionals en instanties").fill("40")  # adds up to 90
    _next(page)

    # The step does not move on with the triad wrong: its message, nothing lost.
    assert "moeten samen 100 zijn; nu is het 90" in page.content()
    assert _triad(page).get_by_label("professionals en instanties").input_value() == "40"
    _triad(page).get_by_label("professionals en instanties").fill("50")
    _to(page, "Overheid en Samenleving")
    page.locator("fieldset.edb-signifier", has_text="Overheid en Samenleving").get_by_label(
        "Niet van toepassing"
    ).check()
    _consent_and_send(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Dank u wel voor uw verhaal"
    answers = _answers(Story.objects.get())
    assert answers["oplossing"] == (200, 300, 500)
    assert answers["overheid-samenleving"] is True  # not applicable
    assert answers["vangnet-springplank"] == 500  # the slider as sent: the middle


def test_going_back_keeps_everything_typed(site: Site, world: World) -> None:
    ensure_default_framework()
    page = site.open("/verhalen/delen/")
    total = page.locator("#step-progress strong").inner_text()
    assert total.startswith("Stap 1 van ")
    _tell(page)
    assert page.locator("#step-progress strong").inner_text().startswith("Stap 3 ")
    assert _serious_violations(site) == []
    _next(page)
    for _ in range(2):  # step 4 to step 2
        page.get_by_role("button", name="Vorige", exact=True).click()
    assert page.locator("#step-progress strong").inner_text().startswith("Stap 2 ")
    assert page.get_by_label("Ouder", exact=True).is_checked()
    assert page.locator("#id_municipality").input_value() != ""
    page.get_by_role("button", name="Vorige", exact=True).click()
    assert page.locator("#id_title").input_value() == "Eindelijk iemand die luisterde"
    assert "wijkcoach en die luisterde echt" in page.locator("#id_text").input_value()
    _next(page)
    _next(page)
    assert page.get_by_label(
        "Laat me niet onnodig wachten en zorg dat ik tussentijds geholpen word"
    ).is_checked()
    _to(page, TRIAD)
    assert _triad(page).get_by_label("het gezin zelf").input_value() == "20"
    assert _serious_violations(site) == []
    _consent_and_send(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Dank u wel voor uw verhaal"
    assert "wijkcoach" in Story.objects.get().text
    assert site.csp_violations == []


def _learning_stories(world: World) -> None:
    for index in range(6):
        told(
            world.team_a.municipality,
            title=f"Verhaal {index}",
            answers={
                "oplossing": AnswerValue(shares=(500, 250, 250)),
                "vangnet-springplank": AnswerValue(position=200 * (index % 5)),
                "uitspraken": AnswerValue(choices=[0, 2]),
            },
        )


def test_story_pages_for_readers_and_moderators_pass_axe(site: Site, world: World) -> None:
    _learning_stories(world)
    waiting = told(world.team_a.municipality, status=StoryStatus.SUBMITTED, title="Wacht")
    site.log_in("analyst")
    for path in (
        "/verhalen/",
        "/verhalen/overzicht/?vergelijk=1&a-rol=ouder",
        "/verhalen/moderatie/",
        f"/verhalen/moderatie/{waiting.reference}/",
        "/verhalen/patroonbeheer/",
        "/verhalen/msc/",
        "/verhalen/patronen/",
        "/verhalen/intrekken/",
    ):
        site.open(path)
        assert _serious_violations(site) == [], path
    assert site.csp_violations == []


def test_a_moderator_sees_the_replacements_and_replaces_what_was_missed(
    site: Site, world: World
) -> None:
    waiting = told(
        world.team_a.municipality,
        status=StoryStatus.SUBMITTED,
        title="Eindelijk rust",
        text="Juf Annelies belde op 12 april. Daarna kwam buurjongen kees elke dag langs.",
    )
    site.log_in("analyst")
    page = site.open(f"/verhalen/moderatie/{waiting.reference}/")
    text = page.get_by_test_id("moderated-text")
    assert text.locator("mark.edb-tag").all_inner_texts() == ["[PERSOON-1]", "[DATUM-1]"]
    assert "kees" in text.inner_text()

    page.get_by_label("Te vervangen woorden").fill("kees")
    page.locator("#id_kind").select_option("persoon")
    page.get_by_role("button", name="Vervang", exact=True).click()
    text = page.get_by_test_id("moderated-text")
    assert "kees" not in text.inner_text()
    assert text.locator("mark.edb-tag").all_inner_texts() == [
        "[PERSOON-1]",
        "[DATUM-1]",
        "[PERSOON-2]",
    ]
    assert _serious_violations(site) == []
    queue = site.open("/verhalen/moderatie/")
    assert "PERSOON" in queue.locator("#fixes-heading + table").inner_text()
    assert site.csp_violations == []
