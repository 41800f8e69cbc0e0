from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "elkedagbeter.stories"
    verbose_name = _("Stories")

    def ready(self) -> None:
        from elkedagbeter.indicators.plate_parts import register_plate_part

        from . import plate

        # The O-plaat (indicators, a layer below) lists the story patterns of its zero goal.
        register_plate_part("story_patterns", plate.plate_patterns)
