from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttentionConfig(AppConfig):
    name = "elkedagbeter.attention"
    verbose_name = _("Attention")

    def ready(self) -> None:
        # Keeps a case's signals current when what the rules read changes.
        from . import receivers  # noqa: F401
