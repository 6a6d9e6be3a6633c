"""Taking due deliveries: atomic, at most the free slots of each channel, safe with many workers.

A claim moves a delivery from scheduled to publishing with one conditional UPDATE, inside a
transaction that holds the row locks of its channels (PostgreSQL: ``FOR UPDATE SKIP LOCKED``,
so workers share the channels out instead of waiting; SQLite: the app's transactions are
``IMMEDIATE``, one writer at a time). Counting the deliveries under way and claiming more
happen under the same locks, so no channel ever has more posts under way than its limit. A
channel with a problem (a revoked token) is passed over until someone connects it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from socialplan.web.calendar.models import Channel, Delivery, DeliveryState, Post, PostState
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.identity import claim_mark

#: Post states the publisher rolls up from its deliveries (the editorial ones are not its own).
ROLLED_UP = (
    PostState.SCHEDULED,
    PostState.PUBLISHING,
    PostState.PUBLISHED,
    PostState.FAILED,
    PostState.UNCONFIRMED,
)


@dataclass(frozen=True)
class Claim:
    """A delivery claimed for publishing, and the mark that says the claim is this one."""

    delivery_id: int
    mark: str


def due(now: dt.datetime) -> QuerySet[Delivery]:
    """Deliveries that may be published now."""
    return Delivery.objects.filter(state=DeliveryState.SCHEDULED, due_at__lte=now)


def claim_due(worker: str, *, now: dt.datetime | None = None, limit: int = 0) -> list[Claim]:
    """Claim the deliveries that are due, oldest first, as far as their channels have room."""
    now = now or timezone.now()
    limit = limit or config().batch
    if not due(now).exists():
        # Most looks find nothing: no write transaction then (SQLite's lock the whole file).
        return []
    mark = claim_mark(worker)
    with transaction.atomic():
        waiting = due(now).order_by().values_list("channel_id", flat=True).distinct()
        free = _free_slots(_lock_channels(list(waiting[:limit]), skip_locked=True))
        if not free:
            return []
        ranked = (
            due(now)
            .filter(channel_id__in=list(free))
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("channel_id")],
                    order_by=[F("due_at").asc(), F("pk").asc()],
                )
            )
            .filter(rank__lte=max(free.values()))
            .values_list("pk", "channel_id", "rank", "due_at")
        )
        chosen = sorted((when, pk) for pk, channel, rank, when in ranked if rank <= free[channel])
        ids = [pk for _, pk in chosen[:limit]]
        _take(ids, mark, now)
    return [Claim(pk, mark) for pk in ids]


def claim_one(delivery_id: int, worker: str, *, now: dt.datetime | None = None) -> Claim | None:
    """Claim one delivery if it is due and its channel has room; None otherwise."""
    now = now or timezone.now()
    mark = claim_mark(worker)
    with transaction.atomic():
        channel = due(now).filter(pk=delivery_id).values_list("channel_id", flat=True).first()
        if channel is None or not _free_slots(_lock_channels([channel], skip_locked=False)):
            return None
        taken = _take([delivery_id], mark, now)
    return Claim(delivery_id, mark) if taken else None


def _lock_channels(ids: Iterable[int], *, skip_locked: bool) -> dict[int, str]:
    """Lock the channels *ids* that can publish now (no problem on them): id → network."""
    rows = (
        Channel.objects.select_for_update(skip_locked=skip_locked)
        .filter(pk__in=list(ids), problem__isnull=True)
        .order_by("pk")
        .values_list("pk", "network")
    )
    return dict(rows)


def _free_slots(channels: dict[int, str]) -> dict[int, int]:
    """How many more posts each locked channel may have under way now (only those with room)."""
    busy = dict(
        Delivery.objects.filter(channel_id__in=list(channels), state=DeliveryState.PUBLISHING)
        .order_by()
        .values_list("channel_id")
        .annotate(n=Count("pk"))
        .values_list("channel_id", "n")
    )
    limits = {
        pk: config().concurrency_for(network) - busy.get(pk, 0) for pk, network in channels.items()
    }
    return {pk: room for pk, room in limits.items() if room > 0}


def _take(ids: list[int], mark: str, now: dt.datetime) -> int:
    """Scheduled → publishing for *ids*, still only if scheduled; their posts are publishing."""
    if not ids:
        return 0
    taken = Delivery.objects.filter(pk__in=ids, state=DeliveryState.SCHEDULED).update(
        state=DeliveryState.PUBLISHING, claimed_by=mark, claimed_at=now
    )
    # The posts are locked in order first, as the roll-up does: two transactions that share
    # posts then wait for each other instead of deadlocking.
    posts = list(
        Post.objects.select_for_update()
        .filter(pk__in=Delivery.objects.filter(pk__in=ids).values("post_id"), state__in=ROLLED_UP)
        .exclude(state=PostState.PUBLISHING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Post.objects.filter(pk__in=posts).update(state=PostState.PUBLISHING, updated_at=now)
    return taken
