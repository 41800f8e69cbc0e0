"""One complete learning loop in the demo region, written through the users' own actions.

Signals (a published story pattern and a dossier-review conclusion about seclusions) → a
knelpunt raised from that conclusion, routed to the municipality of Beekdal → solved by its
handler with a decision ("a second opinion of the expert team before every seclusion", in
Beekdal, from ``changed_on``) → an improvement initiative for 0 separaties with its decision →
an effect that is really in the case histories: the generator secludes at ``FACTOR`` of the
usual rate in Beekdal's cases from that date (``synthetic_cases.Seclusions``), so
``measure_effect`` finds it against Hoogveen and Lindewaard.

A second initiative (0 overdrachten in Lindewaard) changed nothing in the data: its effect
shows "no clear change" or "too little data", as it should. And "who we need" for 0
separaties: one body that joined and one role still asked.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.test.utils import override_settings
from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks import actions as bottleneck_actions
from elkedagbeter.bottlenecks.models import Bottleneck, Category, Level, ResponsibleBody, Status
from elkedagbeter.bottlenecks.partners import Ask, answer_request, ask_partner
from elkedagbeter.indicators.decisions import DecisionInput
from elkedagbeter.knowledge import actions as knowledge_actions
from elkedagbeter.knowledge.models import ImprovementInitiative
from elkedagbeter.organisations.models import Municipality, Region
from elkedagbeter.reviews.actions.findings import conclude
from elkedagbeter.reviews.models import Conclusion, ReviewRound
from elkedagbeter.stories import patterns
from elkedagbeter.stories.models import PatternStatus

from .synthetic_cases import Seclusions

# The loop's decision: in this municipality, from the first of the month this many months ago.
MUNICIPALITY = "Beekdal"
MONTHS_AGO = 8
# After the decision, seclusions in its cases happen at this share of the usual rate.
FACTOR = 0.25
# How often a youth is secluded: mean per month of a closed stay, and of a stay in another
# residential group (where separatie happens too, less often).
PER_MONTH = 4.0
RESIDENTIAL_PER_MONTH = 2.0

DECISION_TITLE = "Tweede mening van het expertteam vóór elke separatie"
KNELPUNT_TITLE = "Jongeren worden gesepareerd zonder dat iemand buiten de groep meekijkt"
PATTERN_NAME = "Opgesloten in plaats van geholpen"
INITIATIVE_TITLE = "Separatievrij werken in Beekdal"
QUIET_TITLE = "Eén vast gezicht in plaats van overdrachten in Lindewaard"


def changed_on(today: date, months_ago: int = MONTHS_AGO) -> date:
    """The first day of the month ``months_ago`` months before today's month."""
    month = today.year * 12 + today.month - 1 - months_ago
    return date(month // 12, month % 12 + 1, 1)


def seclusions(region: Region, today: date) -> Seclusions:
    """The generator's seclusion rates for the demo, with the loop's change in Beekdal."""
    municipality = Municipality.objects.get(region=region, name=MUNICIPALITY)
    return Seclusions(
        per_month=PER_MONTH,
        residential_per_month=RESIDENTIAL_PER_MONTH,
        changed_in=municipality.pk,
        changed_on=changed_on(today),
        factor=FACTOR,
    )


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _pattern(region: Region) -> None:
    stories = list(patterns.suggestion_stories(region).values_list("pk", flat=True)[:4])
    pattern = patterns.create_pattern(
        PATTERN_NAME,
        region=region,
        description="Jongeren vertellen dat ze in een afzonderingsruimte belandden terwijl ze "
        "hulp nodig hadden; niemand vroeg wat er aan voorafging.",
        stories=stories,
    )
    pattern.status = PatternStatus.PUBLISHED
    pattern.fewer_like_that = "Vóór elke separatie kijkt iemand van buiten de groep mee."
    pattern.save(update_fields=["status", "fewer_like_that", "updated_at"])
    patterns.save_links(pattern, ["separaties"], ["nooit_opsluiten"])


def _knelpunt(region: Region, users: dict[str, User], today: date) -> Bottleneck:
    day = changed_on(today)
    round_ = ReviewRound.objects.filter(expert_team__region=region).order_by("pk").first()
    assert round_ is not None, "the demo's reviews come first"
    beekdal = Municipality.objects.get(region=region, name=MUNICIPALITY)
    raised_at = _at(day - timedelta(days=45))
    conclusion = conclude(
        users["expert"],
        round_,
        text="In de dossiers van gesloten plaatsingen volgt separatie vaak op een conflict op "
        "de groep; niemand buiten de groep kijkt mee voordat het besluit valt.",
        category=Category.RULES,
        title=KNELPUNT_TITLE,
        zero_goals=["separaties"],
        statements=["nooit_opsluiten"],
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
        "Besproken met De Horizon en het expertteam.",
        at=_at(day - timedelta(days=40)),
    )
    decision = DecisionInput(
        title=DECISION_TITLE,
        starts_on=day,
        region=region,
        municipality=beekdal,
        indicator_codes=("separaties",),
        zero_goal_codes=("separaties",),
        explanation="Vóór elke separatie belt de groep het expertteam; samen zoeken ze een "
        "andere weg. Afgesproken voor alle jongeren uit Beekdal.",
    )
    bottleneck_actions.transition(
        handler,
        bottleneck,
        Status.SOLVED,
        "Werkafspraak: tweede mening van het expertteam vóór elke separatie, eerst in Beekdal.",
        decision=decision,
        at=_at(day - timedelta(days=10)),
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
            question="Kunnen we separaties voorkomen als het expertteam vooraf meekijkt?",
            region=region,
            zero_goal="separaties",
        ),
        decision=DecisionInput(
            title=DECISION_TITLE,
            starts_on=changed_on(today),
            region=region,
            municipality=beekdal,
            indicator_codes=("separaties",),
            zero_goal_codes=("separaties",),
        ),
        statements=["nooit_opsluiten"],
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
            zero_goal="separaties",
            ask="Neem de tweede mening van het expertteam op in de contracten met de "
            "gesloten jeugdzorg.",
            body=body,
        ),
        at=_at(changed_on(today) - timedelta(days=30)),
    )
    handler = body.handlers.order_by("pk").first()
    assert handler is not None
    answer_request(handler, joined, "aangesloten", at=_at(changed_on(today) - timedelta(days=20)))
    ask_partner(
        analyst,
        Ask(
            region=region,
            zero_goal="separaties",
            ask="Denk mee over de-escalatie op de groep, vóórdat een separatie nodig lijkt.",
            role_name="Kinder- en jeugdpsychiater",
        ),
        at=_at(today - timedelta(days=14)),
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
