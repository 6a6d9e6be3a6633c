"""The publisher's tasks (django-tasks: the database backend, or RQ on Redis to scale out).

The scheduling loop of ``socialplan worker`` claims due deliveries and enqueues one
``publish_delivery`` each; the sweep enqueues ``reconcile`` for unconfirmed ones. A task that
arrives twice, late, or for a claim given back meanwhile does nothing: the claim's mark decides.
"""

from __future__ import annotations

from typing import ParamSpec, TypeVar

from django_tasks import task
from django_tasks.base import Task

from socialplan.web.calendar.publishing import attempt
from socialplan.web.calendar.publishing import reconcile as reconciliation
from socialplan.web.calendar.publishing.claim import claim_due
from socialplan.web.calendar.publishing.identity import worker_id
from socialplan.web.calendar.publishing.sweep import claim_unconfirmed, expire_stale

#: Ahead of imports and audits where the backend orders by priority (the database's; RQ's
#: does not): posts have a time to keep.
PRIORITY = 50
P = ParamSpec("P")
T = TypeVar("T")


@task()
def publish_delivery(delivery_id: int, claim: str = "") -> str:
    """Publish one delivery (claimed under *claim*, or claimed here); its state afterwards."""
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
    publishing = ahead(publish_delivery)
    for claim in claims:
        publishing.enqueue(claim.delivery_id, claim.mark)
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
