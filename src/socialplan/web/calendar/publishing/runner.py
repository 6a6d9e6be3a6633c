"""The task worker of ``socialplan worker``: the database backend's, or RQ's on Redis."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management import call_command

from socialplan.web.calendar.publishing.loop import SchedulingLoop

log = logging.getLogger(__name__)
RQ_BACKEND = "django_tasks_rq.RQBackend"
#: How often an idle database worker looks for tasks: part of a post's lateness.
DB_POLL_SECONDS = 0.1


def uses_rq() -> bool:
    """Whether tasks go through RQ (Redis) rather than the database."""
    return bool(settings.TASKS["default"]["BACKEND"] == RQ_BACKEND)


def run_worker(worker: str, *, burst: bool = False) -> None:
    """Run the scheduling loop and the task worker until interrupted (or, in *burst*, idle)."""
    if not uses_rq():
        _pick_up_orphaned_imports()
    loop = SchedulingLoop(worker)
    if not burst:
        loop.start()
    try:
        if uses_rq():
            _rq_worker(worker, burst=burst)
        else:
            call_command(
                "db_worker",
                interval=DB_POLL_SECONDS,
                worker_id=worker[:64],
                batch=burst,
                reload=False,
                verbosity=1,
            )
    finally:
        loop.stop()
        if loop.is_alive():
            loop.join(timeout=10)


def _pick_up_orphaned_imports() -> None:
    """Imports a crashed worker of this host left running: queued again before work starts."""
    from socialplan.web.imports.recovery import requeue_orphaned_imports

    try:
        requeue_orphaned_imports()
    except Exception:
        log.exception("looking for imports a crashed worker left failed; the worker goes on")


def _rq_worker(worker: str, *, burst: bool) -> None:
    """RQ's worker on the default queue, running tasks in this process.

    ``SimpleWorker`` rather than RQ's forking default: a fork per task would open a database
    connection per post, and stuck calls are the publisher's lease's business, not RQ's.
    """
    import django_rq
    from django_tasks_rq.backend import Job

    rq_worker = django_rq.get_worker(
        "default", job_class=Job, worker_class="rq.worker.SimpleWorker", name=worker
    )
    rq_worker.work(burst=burst, with_scheduler=not burst, logging_level="WARNING")
