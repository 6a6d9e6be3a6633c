"""Publishing claimed deliveries, a batch at a time: taken over, recorded, sent, kept.

A batch costs a fixed handful of statements, however many deliveries it holds: one UPDATE
takes the claims over, one SELECT reads the deliveries with their posts and channels, one
INSERT opens their attempts (all committed *before* any network is called), and after the
calls ``recording.py`` keeps every outcome in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from socialplan.web.calendar.models import Attempt, Delivery, DeliveryState
from socialplan.web.calendar.publishing.claim import claim_one
from socialplan.web.calendar.publishing.identity import claim_mark, worker_id
from socialplan.web.calendar.publishing.recording import record
from socialplan.web.calendar.publishing.sending import send

#: What :func:`publish` says of a delivery whose claim is not (or no longer) this one.
SKIPPED = "skipped"


@dataclass(frozen=True)
class Started:
    """Deliveries this worker is publishing now, each with its open attempt, under one mark."""

    deliveries: list[Delivery]
    #: Delivery id → its open attempt.
    attempts: dict[int, Attempt]
    #: The mark the claims carry now: this worker's, for this batch only.
    mark: str
    worker: str


def publish(delivery_id: int, mark: str = "", worker: str = "") -> str:
    """Publish the delivery claimed under *mark* (claimed here when no mark is given).

    Returns the delivery's state afterwards, or ``skipped`` when the claim is not (or no
    longer) this one: another worker has it, or it is done.
    """
    worker = worker or worker_id()
    if not mark:
        claim = claim_one(delivery_id, worker)
        if claim is None:
            return SKIPPED
        mark = claim.mark
    return publish_claimed([delivery_id], mark, worker).get(delivery_id, SKIPPED)


def publish_claimed(delivery_ids: Sequence[int], mark: str, worker: str = "") -> dict[int, str]:
    """Publish the deliveries claimed together under *mark*; each one's state afterwards.

    Deliveries whose claim is no longer *mark* (a task delivered twice, a claim the sweep
    gave up) are left out: another worker has them, or they are done.
    """
    worker = worker or worker_id()
    started = start(delivery_ids, mark, worker)
    if started is None:
        return {}
    return record(started, send(started))


def start(delivery_ids: Sequence[int], mark: str, worker: str) -> Started | None:
    """Take the claims *mark* over and open an attempt each; None if none is still *mark*'s.

    The open attempt is what says, should this worker die, that the network may have been
    called: it is committed before the calls, and a stale claim without one (the worker died
    in between) certainly sent nothing and is simply scheduled again.
    """
    now = timezone.now()
    own = claim_mark(worker)
    with transaction.atomic():
        taken = Delivery.objects.filter(
            pk__in=list(delivery_ids), state=DeliveryState.PUBLISHING, claimed_by=mark
        ).update(claimed_by=own, claimed_at=now, attempts=F("attempts") + 1)
        if not taken:
            return None
        deliveries = list(
            Delivery.objects.select_related("post", "channel")
            .filter(pk__in=list(delivery_ids), claimed_by=own)
            .order_by("due_at", "pk")
        )
        opened = Attempt.objects.bulk_create(
            Attempt(delivery=delivery, worker=worker, started_at=now) for delivery in deliveries
        )
        if any(attempt.pk is None for attempt in opened):
            # A database that does not say which ids it gave (MySQL): read them back.
            opened = list(
                Attempt.objects.filter(delivery__in=deliveries, worker=worker, started_at=now)
            )
    attempts = {attempt.delivery_id: attempt for attempt in opened}
    return Started(deliveries, attempts, own, worker)
