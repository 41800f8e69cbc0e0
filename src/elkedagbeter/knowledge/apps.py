from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "elkedagbeter.knowledge"
    verbose_name = _("What works")

    def ready(self) -> None:
        from elkedagbeter.indicators.plate_parts import register_plate_part

        from . import selectors, sources

        sources.connect_signals()
        # The O-plaat (indicators, a layer below) shows good examples and initiatives.
        register_plate_part("knowledge", selectors.plate_knowledge)
