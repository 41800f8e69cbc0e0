from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "elkedagbeter.reviews"
    verbose_name = _("Dossier reviews")

    def ready(self) -> None:
        from .search import register_lessons

        register_lessons()
