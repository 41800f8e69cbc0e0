"""One complete learning loop in the demo region, written through the users' own actions.

Signals (a published story pattern and a dossier-review conclusion: help started before anyone
understood, together with the family, what was going on) → a knelpunt raised from that
conclusion, routed to the municipality of Beekdal → solved by its handler with a decision
("first the explanatory analysis, together with the family, then help", in Beekdal, from
``changed_on``) → an improvement initiative for 0 behandelingen zonder verklarende analyse with
its decision → an effect that is really in the case histories: from that date the generator
starts help early at ``FACTOR`` of the usual rate in Beekdal's new cases, and families there
feel heard more often (``synthetic_cases.AnalysisFirst``), so ``measure_effect`` finds it
against the other five municipalities. Families feeling heard is measured at every monitoring
moment, often enough to show the effect with an interval that excludes zero; help started early
is rare, so its own figure may well stay "too little data" — as it would in a real region.

A second initiative (0 overdrachten in Lindewaard) changed nothing in the data: its effect
shows "no clear change" or "too little data", as it should. And "who we need" for the loop's
zero goal: one body that joined and one role still asked.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.test.utils import override_settings

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks import actions as bottleneck_actions
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Level, ResponsibleBody, Status
from elkedagbeter.bottlenecks.partners import Ask, answer_request, ask_partner
from elkedagbeter.demo.clock import at_on
from elkedagbeter.indicators.decisions import DecisionInput
from elkedagbeter.knowledge import actions as knowledge_actions
from elkedagbeter.knowledge.models import ImprovementInitiative
from elkedagbeter.organisations.models import Municipality, Region
from elkedagbeter.reviews.actions.findings import conclude
from elkedagbeter.reviews.models import Conclusion, ReviewRound
from elkedagbeter.stories import patterns
from elkedagbeter.stories.models import PatternStatus

from .synthetic_cases import AnalysisFirst, Seclusions

# The loop's decision: in this municipality, from the first of the month this many months ago.
MUNICIPALITY = "Beekdal"
MONTHS_AGO = 10
# After the decision, help starts before the analysis at this share of the usual rate.
FACTOR = 0.2
ZERO_GOAL = "zonder_analyse"
INDICATORS = ("zonder_analyse", "gehoord")
# How often a youth is secluded: mean per month of a closed stay, and of a stay in another
# residential group (where separatie happens too, less often).
SECLUSIONS = Seclusions(per_month=4.0, residential_per_month=2.0)

DECISION_TITLE = "Eerst samen met het gezin de verklarende analyse, dan pas hulp"
KNELPUNT_TITLE = "Hulp start voordat iemand met het gezin heeft uitgezocht wat er speelt"
PATTERN_NAME = "Meteen een training, maar niemand vroeg wat er aan de hand was"
INITIATIVE_TITLE = "Samen analyseren in Beekdal"
# The initiative's first round carries the knelpunt's decision out in every team of Beekdal.
ROUND_TITLE = "Leertafel: elk wijkteam in Beekdal maakt de analyse samen met het gezin"
STATEMENTS = ["zie_mij", "hulp_die_werkt"]
QUIET_TITLE = "Eén vast gezicht in plaats van overdrachten in Lindewaard"


def changed_on(today: date, months_ago: int = MONTHS_AGO) -> date:
    """The first day of the month ``months_ago`` months before today's month."""
    month = today.year * 12 + today.month - 1 - months_ago
    return date(month // 12, month % 12 + 1, 1)


def practice(region: Region, today: date) -> AnalysisFirst:
    """The generator's change of practice for the demo: the loop's decision in Beekdal."""
    municipality = Municipality.objects.get(region=region, name=MUNICIPALITY)
    return AnalysisFirst(changed_in=municipality.pk, changed_on=changed_on(today), factor=FACTOR)


def _pattern(region: Region) -> None:
    stories = list(patterns.suggestion_stories(region).values_list("pk", flat=True)[:4])
    pattern = patterns.create_pattern(
        PATTERN_NAME,
        region=region,
        description="Ouders vertellen dat hun gezin meteen een training of cursus kreeg, "
        "terwijl niemand samen met hen had uitgezocht wat er eigenlijk speelde.",
        stories=stories,
    )
    pattern.status = PatternStatus.PUBLISHED
    pattern.fewer_like_that = "Eerst samen begrijpen wat er speelt, dan pas hulp inzetten."
    pattern.save(update_fields=["status", "fewer_like_that", "updated_at"])
    patterns.save_links(pattern, [ZERO_GOAL], STATEMENTS)


def _knelpunt(region: Region, users: dict[str, User], today: date) -> Bottleneck:
    day = changed_on(today)
    round_ = ReviewRound.objects.filter(expert_team__region=region).order_by("pk").first()
    assert round_ is not None, "the demo's reviews come first"
    beekdal = Municipality.objects.get(region=region, name=MUNICIPALITY)
    raised_at = at_on(day - timedelta(days=45))
    conclusion = conclude(
        users["expert"],
        round_,
        text="In een op de vijf dossiers start de hulp voordat er een verklarende analyse is; "
        "het gezin herkent zich later niet in het plan en voelt zich niet gehoord.",
        category=Category.RULES,
        title=KNELPUNT_TITLE,
        zero_goals=[ZERO_GOAL],
        statements=STATEMENTS,
        level=Level.MUNICIPALITY,
        municipality=beekdal,
        at=raised_at,
    )
    # Written when it was raised (``conclude`` stamps its own row now).
    Conclusion.objects.filter(pk=conclusion.pk).update(created_at=raised_at)
    bottleneck = conclusion.bottleneck
    assert bottleneck is not None
    handler = bottleneck.body.handlers.order_by("pk").first()
    assert handler is not None, f"{bottleneck.body} has no handler"
    bottleneck_actions.transition(
        handler,
        bottleneck,
        Status.IN_PROGRESS,
        "Besproken met de wijkteams van Beekdal en het expertteam.",
        at=at_on(day - timedelta(days=40)),
    )
    decision = DecisionInput(
        title=DECISION_TITLE,
        starts_on=day,
        region=region,
        municipality=beekdal,
        indicator_codes=INDICATORS,
        zero_goal_codes=(ZERO_GOAL,),
        explanation="In Beekdal zetten de wijkteams pas hulp in als zij samen met het gezin "
        "hebben uitgezocht wat er speelt; de analyse staat in het dossier vóór de eerste inzet.",
    )
    bottleneck_actions.transition(
        handler,
        bottleneck,
        Status.SOLVED,
        "Werkafspraak: eerst samen met het gezin de verklarende analyse, dan pas hulp; eerst in "
        "Beekdal.",
        decision=decision,
        at=at_on(day - timedelta(days=10)),
    )
    return bottleneck


def _initiatives(region: Region, users: dict[str, User], today: date) -> None:
    beekdal = Municipality.objects.get(region=region, name=MUNICIPALITY)
    lindewaard = Municipality.objects.get(region=region, name="Lindewaard")
    analyst = users["analyst"]
    knowledge_actions.start_initiative(
        analyst,
        ImprovementInitiative(
            title=INITIATIVE_TITLE,
            question="Voelen gezinnen zich beter gehoord als de hulp pas start na een "
            "verklarende analyse die we samen met hen maken?",
            region=region,
            zero_goal=ZERO_GOAL,
        ),
        decision=DecisionInput(
            title=ROUND_TITLE,
            starts_on=changed_on(today),
            region=region,
            municipality=beekdal,
            indicator_codes=INDICATORS,
            zero_goal_codes=(ZERO_GOAL,),
        ),
        statements=STATEMENTS,
    )
    knowledge_actions.start_initiative(
        analyst,
        ImprovementInitiative(
            title=QUIET_TITLE,
            question="Worden gezinnen minder vaak overgedragen als één vaste hulpverlener "
            "de expertise erbij haalt?",
            region=region,
            zero_goal="overdrachten",
        ),
        decision=DecisionInput(
            title="Eén vaste hulpverlener per gezin in Lindewaard",
            starts_on=changed_on(today, MONTHS_AGO - 1),
            region=region,
            municipality=lindewaard,
            indicator_codes=("overdrachten",),
            zero_goal_codes=("overdrachten",),
        ),
    )


def _partners(region: Region, users: dict[str, User], today: date) -> None:
    analyst = users["analyst"]
    body = ResponsibleBody.objects.get(name="Jeugdregio Voorbeeld, regionaal inkoopteam")
    joined = ask_partner(
        analyst,
        Ask(
            region=region,
            zero_goal=ZERO_GOAL,
            ask="Spreek in de contracten af dat aanbieders pas behandelen als er een "
            "verklarende analyse ligt die het gezin herkent.",
            body=body,
        ),
        at=at_on(changed_on(today) - timedelta(days=30)),
    )
    handler = body.handlers.order_by("pk").first()
    assert handler is not None
    answer_request(handler, joined, "aangesloten", at=at_on(changed_on(today) - timedelta(days=20)))
    ask_partner(
        analyst,
        Ask(
            region=region,
            zero_goal=ZERO_GOAL,
            ask="Verwijs gezinnen eerst naar het wijkteam voor een gezamenlijke analyse, in "
            "plaats van direct naar een behandeling.",
            role_name="Huisarts",
        ),
        at=at_on(today - timedelta(days=14)),
    )


def load_loop(region: Region, today: date) -> None:
    """Write the loop; idempotent (nothing is added once its knelpunt exists)."""
    if Bottleneck.objects.filter(region=region, title=KNELPUNT_TITLE).exists():
        return
    users = {u.username: u for u in User.objects.filter(memberships__isnull=False)}
    # History is not news: no e-mail goes out for it.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _pattern(region)
        _knelpunt(region, users, today)
        _initiatives(region, users, today)
        _partners(region, users, today)
