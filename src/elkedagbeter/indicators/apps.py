from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "elkedagbeter.indicators"
    verbose_name = _("Beweging van 0")

    def ready(self) -> None:
        # Keeps the figures of a team current when its cases change, and their version.
        from elkedagbeter.cases.page_parts import register_case_part

        from . import case_goals, signals, versions  # noqa: F401

        # The case page shows the zero goals the case touches (cases sits below indicators).
        register_case_part("zero_goals", case_goals.case_part)
