"""Claims kept fresh while their calls are under way, so only a dead worker's claims go stale.

One thread per process renews the claims its calls hold, every quarter of the lease; it
touches the database only while a call is under way, with one UPDATE per claim held (a
batch's deliveries share one). A worker killed mid-call stops renewing, and the sweep
finds its claims once the lease has run out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager

from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from socialplan.web.calendar.models import Delivery, DeliveryState
from socialplan.web.calendar.publishing.config import config

log = logging.getLogger(__name__)

#: What this process holds now: (mark, delivery ids) → how many blocks hold it.
_held: dict[tuple[str, tuple[int, ...]], int] = {}
_lock = threading.Lock()
#: The renewing thread, once started (in a list: a module-level slot without ``global``).
_thread: list[threading.Thread] = []


def holding(delivery_id: int, mark: str) -> AbstractContextManager[None]:
    """Keep the claim *mark* on *delivery_id* fresh for as long as the block runs."""
    return holding_all([delivery_id], mark)


@contextmanager
def holding_all(delivery_ids: Iterable[int], mark: str) -> Iterator[None]:
    """Keep the claim *mark* on each of *delivery_ids* fresh for as long as the block runs."""
    key = (mark, tuple(delivery_ids))
    with _lock:
        _held[key] = _held.get(key, 0) + 1
        _start()
    try:
        yield
    finally:
        with _lock:
            _held[key] -= 1
            if not _held[key]:
                del _held[key]


def renew() -> int:
    """Renew every claim this process holds now; the number of deliveries renewed."""
    with _lock:
        held = list(_held)
    renewed = 0
    for mark, delivery_ids in held:
        renewed += Delivery.objects.filter(
            pk__in=delivery_ids,
            claimed_by=mark,
            state__in=(DeliveryState.PUBLISHING, DeliveryState.UNCONFIRMED),
        ).update(claimed_at=timezone.now())
    return renewed


def _start() -> None:
    if not _thread or not _thread[0].is_alive():
        _thread[:] = [threading.Thread(target=_run, name="publishing-lease", daemon=True)]
        _thread[0].start()


def _run() -> None:
    while True:
        time.sleep(config().lease / 4)
        if not _held:
            # Nothing under way: not even the connection is looked at.
            continue
        try:
            renew()
        except DatabaseError:
            # The next round tries again; a claim that goes stale meanwhile is only checked.
            log.exception("could not renew the publishing claims")
        finally:
            close_old_connections()
