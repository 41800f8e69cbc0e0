from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostsConfig(AppConfig):
    name = "elkedagbeter.costs"
    verbose_name = _("What the help costs")
