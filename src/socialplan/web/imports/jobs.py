"""Starting an import: keep the upload, record the job, queue the task once it is committed."""

from __future__ import annotations

import logging
import shutil
from functools import partial

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from socialplan.web.imports.models import ImportJob, State
from socialplan.web.imports.tasks import run_import
from socialplan.web.imports.uploads import store_upload
from socialplan.web.workspaces.models import Workspace

logger = logging.getLogger(__name__)


def start_import(
    workspace: Workspace, user: User, uploaded: UploadedFile, fmt: str = ""
) -> ImportJob:
    """Keep *uploaded* in the workspace's folder and queue its import; returns the job."""
    relative = store_upload(uploaded, workspace.data_dir)
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                workspace=workspace,
                uploaded_by=user,
                original_name=(uploaded.name or "")[:255],
                upload_path=relative.as_posix(),
                size=uploaded.size or 0,
                chosen_format=fmt,
            )
            # A worker must never look for a job the database does not show it yet.
            transaction.on_commit(partial(enqueue, job.pk))
    except BaseException:
        shutil.rmtree(workspace.data_dir / relative.parent, ignore_errors=True)
        raise
    return job


def enqueue(job_id: int) -> None:
    """Queue job *job_id*'s task and note its id; a queue that refuses fails the job."""
    try:
        result = run_import.enqueue(job_id)
    except Exception:
        logger.exception("import job %s could not be queued", job_id)
        job = ImportJob.objects.select_related("workspace").get(pk=job_id)
        if job.state == State.QUEUED:
            ImportJob.objects.filter(pk=job_id).update(
                state=State.FAILED, finished_at=timezone.now()
            )
            job.discard_upload()
        return
    ImportJob.objects.filter(pk=job_id).update(task_result_id=str(result.id))
