"""django-axes under a Dutch name in the administration.

axes ships no Dutch catalogue, so the beheerder saw "AXES / Access attempts". The app gets a
name of ours here (``settings.INSTALLED_APPS`` names this config instead of "axes"); its model
names are translated in our catalogue (see ``accounts/admin.py``)."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):  # type: ignore[misc]  # axes ships no type hints
    verbose_name = _("Login protection")
