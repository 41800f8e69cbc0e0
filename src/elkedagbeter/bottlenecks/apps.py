from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BottlenecksConfig(AppConfig):
    name = "elkedagbeter.bottlenecks"
    verbose_name = _("Bottlenecks")
