"""The short check for young people, one question per child-perspective statement
(``indicators.perspective``): the statement turned into something a young person can answer
about their own help, in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    code: str  # the statement code in indicators.perspective
    text: Promise


QUESTIONS: tuple[Question, ...] = (
    Question("zie_mij", _("When I was stuck, someone saw it and helped me.")),
    Question("goede_plek", _("I got to the right place at once.")),
    Question("hulp_die_werkt", _("The help works and suits me.")),
    Question("dichtbij", _("I have one person I trust who stays.")),
    Question("niet_wachten", _("I get help while I wait.")),
    Question("thuis", _("I have a place that feels like home.")),
    Question("geen_instelling", _("I know why I live where I live now.")),
    Question("nooit_opsluiten", _("Nobody locked me up.")),
    Question("eigen_benen", _("I learn to do things on my own.")),
    Question("ingewikkeld", _("People keep helping me, also when it is hard.")),
)
CHECK_CODES = tuple(question.code for question in QUESTIONS)
ANSWER_CHOICES: list[tuple[int, Promise]] = [(3, _("Yes")), (2, _("Partly")), (1, _("No"))]
ANSWER_VALUES = frozenset(value for value, _label in ANSWER_CHOICES)
# The questions the figures read: "I know why I am here" and "one person I trust who stays".
KNOWS_WHY = "geen_instelling"
TRUSTED_PERSON = "dichtbij"
