"""Synthetic Wat werkt content for the demo region: the example catalogue, good examples,
logbook sessions and an improvement initiative in every stage of the ontwikkelcirkel.

Every text is invented. The catalogue holds generic kinds of help, not branded programmes, so no
evidence level here claims anything about a real intervention. Loading is idempotent.

Everything is written through the knowledge actions a user's input goes through (sharing an
example, keeping the logbook, sharing a lesson, starting and moving an initiative), or, where no
demo login may act, through the form users fill in.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from importlib import resources

from django.utils import timezone

from elkedagbeter.accounts.models import User
from elkedagbeter.cases.imports import ImportMode, read_rows
from elkedagbeter.cases.models import Case, Intervention
from elkedagbeter.demo.actors import DEMO_ACTOR, system_actor
from elkedagbeter.indicators.zero_goals import BY_CODE as ZERO_GOALS
from elkedagbeter.knowledge import actions, sources
from elkedagbeter.knowledge.forms import SessionForm
from elkedagbeter.knowledge.imports import run_catalogue_import
from elkedagbeter.knowledge.models import (
    CatalogueItem,
    GoodExample,
    ImprovementInitiative,
    ParticipantRole,
    ReflectionSession,
    Stage,
    Theme,
)
from elkedagbeter.knowledge.selectors import team_cases_for_logbook
from elkedagbeter.organisations.models import Municipality, Region, Team, TeamType


def catalogue_rows() -> list[dict[str, str]]:
    data = resources.files("elkedagbeter.knowledge").joinpath("data/catalogus.csv").read_bytes()
    return read_rows(io.BytesIO(data), "catalogus.csv")


# The synthetic case generator's interventions and their catalogue entries.
CASE_INTERVENTIONS = {
    "Gezinscoaching thuis, twee keer per week": "gezinscoaching-thuis",
    "Schoolmaatschappelijk werk": "schoolmaatschappelijk-werk",
    "Budgetcoaching": "budgetcoaching",
    "Traumabehandeling voor de jeugdige": "traumagerichte-behandeling",
    "Ouderbegeleiding": "ouderbegeleiding",
}

# title, municipality, for whom, what, achieved, contact role, themes, zero goals, catalogue codes
EXAMPLES = [
    (
        "Bed op afroep in plaats van gesloten plaatsing",
        "Hoogveen",
        "Jongeren van 14 tot 17 jaar bij wie een gesloten plaatsing werd overwogen",
        "Het expertteam en de aanbieder spraken af dat een jongere in crisis een paar nachten op "
        "een open plek kan slapen, terwijl de behandeling thuis doorgaat.",
        "In een jaar kwamen veel minder jongeren in een gesloten plaatsing; de meesten bleven "
        "thuis wonen.",
        "gedragswetenschapper expertteam",
        [Theme.CLOSED, Theme.PLACEMENTS],
        ["gesloten", "gedwongen_uhp"],
        ["gezinsgerichte-jeugdzorgplus", "crisisinterventie-thuis"],
    ),
    (
        "Leertafel separatievrij werken",
        "Hoogveen",
        "Groepsleiding van open en gesloten groepen",
        "Elke maand bespreken groepsleiders, een ervaringsdeskundige en de gedragswetenschapper "
        "samen één situatie waarin afzondering dreigde, en wat toen wel hielp.",
        "Separaties op de groepen van de aanbieder halveerden; groepsleiding voelt zich minder "
        "alleen staan.",
        "teamleider behandelgroep",
        [Theme.CLOSED, Theme.SMALL_SCALE],
        ["separaties"],
        ["separatievrij-werken", "leefklimaat-groep"],
    ),
    (
        "Verklarende analyse aan de keukentafel",
        "Beekdal",
        "Gezinnen die zich melden bij het wijkteam",
        "Het wijkteam maakt bij elke nieuwe casus binnen twee weken samen met het gezin een "
        "verklarende analyse op één A4, voordat er hulp wordt ingezet.",
        "Bijna geen hulp meer zonder verklarende analyse; gezinnen zeggen vaker dat ze zich "
        "gehoord voelen.",
        "teamcoördinator wijkteam",
        [Theme.FITTING_HELP, Theme.EARLY_SIGNALS],
        ["zonder_analyse"],
        [],
    ),
    (
        "Maatje in de bus naar school",
        "Lindewaard",
        "Leerlingen van het speciaal onderwijs die met de taxi naar school gingen",
        "Buurtbewoners reizen met een leerling mee met het openbaar vervoer, tot de leerling het "
        "zelf kan. Kinderen meldden zich zelf aan.",
        "Leerlingen reizen zelfstandig; ouders die eerst twijfelden, raden het nu anderen aan.",
        "beleidsmedewerker jeugd gemeente",
        [Theme.YOUNG_ADULTS, Theme.NETWORKS],
        [],
        ["maatjesproject-zelfstandig-reizen"],
    ),
    (
        "Eén vaste plek na vele overplaatsingen",
        "Beekdal",
        "Jongeren met drie of meer overplaatsingen",
        "Het expertteam organiseert voor elke jongere met drie overplaatsingen een "
        "perspectiefbespreking met ouders, jongere en alle betrokkenen, gericht op één plek.",
        "De meeste jongeren wonen een jaar later nog op dezelfde plek.",
        "casusregisseur expertteam",
        [Theme.TRANSFERS],
        ["overplaatsingen"],
        ["perspectiefbespreking", "mentor-uit-eigen-netwerk"],
    ),
    (
        "Overbruggen in plaats van wachten",
        "Lindewaard",
        "Kinderen op een wachtlijst voor specialistische hulp",
        "Het wijkteam belt elke twee weken met gezinnen op de wachtlijst en biedt lichte hulp tot "
        "de behandeling begint.",
        "Minder crisismeldingen tijdens de wachttijd; ouders weten bij wie ze terechtkunnen.",
        "jeugdprofessional wijkteam",
        [Theme.WAITING],
        ["wachten"],
        ["overbruggingshulp-wachttijd"],
    ),
    (
        "Expertise bijschakelen in plaats van overdragen",
        "Hoogveen",
        "Gezinnen met meervoudige problemen",
        "De casusregisseur blijft; een specialist schuift aan bij het gezinsgesprek in plaats van "
        "het gezin over te nemen.",
        "Minder overdrachten, en gezinnen hoeven hun verhaal niet steeds opnieuw te vertellen.",
        "teamcoördinator wijkteam",
        [Theme.EARLY_SIGNALS, Theme.FITTING_HELP],
        ["overdrachten"],
        ["consultatie-specialist-in-wijk"],
    ),
    (
        "Netwerkberaad voordat een uithuisplaatsing wordt besproken",
        "Beekdal",
        "Gezinnen waar een uithuisplaatsing dreigt",
        "Voor elk overleg over een uithuisplaatsing organiseert het wijkteam eerst een "
        "netwerkberaad met familie en vrienden.",
        "In veel gezinnen vond het netwerk een plek of steun dichtbij; uithuisplaatsingen tegen "
        "de wil van ouders namen af.",
        "jeugdprofessional wijkteam",
        [Theme.PLACEMENTS, Theme.NETWORKS],
        ["gedwongen_uhp"],
        ["netwerkberaad", "veiligheidsplan-samen"],
    ),
]

# (months ago, roles, stories, learned, will change, shared lesson)
SESSIONS = [
    (
        13,
        [ParticipantRole.PROFESSIONALS, ParticipantRole.COORDINATOR],
        "Twee gezinnen die lang op de wachtlijst stonden.",
        "We wachtten te lang af terwijl het gezin al hulp nodig had.",
        "We bellen gezinnen op de wachtlijst elke twee weken.",
        "",
    ),
    (
        9,
        [ParticipantRole.PROFESSIONALS, ParticipantRole.COORDINATOR, ParticipantRole.BEHAVIOURAL],
        "Een jongere die drie keer is overgeplaatst.",
        "Niemand hield het overzicht; elke nieuwe plek begon opnieuw.",
        "Bij een tweede overplaatsing vragen we het expertteam aan tafel.",
        "Bij een dreigende tweede overplaatsing schakelen we het expertteam direct bij; "
        "daarvoor hebben we ruimte nodig in de afspraken met de aanbieders.",
    ),
    (
        5,
        [ParticipantRole.PROFESSIONALS, ParticipantRole.EXPERIENCE, ParticipantRole.COORDINATOR],
        "Een verhaal van een moeder over het gevoel niet gehoord te worden.",
        "Ouders merken het als wij de analyse maken zonder hen.",
        "De verklarende analyse maken we aan de keukentafel.",
        "",
    ),
]

# stage reached, title, zero goal, question, evidence per passed stage
INITIATIVES = [
    (
        Stage.QUESTION,
        "Waarom wachten gezinnen in Lindewaard langer?",
        "wachten",
        "Gezinnen in Lindewaard wachten langer dan in de rest van de regio. Voor welke hulp, en "
        "wat gebeurt er met hen in die tijd?",
    ),
    (
        Stage.KNOWLEDGE,
        "Jongeren in gesloten plaatsingen",
        "gesloten",
        "Wat maakt dat jongeren uit onze regio in een gesloten plaatsing terechtkomen, en hoe gaat "
        "het daarna met hen?",
    ),
    (
        Stage.ANALYSIS,
        "Van drie overplaatsingen naar één plek",
        "overplaatsingen",
        "Waarom worden sommige jongeren steeds opnieuw overgeplaatst?",
    ),
    (
        Stage.INNOVATION,
        "Verklarende analyse vóór de hulp",
        "zonder_analyse",
        "Waarom start hulp zo vaak zonder dat we samen met het gezin begrijpen wat er speelt?",
    ),
    (
        Stage.EVALUATION,
        "Separatievrij werken op de groepen",
        "separaties",
        "Hoe kunnen groepen veilig blijven zonder jongeren af te zonderen?",
    ),
    (
        Stage.NEW_QUESTION,
        "Netwerkberaad bij dreigende uithuisplaatsing",
        "gedwongen_uhp",
        "Kunnen we uithuisplaatsingen tegen de wil van ouders voorkomen door het netwerk eerder "
        "te betrekken?",
    ),
]

EVIDENCE = {
    Stage.QUESTION: "De vraag is aangescherpt met cijfers van de Beweging van 0 en verhalen van "
    "ouders en jongeren.",
    Stage.KNOWLEDGE: "We hebben de richtlijnen, de databank en onderzoek naar wat werkt bij deze "
    "vraag op een rij gezet.",
    Stage.ANALYSIS: "Dossiers en gesprekken laten zien welke aanpakken bij ons werken en welke "
    "niet; de analyse is besproken met ouders.",
    Stage.INNOVATION: "We proberen de nieuwe aanpak een half jaar uit in twee teams, met de "
    "indicator als maat.",
    Stage.EVALUATION: "De indicator daalde in de teams die meededen; ouders en professionals zijn "
    "positief, de werkdruk vraagt aandacht.",
}


def _months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(months * 30.5))


def _catalogue() -> None:
    run_catalogue_import(catalogue_rows(), mode=ImportMode.ALL_OR_NOTHING, commit=True)
    for description, code in CASE_INTERVENTIONS.items():
        item = CatalogueItem.objects.get(code=code)
        Intervention.objects.filter(description=description, catalogue_item__isnull=True).update(
            catalogue_item=item
        )


def _examples(region: Region, authors: list[User]) -> None:
    municipalities = {m.name: m for m in Municipality.objects.filter(region=region)}
    for index, spec in enumerate(EXAMPLES):
        title, place, for_whom, what, achieved, contact, themes, goals, codes = spec
        if GoodExample.objects.filter(title=title).exists():
            continue
        example = GoodExample(
            title=title,
            what=what,
            for_whom=for_whom,
            achieved=achieved,
            contact_role=contact,
            region=region,
            municipality=municipalities.get(place),
            created_at=timezone.now() - timedelta(days=30 * index),
        )
        actions.save_example(
            authors[index % len(authors)],
            example,
            themes=themes,
            zero_goals=goals,
            interventions=CatalogueItem.objects.filter(code__in=codes),
        )


def _sessions(team: Team, coordinator: User, today: date) -> None:
    """The coordinator's team keeps its logbook as a user does, and shared two lessons."""
    if ReflectionSession.objects.filter(team=team).exists():
        return
    cases = list(Case.objects.filter(team=team).order_by("pk")[:3])
    for months, roles, stories, learned, change, lesson in SESSIONS:
        session = ReflectionSession(
            held_on=_months_ago(today, months),
            participant_roles=[role.value for role in roles],
            stories=stories,
            learned=learned,
            will_change=change,
        )
        actions.record_session(coordinator, team, session, cases=cases[:1])
        if lesson:
            shared_at = timezone.now() - timedelta(days=months * 30)
            actions.share_lesson(coordinator, session, lesson, at=shared_at)


class InvalidDemoDataError(ValueError):
    """The demo wrote something a user's form would refuse: a bug in the demo."""


def _recent_sessions(teams: list[Team], today: date) -> None:
    """Other teams reflected recently, so only the coordinator's team gets the reminder. No
    demo login belongs to those teams, so ``record_session`` would refuse the writer; the
    session goes through the logbook form users fill in, and the demo's system actor is its
    author."""
    author = system_actor(DEMO_ACTOR)
    for index, team in enumerate(teams):
        if ReflectionSession.objects.filter(team=team).exists():
            continue
        form = SessionForm(
            data={
                "held_on": _months_ago(today, 1 + index % 3).isoformat(),
                "participant_roles": [ParticipantRole.PROFESSIONALS.value],
                "learned": "We bespraken hoe we ouders eerder betrekken bij de analyse.",
            },
            cases=team_cases_for_logbook(team),
        )
        if not form.is_valid():
            raise InvalidDemoDataError(form.errors.as_text())
        session = form.save(commit=False)
        session.team, session.created_by = team, author
        session.full_clean()
        session.save()


def _initiatives(region: Region, team: Team, author: User) -> None:
    """Each initiative is started and walked through the ontwikkelcirkel stage by stage with
    the initiative actions, up to the stage it has reached."""
    order = list(Stage)
    for stage, title, zero_goal, question in INITIATIVES:
        if ImprovementInitiative.objects.filter(title=title).exists():
            continue
        indicator = ZERO_GOALS[zero_goal].indicator
        initiative = actions.start_initiative(
            author,
            ImprovementInitiative(
                title=title, question=question, region=region, team=team, zero_goal=zero_goal
            ),
        )
        for passed in order[: order.index(stage)]:
            actions.advance_initiative(
                author, initiative, evidence=EVIDENCE[passed], indicator=indicator
            )
        sources.refresh(initiative)


def load_knowledge(
    region: Region, teams: dict[str, Team], coordinator_team: str, today: date
) -> None:
    _catalogue()
    users = {u.username: u for u in User.objects.filter(memberships__isnull=False).distinct()}
    authors = [users[name] for name in ("coordinator", "expert", "analyst", "professional")]
    _examples(region, authors)
    own = teams[coordinator_team]
    _sessions(own, users["coordinator"], today)
    others = [
        team
        for name, team in teams.items()
        if name != coordinator_team and team.team_type in {TeamType.NEIGHBOURHOOD, TeamType.EXPERT}
    ]
    _recent_sessions(others, today)
    _initiatives(region, own, users["coordinator"])
