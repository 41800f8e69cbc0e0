from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "elkedagbeter.audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        # Listens to the login signals of Django's auth and of accounts.
        from . import receivers  # noqa: F401
