"""Claims kept fresh while their calls are under way, so only a dead worker's claims go stale.

One thread per process renews the claims its calls hold, every quarter of the lease; it
touches the database only while a call is under way. A worker killed mid-call stops renewing,
and the sweep finds its claims once the lease has run out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from socialplan.web.calendar.models import Delivery, DeliveryState
from socialplan.web.calendar.publishing.config import config

log = logging.getLogger(__name__)

_held: dict[int, str] = {}
_lock = threading.Lock()
#: The renewing thread, once started (in a list: a module-level slot without ``global``).
_thread: list[threading.Thread] = []


@contextmanager
def holding(delivery_id: int, mark: str) -> Iterator[None]:
    """Keep the claim *mark* on *delivery_id* fresh for as long as the block runs."""
    with _lock:
        _held[delivery_id] = mark
        _start()
    try:
        yield
    finally:
        with _lock:
            _held.pop(delivery_id, None)


def renew() -> int:
    """Renew every claim this process holds now; the number renewed."""
    with _lock:
        held = dict(_held)
    renewed = 0
    for delivery_id, mark in held.items():
        renewed += Delivery.objects.filter(
            pk=delivery_id,
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
        try:
            if _held:
                renew()
        except DatabaseError:
            # The next round tries again; a claim that goes stale meanwhile is only checked.
            log.exception("could not renew the publishing claims")
        finally:
            close_old_connections()
