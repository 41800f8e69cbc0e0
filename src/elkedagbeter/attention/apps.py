from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttentionConfig(AppConfig):
    name = "elkedagbeter.attention"
    verbose_name = _("Attention")

    def ready(self) -> None:
        # Keeps a case's signals current when what the rules read changes.
        from elkedagbeter.cases.page_parts import register_case_part, register_timeline_part

        from . import conferences, receivers  # noqa: F401

        # The case page shows the case's open signals and its conferences on the timeline.
        register_case_part("signals", conferences.signals_part)
        register_timeline_part("conferences", conferences.timeline_entries)
