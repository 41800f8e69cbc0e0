from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyConfig(AppConfig):
    name = "elkedagbeter.family"
    verbose_name = _("The family's own view")

    def ready(self) -> None:
        from elkedagbeter.cases.page_parts import register_case_part
        from elkedagbeter.organisations.scoping import register_second_factor_check

        from . import selectors

        register_second_factor_check(selectors.has_family_access)
        register_case_part("family_voice", selectors.case_part)
