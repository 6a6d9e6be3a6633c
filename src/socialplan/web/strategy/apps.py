"""The strategy app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    """Strategy revisions and the wizard."""

    name = "socialplan.web.strategy"
    label = "strategy"
    verbose_name = _("Strategy")
