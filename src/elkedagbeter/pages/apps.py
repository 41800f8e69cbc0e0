from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The site around the apps: start page, navigation, error views, admin site, base layout.

    It sits above every domain app (it may read them all) and nothing imports it.
    """

    name = "elkedagbeter.pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from elkedagbeter.bottlenecks.models import StatusChange

        from .receivers import mail_the_raiser

        # The opt-in e-mail to whoever raised a knelpunt when someone else moves it.
        post_save.connect(mail_the_raiser, sender=StatusChange, dispatch_uid="pages-signal-mail")
