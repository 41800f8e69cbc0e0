from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BottlenecksConfig(AppConfig):
    name = "elkedagbeter.bottlenecks"
    verbose_name = _("Bottlenecks")

    def ready(self) -> None:
        from elkedagbeter.indicators.plate_parts import register_plate_part

        from . import partner_selectors, plate

        # The O-plaat (indicators, a layer below) shows who we need for the zero goal and the
        # open knelpunten of its zero goal.
        register_plate_part("partners", partner_selectors.plate_partners)
        register_plate_part("knelpunten", plate.plate_bottlenecks)
