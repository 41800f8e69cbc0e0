from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The site around the apps: start page, navigation, error views, admin site, base layout.

    It sits above every domain app (it may read them all) and nothing imports it.
    """

    name = "elkedagbeter.pages"
    verbose_name = _("Pages")
