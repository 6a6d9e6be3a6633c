"""The imports app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Uploads of platform exports and their import tasks."""

    name = "socialplan.web.imports"
    label = "imports"
    verbose_name = _("Imports")
