"""Calling the networks for a batch: different accounts at once, one account's posts in turn.

Waiting for one network should not hold up the others, so the calls of a batch run on a small
pool of threads, one account per thread at a time: an adapter keeps one session per account
(Bluesky's login), which is then never used by two threads at once. Everything that reads the
database (the adapters, what each delivery sends) is done first, in the task's own thread.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connections

from socialplan.publish.content import IdempotencyKey, Outgoing, Published
from socialplan.publish.errors import PublishError
from socialplan.publish.networks.base import Adapter
from socialplan.web.calendar.models import Delivery, PostImage
from socialplan.web.calendar.publishing import lease
from socialplan.web.calendar.publishing.adapters import CannotConnect, adapter_for
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.outcome import Result
from socialplan.web.calendar.publishing.outgoing import outgoing_for

if TYPE_CHECKING:
    from socialplan.web.calendar.publishing.attempt import Started

log = logging.getLogger(__name__)

#: The process's sending threads, once started (in a list: a module-level slot).
_pool: list[ThreadPoolExecutor] = []
_pool_lock = threading.Lock()


@dataclass(frozen=True)
class Call:
    """One delivery ready to go: its account's adapter and what it sends."""

    delivery: Delivery
    adapter: Adapter[Any]
    outgoing: Outgoing


def send(started: Started) -> dict[int, Result]:
    """Ask the networks to publish every delivery of *started*; the answers by delivery id.

    Accounts whose posts carry no images go to the sending threads, ready to send. The others
    are prepared and sent here, one post at a time, meanwhile: a batch's images are never all
    in memory at once.
    """
    with_images = _posts_with_images(started.deliveries)
    results: dict[int, Result] = {}
    light: dict[int, list[Call]] = defaultdict(list)
    heavy: list[Delivery] = []
    heavy_accounts = {d.channel_id for d in started.deliveries if d.post_id in with_images}
    for delivery in started.deliveries:
        if delivery.channel_id in heavy_accounts:
            heavy.append(delivery)
            continue
        call = prepare(delivery, images=())
        if isinstance(call, Result):
            results[delivery.pk] = call
        else:
            light[delivery.channel_id].append(call)
    with lease.holding_all([d.pk for d in started.deliveries], started.mark):
        waiting = []
        if len(light) > 1 and config().senders > 1:
            waiting = [_threads().submit(_send_in_thread, calls) for calls in light.values()]
        else:
            for calls in light.values():
                results.update(send_in_turn(calls))
        for delivery in heavy:
            call = prepare(delivery)
            results[delivery.pk] = call if isinstance(call, Result) else send_one(call)
        for future in waiting:
            results.update(future.result())
    return results


def prepare(delivery: Delivery, images: Iterable[PostImage] | None = None) -> Call | Result:
    """*delivery* ready to send, or the result that stands for it if it cannot be."""
    try:
        adapter = adapter_for(delivery.channel)
        return Call(delivery, adapter, outgoing_for(delivery, images))
    except CannotConnect as exc:
        return Result(exc)
    except Exception as exc:
        # A bug while preparing: recorded like an unforeseen answer, the batch goes on.
        log.exception("preparing delivery %s failed unexpectedly", delivery.pk)
        return Result(exc)


def send_in_turn(calls: list[Call]) -> dict[int, Result]:
    """Make *calls* one after the other; each answer, or the exception that stands for it."""
    return {call.delivery.pk: send_one(call) for call in calls}


def send_one(call: Call) -> Result:
    """Ask the network to publish one delivery under its key."""
    delivery = call.delivery
    secrets = call.adapter.credentials.secret_values()
    answer: Published | Exception
    try:
        key = IdempotencyKey(delivery.key, delivery.key_issued_at)
        answer = call.adapter.publish(call.outgoing, key)
    except PublishError as exc:
        answer = exc
    except Exception as exc:
        # A bug or an answer no adapter foresaw: recorded, and the worker goes on.
        log.exception("publishing delivery %s failed unexpectedly", delivery.pk)
        answer = exc
    return Result(answer, secrets)


def _send_in_thread(calls: list[Call]) -> dict[int, Result]:
    """:func:`send_in_turn` on a sending thread, which keeps no database connection after.

    An adapter may keep credentials it renewed (``adapters.ChannelStore``), and a connection
    left open on a pool thread would never be checked or closed.
    """
    try:
        return send_in_turn(calls)
    finally:
        connections.close_all()


def _posts_with_images(deliveries: Iterable[Delivery]) -> set[int]:
    """Which of the deliveries' posts have images: one query for the whole batch."""
    posts = {delivery.post_id for delivery in deliveries}
    # No ordering: the model's orders by post, which would join the posts for their order.
    found = PostImage.objects.filter(post_id__in=posts).order_by().values_list("post_id")
    return {post_id for (post_id,) in found}


def _threads() -> ThreadPoolExecutor:
    """The sending threads, started on first use with the configured number."""
    with _pool_lock:
        if not _pool:
            _pool.append(
                ThreadPoolExecutor(max_workers=config().senders, thread_name_prefix="publishing")
            )
        return _pool[0]
