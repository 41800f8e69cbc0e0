from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "elkedagbeter.indicators"
    verbose_name = _("Beweging van 0")

    def ready(self) -> None:
        # Keeps the figures of a team current when its cases change.
        from . import signals  # noqa: F401
