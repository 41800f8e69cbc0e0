from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BottlenecksConfig(AppConfig):
    name = "elkedagbeter.bottlenecks"
    verbose_name = _("Bottlenecks")

    def ready(self) -> None:
        from elkedagbeter.indicators.plate_parts import register_plate_part

        from . import plate

        # The O-plaat (indicators, a layer below) shows the open knelpunten of its zero goal.
        register_plate_part("knelpunten", plate.plate_bottlenecks)
