"""An unconfirmed delivery, settled by asking the network what it knows, never by guessing.

Where the network finds posts by key (``findable_by_key``), it is looked for: found, it is
published; absent, it is scheduled again (the key keeps a later attempt findable, and the
adapter looks before it posts). Where the network answers a repeated key with the first post
(``idempotency_window``), it is sent again under the same key while the window is surely open.
Anywhere else a person decides (``decisions.py``).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from socialplan.publish.capabilities import FOREVER
from socialplan.publish.content import IdempotencyKey, Published
from socialplan.publish.errors import AuthError, PublishError
from socialplan.publish.networks import adapter_class
from socialplan.strategy.networks import network_label
from socialplan.web.calendar.models import Attempt, Channel, Delivery, DeliveryState
from socialplan.web.calendar.publishing import lease
from socialplan.web.calendar.publishing.adapters import CannotConnect, adapter_for
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.identity import claim_mark, worker_id
from socialplan.web.calendar.publishing.outcome import close, describe
from socialplan.web.calendar.publishing.problems import (
    NEEDS_PERSON,
    NOT_FOUND_GAVE_UP,
    from_error,
    problem,
)
from socialplan.web.calendar.publishing.rollup import refresh_post_state

log = logging.getLogger(__name__)
Outcome = Attempt.Outcome


def reconcile(delivery_id: int, mark: str, worker: str = "") -> str:
    """Settle the unconfirmed delivery claimed under *mark*; its state after, or ``skipped``."""
    worker = worker or worker_id()
    own = claim_mark(worker)
    taken = Delivery.objects.filter(
        pk=delivery_id, state=DeliveryState.UNCONFIRMED, claimed_by=mark
    ).update(claimed_by=own, claimed_at=timezone.now())
    if not taken:
        return "skipped"
    delivery = Delivery.objects.select_related("channel").get(pk=delivery_id)
    try:
        capabilities = adapter_class(delivery.channel.network).capabilities
    except KeyError:
        return _ask_person(delivery, own)
    if capabilities.findable_by_key:
        return _look(delivery, own, worker)
    until = safe_until(delivery, capabilities.idempotency_window)
    if until is not None and timezone.now() < until and delivery.attempts < config().max_attempts:
        return _send_again(delivery, own, worker, until)
    return _ask_person(delivery, own)


def safe_until(delivery: Delivery, window: dt.timedelta | None) -> dt.datetime | None:
    """Until when sending again under the key surely returns the first post; None: never.

    The window runs from when the network kept the key, which is no earlier than the first
    attempt whose outcome is unknown; a fifth of it is kept in hand for clocks that differ.
    """
    if window is None:
        return None
    if window >= FOREVER:
        return dt.datetime.max.replace(tzinfo=dt.UTC)
    first = (
        Attempt.objects.filter(delivery=delivery, outcome=Outcome.UNKNOWN)
        .order_by("started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return (first or delivery.key_issued_at) + window * 4 / 5


def _look(delivery: Delivery, own: str, worker: str) -> str:
    """Ask the network for the post under the delivery's key, and act on the answer."""
    attempt = Attempt.objects.create(delivery=delivery, worker=worker, started_at=timezone.now())
    found: Published | Exception | None
    secrets: list[str] = []
    try:
        adapter = adapter_for(delivery.channel)
        secrets = adapter.credentials.secret_values()
        with lease.holding(delivery.pk, own):
            found = adapter.find_by_key(IdempotencyKey(delivery.key, delivery.key_issued_at))
    except (PublishError, CannotConnect) as exc:
        found = exc
    except Exception as exc:
        log.exception("looking for delivery %s failed unexpectedly", delivery.pk)
        found = exc
    now = timezone.now()
    ours = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.UNCONFIRMED, claimed_by=own)
    with transaction.atomic():
        if isinstance(found, Published):
            ours.update(
                state=DeliveryState.PUBLISHED,
                remote_ref=found.ref[:300],
                remote_url=(found.url or "")[:500],
                published_at=found.published_at or now,
                claimed_by="",
                problem=None,
            )
            close(attempt, Outcome.FOUND, f"found {found.ref} {found.url or ''}", now)
        elif found is None and delivery.attempts >= config().max_attempts:
            label = network_label(delivery.channel.network)
            data = problem(NOT_FOUND_GAVE_UP, network=label, attempts=delivery.attempts)
            ours.update(state=DeliveryState.FAILED, claimed_by="", problem=data)
            close(attempt, Outcome.FAILED, "not found under its key", now)
        elif found is None:
            ours.update(state=DeliveryState.SCHEDULED, due_at=now, claimed_by="", claimed_at=None)
            close(attempt, Outcome.RETRY, "not found under its key: scheduled again", now)
        else:
            _look_later(delivery, ours, found, secrets, now)
            close(attempt, Outcome.RETRY, describe(found), now)
        refresh_post_state(delivery.post_id)
    return str(Delivery.objects.values_list("state", flat=True).get(pk=delivery.pk))


def _look_later(
    delivery: Delivery,
    ours: QuerySet[Delivery],
    error: Exception,
    secrets: list[str],
    now: dt.datetime,
) -> None:
    """The network could not be asked now: ask again later (after a reconnection, for auth)."""
    if isinstance(error, AuthError | CannotConnect):
        data = error.problem if isinstance(error, CannotConnect) else from_error(error, secrets)
        # Its posts wait until someone connects the account again.
        Channel.objects.filter(pk=delivery.channel_id).update(problem=data)
    pause = max(
        config().backoff(delivery.history.count()),
        getattr(error, "retry_after", None) or 0.0,
    )
    ours.update(due_at=now + dt.timedelta(seconds=pause), claimed_by="", claimed_at=None)


def _send_again(delivery: Delivery, own: str, worker: str, until: dt.datetime) -> str:
    """Schedule the delivery again under the same key: the network returns the first post."""
    now = timezone.now()
    with transaction.atomic():
        Delivery.objects.filter(
            pk=delivery.pk, state=DeliveryState.UNCONFIRMED, claimed_by=own
        ).update(state=DeliveryState.SCHEDULED, due_at=now, claimed_by="", claimed_at=None)
        attempt = Attempt.objects.create(delivery=delivery, worker=worker, started_at=now)
        close(
            attempt,
            Outcome.RETRY,
            f"cannot be looked up; a repeat under the same key returns the first post until "
            f"{until:%Y-%m-%d %H:%M:%S} UTC: scheduled again",
            now,
        )
        refresh_post_state(delivery.post_id)
    return DeliveryState.SCHEDULED


def _ask_person(delivery: Delivery, own: str) -> str:
    """Leave the delivery unconfirmed, not looked at again, until a person says what happened."""
    label = network_label(delivery.channel.network)
    with transaction.atomic():
        Delivery.objects.filter(
            pk=delivery.pk, state=DeliveryState.UNCONFIRMED, claimed_by=own
        ).update(
            due_at=None,
            claimed_by="",
            claimed_at=None,
            problem=problem(NEEDS_PERSON, cause=delivery.problem, network=label),
        )
        refresh_post_state(delivery.post_id)
    return DeliveryState.UNCONFIRMED
