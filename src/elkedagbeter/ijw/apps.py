from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IjwConfig(AppConfig):
    name = "elkedagbeter.ijw"
    verbose_name = _("iJw messages")

    def ready(self) -> None:
        from elkedagbeter.cases.page_parts import register_timeline_part

        from . import timeline

        # Care episodes read from the messages, on the household's timeline.
        register_timeline_part("ijw", timeline.timeline_entries)
