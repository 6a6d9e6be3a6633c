"""One attempt at publishing a claimed delivery: recorded first, then sent, then its outcome."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from socialplan.publish.content import IdempotencyKey, Published
from socialplan.publish.errors import PublishError
from socialplan.web.calendar.models import Attempt, Delivery, DeliveryState
from socialplan.web.calendar.publishing import lease
from socialplan.web.calendar.publishing.adapters import CannotConnect, adapter_for
from socialplan.web.calendar.publishing.claim import claim_one
from socialplan.web.calendar.publishing.identity import claim_mark, worker_id
from socialplan.web.calendar.publishing.outcome import Result, record
from socialplan.web.calendar.publishing.outgoing import outgoing_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Started:
    """A delivery this worker is publishing now, its open attempt, and the claim's mark."""

    delivery: Delivery
    attempt: Attempt
    mark: str


def publish(delivery_id: int, mark: str = "", worker: str = "") -> str:
    """Publish the delivery claimed under *mark* (claimed here when no mark is given).

    Returns the delivery's state afterwards, or ``skipped`` when the claim is not (or no
    longer) this one: another worker has it, or it is done.
    """
    worker = worker or worker_id()
    if not mark:
        claim = claim_one(delivery_id, worker)
        if claim is None:
            return "skipped"
        mark = claim.mark
    started = start(delivery_id, mark, worker)
    if started is None:
        return "skipped"
    return record(started.delivery, started.attempt, started.mark, send(started))


def start(delivery_id: int, mark: str, worker: str) -> Started | None:
    """Take the claim *mark* over and open an attempt; None if the claim is no longer this one.

    The open attempt is what says, should this worker die, that the network may have been
    called: it is written before the call, and a stale claim without one (the worker died
    in between) certainly sent nothing and is simply scheduled again.
    """
    now = timezone.now()
    own = claim_mark(worker)
    taken = Delivery.objects.filter(
        pk=delivery_id, state=DeliveryState.PUBLISHING, claimed_by=mark
    ).update(claimed_by=own, claimed_at=now, attempts=F("attempts") + 1)
    if not taken:
        return None
    attempt = Attempt.objects.create(delivery_id=delivery_id, worker=worker, started_at=now)
    delivery = (
        Delivery.objects.select_related("post", "channel")
        .annotate(
            shared=Exists(
                Delivery.objects.filter(post_id=OuterRef("post_id")).exclude(pk=OuterRef("pk"))
            )
        )
        .get(pk=delivery_id)
    )
    return Started(delivery, attempt, own)


def send(started: Started) -> Result:
    """Ask the network to publish; the answer, or the exception that stands for it."""
    delivery = started.delivery
    try:
        adapter = adapter_for(delivery.channel)
    except CannotConnect as exc:
        return Result(exc)
    secrets = adapter.credentials.secret_values()
    outgoing = outgoing_for(delivery)
    with lease.holding(delivery.pk, started.mark):
        answer: Published | Exception
        try:
            answer = adapter.publish(outgoing, IdempotencyKey(delivery.key, delivery.key_issued_at))
        except PublishError as exc:
            answer = exc
        except Exception as exc:
            # A bug or an answer no adapter foresaw: recorded, and the worker goes on.
            log.exception("publishing delivery %s failed unexpectedly", delivery.pk)
            answer = exc
    return Result(answer, secrets)
