from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostsConfig(AppConfig):
    name = "elkedagbeter.costs"
    verbose_name = _("What the help costs")

    def ready(self) -> None:
        from elkedagbeter.cases.imports import register_case_columns
        from elkedagbeter.cases.page_parts import register_case_part

        from . import arrangements, case_views

        # The case page shows the case's arrangement and the form that records it.
        register_case_part("arrangement", case_views.arrangement_part)
        # The case import reads the arrangement from two optional columns of the cases file.
        register_case_columns("arrangement", arrangements.IMPORT_COLUMNS, arrangements.import_check)
