"""The workspaces app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspacesConfig(AppConfig):
    """Workspaces, members, roles and invitations."""

    name = "socialplan.web.workspaces"
    label = "workspaces"
    verbose_name = _("Workspaces")
