from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "elkedagbeter.api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Registers the bearer scheme with drf-spectacular before any schema is generated.
        from . import schema  # noqa: F401
