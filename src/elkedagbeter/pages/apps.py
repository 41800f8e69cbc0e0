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
        from elkedagbeter.stories.pattern_followups import register_pattern_followup

        from .followups import knelpunten_about_pattern
        from .receivers import mail_the_raiser

        # The opt-in e-mail to whoever raised a knelpunt when someone else moves it.
        post_save.connect(mail_the_raiser, sender=StatusChange, dispatch_uid="pages-signal-mail")
        # The storyteller's follow page shows the knelpunten raised about a pattern.
        register_pattern_followup(knelpunten_about_pattern)
