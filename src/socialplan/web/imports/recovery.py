"""Imports whose worker died (killed, out of memory): queued again, their upload still there.

A killed worker leaves its job marked running for ever, and its page asking for ever. The
library's import is all or nothing, so the store holds none of it, and the upload is deleted
only when the task ends, so it is still on disk: the job can simply run again. Only a worker
on this host can be known to be gone (its process no longer exists); workers start by looking,
so a worker restarted after a crash picks its own jobs up again.
"""

from __future__ import annotations

import logging
import uuid

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from socialplan.web.calendar.publishing.identity import has_ended
from socialplan.web.imports.jobs import enqueue
from socialplan.web.imports.models import ImportJob, State

logger = logging.getLogger(__name__)


def requeue_orphaned_imports() -> int:
    """Queue again the running imports of workers on this host that are gone; how many."""
    again = 0
    for job in ImportJob.objects.select_related("workspace").filter(state=State.RUNNING):
        if not _worker_is_gone(job.task_result_id):
            continue
        upload = job.upload_file
        if upload is None or not upload.exists():
            # Nothing to import again: the person is told it failed and uploads it anew.
            ImportJob.objects.filter(pk=job.pk, state=State.RUNNING).update(
                state=State.FAILED, step="", finished_at=timezone.now(), problems=[]
            )
            continue
        if ImportJob.objects.filter(pk=job.pk, state=State.RUNNING).update(
            state=State.QUEUED, step="", started_at=None
        ):
            logger.warning("import job %s lost its worker; it is queued again", job.pk)
            enqueue(job.pk)
            again += 1
    return again


def _worker_is_gone(task_result_id: str) -> bool:
    """Whether the database worker that took this task ran here and its process has ended."""
    try:
        key = uuid.UUID(task_result_id)
    except ValueError:
        return False
    result = DBTaskResult.objects.filter(pk=key).values_list("worker_ids").first()
    if result is None or not result[0]:
        return False  # another backend (RQ), or not taken yet
    return has_ended(str(result[0][-1]))
