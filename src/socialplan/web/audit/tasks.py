"""The audit made ahead of time: after an import, so the dashboard opens at once."""

from __future__ import annotations

import logging

from django_tasks import task

from socialplan.errors import InputError
from socialplan.web.audit.snapshots import current_snapshot
from socialplan.web.strategy.revisions import current
from socialplan.web.workspaces.models import Workspace

logger = logging.getLogger(__name__)


@task()
def warm_audit(workspace_id: int) -> str:
    """Audit the workspace's current strategy against its store as it is now, and keep it.

    Without it, the first person to open the dashboard after an import waits for the whole
    audit (seconds on a large store). A strategy that no longer loads is the dashboard's to
    explain; nothing is kept then.
    """
    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        return "missing"
    revision = current(workspace)
    if revision is None:
        return "no strategy"
    try:
        current_snapshot(workspace, revision)
    except InputError:
        return "strategy does not load"
    return "audited"
