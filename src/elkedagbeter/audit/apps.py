from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "elkedagbeter.audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        # Listens to the login signals of Django's auth and of accounts, and to who gives whom
        # which role or one-time code (organisations, accounts).
        from . import governance, receivers  # noqa: F401
