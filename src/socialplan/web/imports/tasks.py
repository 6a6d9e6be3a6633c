"""The background import: one uploaded export into the workspace's activity store."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from socialplan.activity.ingest import Outcome, import_path
from socialplan.activity.store import Store
from socialplan.errors import InputError
from socialplan.web.imports.brand import workspace_brand
from socialplan.web.imports.models import ImportJob, State
from socialplan.web.imports.problems import to_json

logger = logging.getLogger(__name__)


@task()
def run_import(job_id: int) -> str:
    """Import job *job_id*'s upload and record what happened; returns the job's final state.

    The library leaves the store as it was when an import fails, so a failed job has added
    nothing. The upload is deleted whatever the outcome: the store now holds what it had to
    give, a failed export must be fixed and uploaded again anyway, and untrusted files should
    not pile up on the server. The job keeps the name, size, counts and problems.
    """
    # Claim the job in one statement, so a task delivered twice still imports once.
    claimed = ImportJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now()
    )
    job = ImportJob.objects.select_related("workspace").filter(pk=job_id).first()
    if job is None or not claimed:
        return job.state if job is not None else "missing"
    try:
        _record(job, _import(job))
        if job.state == State.DONE:
            _audit_ahead(job)
    except InputError as exc:
        stored = str(job.upload_file or "")
        job.problems = to_json(exc.problems, stored, job.original_name)
        _finish(job, State.FAILED)
    except Exception:
        # Operators get the traceback; users get a plain message, never the details.
        logger.exception("import job %s (%s) failed", job.pk, job.workspace.slug)
        job.problems = []
        _finish(job, State.FAILED)
    finally:
        job.discard_upload()
    return job.state


def _audit_ahead(job: ImportJob) -> None:
    """Queue the audit of the store as this import left it; the import is done either way."""
    from socialplan.web.audit.tasks import warm_audit

    try:
        warm_audit.enqueue(job.workspace_id)
    except Exception:
        # A queue that refuses (Redis away) costs the dashboard's first visit some seconds.
        logger.exception("the audit after import job %s could not be queued", job.pk)


def _import(job: ImportJob) -> Outcome:
    """Run the library's import for *job*, noting each step as it starts."""

    def step(name: str) -> None:
        ImportJob.objects.filter(pk=job.pk).update(step=name)

    upload = job.upload_file
    if upload is None:
        raise RuntimeError(f"import job {job.pk} has no upload")
    store = Store(job.workspace.store_dir)
    brand = workspace_brand(job.workspace)
    return import_path(upload, store, brand, job.chosen_format or None, step=step)


def _record(job: ImportJob, outcome: Outcome) -> None:
    """Keep what *outcome* says: the format, and the counts of a new batch."""
    job.detected_format = outcome.importer
    if outcome.batch is None:
        _finish(job, State.DUPLICATE)
        return
    rows = outcome.batch.rows
    job.items = rows.get("items", 0)
    job.accounts = rows.get("accounts", 0)
    job.metrics = rows.get("metrics", 0)
    job.moderation = rows.get("moderation", 0)
    job.kpis = rows.get("kpis", 0)
    _finish(job, State.DONE)


def _finish(job: ImportJob, state: State) -> None:
    job.state = state
    job.step = ""
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "state",
            "step",
            "finished_at",
            "detected_format",
            "items",
            "accounts",
            "metrics",
            "moderation",
            "kpis",
            "problems",
        ]
    )
