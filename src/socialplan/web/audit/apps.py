"""The audit app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit dashboard and the rule pages."""

    name = "socialplan.web.audit"
    label = "audit"
    verbose_name = _("Audit")
