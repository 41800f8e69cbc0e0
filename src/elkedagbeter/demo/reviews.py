"""Invented review rounds for the demo region.

1. "Uitstroom uit de 24-uurszorg": 40 anonymised residential dossiers from five invented
   institutions, a stratified sample of 32, reviewed twice and closed, with findings that echo
   the seed study (one explanatory analysis, 24 therapies of which 4 fit the guidelines, the
   family actively involved 7 times, one youth with 11 placements) and shared.
2. "Vastgelopen casussen": the cases with a placement of the team whose coordinator agreed,
   a sample of 8 halfway through its double review.

Idempotent: nothing is added when the expert team already has rounds.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone, translation

from elkedagbeter.accounts.models import User
from elkedagbeter.bottlenecks.models import Category
from elkedagbeter.organisations.models import Team
from elkedagbeter.reviews import actions
from elkedagbeter.reviews.models import (
    Answer,
    AnswerChoice,
    ChecklistItem,
    Conclusion,
    Dossier,
    ImportedDossier,
    Lesson,
    Population,
    Resolution,
    Review,
    ReviewRound,
    SampleMethod,
    Stratum,
    TeamConsent,
)
from elkedagbeter.reviews.selectors import population

INSTITUTIONS = [f"Instelling {letter}" for letter in "ABCDE"]
LONGEST = ["14", "14", "13", "14", "14", "14", "13", "14", "14", "14", "14"]
SUMMARIES = [
    "Opgenomen na een crisis thuis; het dossier noemt gedragsproblemen maar geen oorzaak.",
    "Na weglopen overgeplaatst naar een besloten groep; ouders werden per brief geïnformeerd.",
    "Meerdere behandelaars, geen gezamenlijk doel; school is al maanden niet bezocht.",
    "Gezinshuis liep vast; daarna residentieel zonder dat de reden is vastgelegd.",
    "Traumabehandeling gestart, gestopt bij overplaatsing en niet hervat.",
]


def _chain(rng: random.Random) -> list[str]:
    length = rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5])
    return [rng.choice(["14", "14", "14", "12", "13", "11"]) for _ in range(length)]


def _imported(round_: ReviewRound, rng: random.Random) -> None:
    dossiers = []
    for number in range(1, 41):
        chain = LONGEST if number == 17 else _chain(rng)
        dossiers.append(
            ImportedDossier(
                round=round_,
                source_ref=f"RES-{number:03d}",
                organisation=INSTITUTIONS[number % len(INSTITUTIONS)],
                age_band=rng.choice(["12-17", "12-17", "12-17", "4-11"]),
                residence_chain=chain,
                transfers=len(chain) - 1,
                summary=rng.choice(SUMMARIES),
            )
        )
    ImportedDossier.objects.bulk_create(dossiers)


def _finals(rng: random.Random, count: int) -> list[dict[str, object]]:
    """Final answers per dossier adding up to the seed study's findings for 32 dossiers."""
    indices = list(range(count))
    therapy = set(rng.sample(indices, 19))
    double = set(rng.sample(sorted(therapy), 5))  # 14 x 1 + 5 x 2 = 24 therapies
    fitting = set(rng.sample(sorted(therapy), 4))
    family = set(rng.sample(indices, 7))
    goal = set(rng.sample(indices, 11))
    reason = set(rng.sample(indices, 20))
    aftercare = set(rng.sample(indices, 9))
    analysis = rng.choice(indices)

    def yes(flag: bool) -> str:
        return AnswerChoice.YES if flag else AnswerChoice.NO

    return [
        {
            "verklarende_analyse": yes(i == analysis),
            "behandeldoel": yes(i in goal),
            "reden_opname": yes(i in reason),
            "therapievormen": (2 if i in double else 1) if i in therapy else 0,
            "therapievormen_passend": 1 if i in fitting else 0,
            "gezin_betrokken": yes(i in family),
            "nazorg": yes(i in aftercare),
        }
        for i in indices
    ]


def _other(value: object) -> object:
    if value == AnswerChoice.YES:
        return AnswerChoice.NO
    if value == AnswerChoice.NO:
        return AnswerChoice.YES
    return value


def _answer(review: Review, item: ChecklistItem, value: object) -> Answer:
    if item.is_number:
        return Answer(review=review, item=item, number=int(str(value)))
    return Answer(review=review, item=item, choice=str(value))


def _review_twice(
    dossier: Dossier,
    items: list[ChecklistItem],
    final: dict[str, object],
    rng: random.Random,
    *,
    hand_in: tuple[bool, bool] = (True, True),
    resolve: bool = True,
    differ_on: str = "",
) -> None:
    """Both reviews; the second reviewer differs now and then on a yes/no item, and the two
    resolve it to the final answer."""
    first, second = dossier.reviews.order_by("pk")
    answers = []
    differing = []
    for item in items:
        value = final[item.code]
        answers.append(_answer(first, item, value))
        differs = item.code == differ_on or rng.random() < 0.12
        other = _other(value) if not item.is_number and differs else value
        if other != value:
            differing.append(item)
        answers.append(_answer(second, item, other))
    Answer.objects.bulk_create(answers)
    now = timezone.now()
    for review, done in zip((first, second), hand_in, strict=True):
        if done:
            review.submitted_at = now
            review.save(update_fields=["submitted_at"])
    if resolve and all(hand_in):
        Resolution.objects.bulk_create(
            Resolution(
                dossier=dossier,
                item=item,
                choice=str(final[item.code]),
                note="Samen het dossier nagelezen.",
                resolved_by=first.reviewer,
            )
            for item in differing
        )


def _placement_facts(dossier: Dossier) -> dict[str, object]:
    if dossier.imported is not None:
        chain = dossier.imported.residence_chain
        return {"plaatsingen": len(chain), "overplaatsingen": dossier.imported.transfers}
    from elkedagbeter.reviews.chains import histories_of_cases

    history = histories_of_cases([dossier.case_id or 0])[dossier.case_id or 0]
    return {"plaatsingen": history.placements, "overplaatsingen": history.transfers}


def _closed_round(team: Team, reviewers: list[User], rng: random.Random) -> None:
    round_ = ReviewRound.objects.create(
        expert_team=team,
        title="Uitstroom uit de 24-uurszorg",
        question=(
            "Hoe komen jeugdigen zo snel mogelijk uit de 24-uurszorg? Wat helpt en wat "
            "belemmert, en hoe kunnen we ervan leren?"
        ),
        population=Population.IMPORTED,
        only_placed=True,
        sample_method=SampleMethod.STRATIFIED,
        stratum=Stratum.TEAM,
        sample_size=32,
        seed=2018,
        created_by=reviewers[0],
    )
    round_.reviewers.set(reviewers)
    actions.add_default_checklist(round_)
    _imported(round_, rng)
    # The seed whose sample holds the youth with 11 placements, found the same way every time.
    while "RES-017" not in {unit.key for unit in actions.draw(round_)[0]}:
        round_.seed += 1
    round_.save(update_fields=["seed"])
    dossiers = actions.start_reviewing(round_)
    items = list(round_.items.all())
    for dossier, final in zip(dossiers, _finals(rng, len(dossiers)), strict=True):
        final.update(_placement_facts(dossier))
        _review_twice(dossier, items, final, rng)
    longest = next(d for d in dossiers if d.imported and d.imported.source_ref == "RES-017")
    Review.objects.filter(pk=longest.reviews.order_by("pk").values("pk")[:1]).update(
        note="Elf plaatsingen in korte tijd; niemand kan vertellen waarom. Geen link gelegd "
        "met eerdere traumatische ervaringen."
    )
    Conclusion.objects.bulk_create(
        [
            Conclusion(
                round=round_,
                text=(
                    "In 31 van de 32 dossiers ontbreekt een verklarende analyse; behandelingen "
                    "starten zonder gedeelde verklaring van de problemen."
                ),
                created_by=reviewers[0],
            ),
            Conclusion(
                round=round_,
                text=(
                    "Van de 24 therapievormen passen er 4 bij de richtlijnen en zijn bewezen "
                    "effectief (twee keer CGT, twee keer EMDR)."
                ),
                created_by=reviewers[1],
            ),
        ]
    )
    actions.conclude(
        reviewers[0],
        round_,
        text="Na een overplaatsing stopt de behandeling vaak en wordt niet hervat; er is geen "
        "plek die de lijn vasthoudt.",
        category=Category.NO_SUITABLE_CARE,
        title="Behandeling stopt bij overplaatsing en wordt niet hervat",
    )
    Lesson.objects.bulk_create(
        [
            Lesson(
                round=round_,
                title="Eerst een verklarende analyse, dan pas behandelen",
                text=(
                    "Vraag bij elke opname naar de verklarende analyse. Zonder analyse kiezen "
                    "behandelaars interventies die niet bij de problematiek passen."
                ),
                shareable=True,
                created_by=reviewers[0],
            ),
            Lesson(
                round=round_,
                title="Betrek het gezin actief",
                text=(
                    "Alleen in 7 van de 32 dossiers deed het gezin actief mee, terwijl dat het "
                    "effect van behandeling vergroot. Plan gezinsgesprekken vanaf de eerste week."
                ),
                shareable=True,
                created_by=reviewers[1],
            ),
        ]
    )
    round_.status = "afgerond"
    round_.closed_at = timezone.now()
    round_.shared = True
    round_.save(update_fields=["status", "closed_at", "shared"])
    # Begun eleven months ago: the demo's learning loop raises a knelpunt from one of its
    # conclusions before its decision, eight months ago (demo/loop.py).
    ReviewRound.objects.filter(pk=round_.pk).update(created_at=timezone.now() - timedelta(days=330))


def _running_round(
    team: Team, reviewers: list[User], consenting: Team, coordinator: User, rng: random.Random
) -> None:
    round_ = ReviewRound.objects.create(
        expert_team=team,
        title="Vastgelopen casussen met een uithuisplaatsing",
        question="Wat hadden deze gezinnen nodig dat er niet was, en wanneer had dat gekund?",
        population=Population.REGION,
        only_placed=True,
        sample_method=SampleMethod.STRATIFIED,
        stratum=Stratum.PLACEMENTS,
        sample_size=8,
        seed=42,
        created_by=reviewers[0],
    )
    round_.reviewers.set(reviewers)
    actions.add_default_checklist(round_)
    TeamConsent.objects.create(
        round=round_,
        team=consenting,
        given_by=coordinator,
        note="Akkoord; graag de bevindingen terug in ons teamoverleg.",
    )
    if not population(round_):
        return  # no placed cases in the team (a test world): the round stays in preparation
    dossiers = actions.start_reviewing(round_)
    items = list(round_.items.all())
    finals = _finals(random.Random(5), 32)  # noqa: S311 - synthetic data
    for index, dossier in enumerate(dossiers):
        final = {**finals[index], **_placement_facts(dossier)}
        if index < 4:
            unresolved = index % 2 == 1
            differ_on = "gezin_betrokken" if unresolved else ""
            _review_twice(dossier, items, final, rng, resolve=not unresolved, differ_on=differ_on)
        elif index < 6:
            _review_twice(dossier, items, final, rng, hand_in=(True, False))


def load_demo_reviews(
    team: Team, reviewers: list[User], consenting: Team, coordinator: User
) -> None:
    if team.review_rounds.exists():
        return
    rng = random.Random(2018)  # noqa: S311 - synthetic data, not security
    with translation.override("nl"):
        _closed_round(team, reviewers, rng)
        _running_round(team, reviewers, consenting, coordinator, rng)
