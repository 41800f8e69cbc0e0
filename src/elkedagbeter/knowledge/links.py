"""Writing and reading the links of good examples, reflection sessions and initiatives to the
zero goals and the ten child-perspective statements (``indicators.links`` does the rest)."""

from __future__ import annotations

from collections.abc import Iterable

from elkedagbeter.indicators.links import (
    Links,
    clean_statements,
    clean_zero_goals,
    links,
    replace_codes,
)

from .models import (
    ExampleStatement,
    GoodExample,
    ImprovementInitiative,
    InitiativeStatement,
    InitiativeZeroGoal,
    ReflectionSession,
    SessionStatement,
    SessionZeroGoal,
)


def set_example_statements(example: GoodExample, statements: Iterable[str]) -> None:
    replace_codes(ExampleStatement, "example", example, "statement", clean_statements(statements))


def set_session_links(
    session: ReflectionSession, zero_goals: Iterable[str], statements: Iterable[str]
) -> None:
    replace_codes(SessionZeroGoal, "session", session, "zero_goal", clean_zero_goals(zero_goals))
    replace_codes(SessionStatement, "session", session, "statement", clean_statements(statements))


def set_initiative_links(
    initiative: ImprovementInitiative, also: Iterable[str], statements: Iterable[str]
) -> None:
    """``also``: zero goals besides the initiative's own (which stays its primary one)."""
    others = [code for code in clean_zero_goals(also) if code != initiative.zero_goal]
    replace_codes(InitiativeZeroGoal, "initiative", initiative, "zero_goal", others)
    replace_codes(
        InitiativeStatement, "initiative", initiative, "statement", clean_statements(statements)
    )


def example_links(example: GoodExample) -> Links:
    return links(
        example.zero_goal_codes,
        ExampleStatement.objects.filter(example=example).values_list("statement", flat=True),
    )


def session_links(session: ReflectionSession) -> Links:
    """Uses prefetched ``zero_goals`` and ``statements`` when they are there."""
    return links(
        [row.zero_goal for row in session.zero_goals.all()],
        [row.statement for row in session.statements.all()],
    )


def initiative_links(initiative: ImprovementInitiative) -> Links:
    """The primary zero goal and the others, then the statements."""
    also = InitiativeZeroGoal.objects.filter(initiative=initiative)
    primary = [initiative.zero_goal] if initiative.zero_goal else []
    found = links(
        primary + [row.zero_goal for row in also],
        InitiativeStatement.objects.filter(initiative=initiative).values_list(
            "statement", flat=True
        ),
    )
    # The primary zero goal first, as the initiative names it.
    ordered = sorted(found.zero_goals, key=lambda link: link.code != initiative.zero_goal)
    return Links(ordered, found.statements)
