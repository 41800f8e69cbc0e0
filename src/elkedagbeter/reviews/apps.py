from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "elkedagbeter.reviews"
    verbose_name = _("Dossier reviews")

    def ready(self) -> None:
        from elkedagbeter.indicators.plate_parts import register_plate_part

        from . import plate
        from .search import register_lessons

        register_lessons()
        # The O-plaat (indicators, a layer below) lists the findings linked to its zero goal.
        register_plate_part("review_findings", plate.plate_findings)
