"""The publisher's tasks (django-tasks: the database backend, or RQ on Redis to scale out).

The scheduling loop of ``socialplan worker`` claims due deliveries and enqueues one
``publish_deliveries`` per batch of them (``per_task``), so the queue's own cost is paid once
a batch rather than once a post; the sweep enqueues ``reconcile`` for unconfirmed ones. A task
that arrives twice, late, or for a claim given back meanwhile does nothing: the claim's mark
decides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import ParamSpec, TypeVar

from django_tasks import task
from django_tasks.base import Task

from socialplan.web.calendar.publishing import attempt
from socialplan.web.calendar.publishing import reconcile as reconciliation
from socialplan.web.calendar.publishing.claim import claim_due
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.identity import worker_id
from socialplan.web.calendar.publishing.sweep import claim_unconfirmed, expire_stale

#: Ahead of imports and audits where the backend orders by priority (the database's; RQ's
#: does not): posts have a time to keep.
PRIORITY = 50
P = ParamSpec("P")
T = TypeVar("T")


@task()
def publish_deliveries(delivery_ids: list[int], claim: str) -> dict[str, int]:
    """Publish the deliveries claimed together under *claim*; how many ended in each state."""
    return dict(Counter(attempt.publish_claimed(delivery_ids, claim).values()))


@task()
def publish_delivery(delivery_id: int, claim: str = "") -> str:
    """Publish one delivery (claimed under *claim*, or claimed here); its state afterwards.

    Kept for tasks queued before batches (an upgrade with tasks waiting) and for one-offs.
    """
    return attempt.publish(delivery_id, claim)


@task()
def reconcile(delivery_id: int, claim: str) -> str:
    """Settle one unconfirmed delivery claimed under *claim*; its state afterwards."""
    return reconciliation.reconcile(delivery_id, claim)


@task()
def sweep() -> dict[str, int]:
    """Settle dead workers' claims, enqueue reconciliations and any missed deliveries."""
    return run_sweep(worker_id())


def dispatch_due(worker: str) -> int:
    """Claim what is due now and enqueue its publication; how many were claimed.

    Enqueued after the claims are committed: a worker that sees the task must see the claim.
    """
    claims = claim_due(worker)
    publishing, size = ahead(publish_deliveries), config().per_task
    by_mark: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        by_mark[claim.mark].append(claim.delivery_id)
    for mark, ids in by_mark.items():
        # Oldest first (claims come so): the first task takes the most urgent posts.
        for start in range(0, len(ids), size):
            publishing.enqueue(ids[start : start + size], mark)
    return len(claims)


def run_sweep(worker: str) -> dict[str, int]:
    """One sweep by *worker*; what it found."""
    expired = expire_stale()
    claims = claim_unconfirmed(worker)
    reconciling = ahead(reconcile)
    for claim in claims:
        reconciling.enqueue(claim.delivery_id, claim.mark)
    return {
        "unconfirmed": expired.unconfirmed,
        "rescheduled": expired.rescheduled,
        "released": expired.released,
        "reconciling": len(claims),
        "dispatched": dispatch_due(worker),
    }


def ahead(work: Task[P, T]) -> Task[P, T]:
    """*work* at the publisher's priority, where the backend has priorities."""
    return work.using(priority=PRIORITY) if work.get_backend().supports_priority else work
