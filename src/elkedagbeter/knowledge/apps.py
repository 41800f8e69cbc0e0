from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "elkedagbeter.knowledge"
    verbose_name = _("What works")

    def ready(self) -> None:
        from . import sources

        sources.connect_signals()
