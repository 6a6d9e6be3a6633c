"""Every saved revision of a workspace's strategy document, as YAML text."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialplan.web.workspaces.models import Workspace


class StrategyRevision(models.Model):
    """One saved version of the strategy document; the highest number is the current one."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="strategy_revisions"
    )
    number = models.PositiveIntegerField()
    text = models.TextField(_("strategy document"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="one_revision_number")
        ]
        ordering = ["workspace", "-number"]
        verbose_name = _("strategy revision")
        verbose_name_plural = _("strategy revisions")

    def __str__(self) -> str:
        return f"{self.workspace} #{self.number}"
