"""What the workers find when they look around: dead workers' claims, and what to reconcile.

A publishing claim that has not been renewed for a lease belongs to a worker that died. If it
had opened an attempt, the network may have published: the delivery becomes unconfirmed and is
reconciled, never sent again blindly. If not, nothing was sent and it is simply due again.
Deliveries that missed their time during an outage are due all along: the claims pick them up,
oldest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from socialplan.strategy.networks import network_label
from socialplan.web.calendar.models import Attempt, Delivery, DeliveryState
from socialplan.web.calendar.publishing.claim import Claim
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.identity import claim_mark
from socialplan.web.calendar.publishing.problems import WORKER_STOPPED, problem
from socialplan.web.calendar.publishing.rollup import refresh_post_state

STOPPED = "the worker stopped (its claim ran out) before the network answered"


@dataclass(frozen=True)
class Expired:
    """Stale claims found by one sweep."""

    #: Deliveries whose worker died after calling the network: now unconfirmed.
    unconfirmed: int = 0
    #: Deliveries whose worker died before calling it: due again.
    rescheduled: int = 0
    #: Reconciliations whose worker died: free to be taken again.
    released: int = 0


def expire_stale(now: dt.datetime | None = None) -> Expired:
    """Settle the claims of workers that died."""
    now = now or timezone.now()
    cfg = config()
    before = now - dt.timedelta(seconds=cfg.lease)
    stale = Delivery.objects.filter(
        state=DeliveryState.PUBLISHING, claimed_at__lt=before
    ).values_list("pk", "claimed_by", "post_id", "channel__network")
    unconfirmed = rescheduled = 0
    for pk, mark, post_id, network in stale[: cfg.batch]:
        with transaction.atomic():
            rows = Delivery.objects.filter(
                pk=pk, state=DeliveryState.PUBLISHING, claimed_by=mark, claimed_at__lt=before
            )
            open_attempts = Attempt.objects.filter(delivery_id=pk, finished_at__isnull=True)
            if open_attempts.exists():
                lost = problem(WORKER_STOPPED, network=network_label(network))
                due = now + dt.timedelta(seconds=cfg.reconcile_delay)
                if rows.update(
                    state=DeliveryState.UNCONFIRMED, claimed_by="", due_at=due, problem=lost
                ):
                    open_attempts.update(
                        finished_at=now, outcome=Attempt.Outcome.UNKNOWN, answer=STOPPED
                    )
                    unconfirmed += 1
            elif rows.update(state=DeliveryState.SCHEDULED, claimed_by="", claimed_at=None):
                rescheduled += 1
            refresh_post_state(post_id)
    return Expired(unconfirmed, rescheduled, _release_reconciliations(before, now))


def _release_reconciliations(before: dt.datetime, now: dt.datetime) -> int:
    """A reconciliation only reads, so a dead one's delivery is simply free to take again."""
    with transaction.atomic():
        stale = Delivery.objects.filter(
            state=DeliveryState.UNCONFIRMED, claimed_at__lt=before
        ).exclude(claimed_by="")
        ids = list(stale.values_list("pk", flat=True))
        Attempt.objects.filter(delivery_id__in=ids, finished_at__isnull=True).update(
            finished_at=now, outcome=Attempt.Outcome.RETRY, answer=STOPPED
        )
        return stale.filter(pk__in=ids).update(claimed_by="", claimed_at=None)


def claim_unconfirmed(
    worker: str, *, now: dt.datetime | None = None, limit: int = 0
) -> list[Claim]:
    """Claim unconfirmed deliveries whose time to be reconciled has come."""
    now = now or timezone.now()
    mark = claim_mark(worker)
    with transaction.atomic():
        ready = Delivery.objects.filter(
            state=DeliveryState.UNCONFIRMED,
            due_at__lte=now,
            claimed_by="",
            channel__problem__isnull=True,
        )
        ids = list(
            ready.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True)[
                : limit or config().batch
            ]
        )
        Delivery.objects.filter(pk__in=ids, state=DeliveryState.UNCONFIRMED, claimed_by="").update(
            claimed_by=mark, claimed_at=now
        )
    return [Claim(pk, mark) for pk in ids]
