"""Audit results kept between requests: an audit of a big store takes seconds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.workspaces.models import Workspace


class AuditSnapshot(models.Model):
    """One audit of a strategy revision against one state of the workspace's store.

    ``key`` names what else the result depends on (the imported batches, the day, the library
    version); a snapshot with the revision and key of the moment is current, any other is
    dropped when the next one is made.
    """

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="audit_snapshots"
    )
    revision = models.ForeignKey(StrategyRevision, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    #: Findings, scores, KPIs and chart rows, language-neutral (see summary.py).
    data = models.JSONField()
    #: Rendered chart SVGs by library language, added as readers ask for them.
    charts = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "key"], name="one_snapshot_per_state")
        ]
        verbose_name = _("audit snapshot")
        verbose_name_plural = _("audit snapshots")

    def __str__(self) -> str:
        return f"{self.revision} @ {self.key[:8]}"
