from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IjwConfig(AppConfig):
    name = "elkedagbeter.ijw"
    verbose_name = _("iJw messages")
