"""What an attempt came to, kept: the error class of the library decides the next step.

| answer | delivery | attempt |
|---|---|---|
| ``Published`` | published, with the network's ref | published |
| ``RetryableError`` | scheduled again after the backoff (and ``retry_after``) | retry |
| … after ``max_attempts`` | failed | failed |
| ``PermanentError`` | failed (``AuthError``: the channel too) | failed |
| ``UnknownOutcome``, anything unforeseen | unconfirmed, to reconcile | unknown |

Changes apply only while the claim is still this attempt's, except a publication: what the
network says exists is the truth, even after the sweep gave the call up.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from socialplan.publish.content import Published
from socialplan.publish.errors import (
    AuthError,
    PermanentError,
    PublishError,
    RetryableError,
)
from socialplan.publish.secrets import redact
from socialplan.strategy.networks import network_label
from socialplan.web.calendar.models import Attempt, Channel, Delivery, DeliveryState, Post
from socialplan.web.calendar.publishing.adapters import CannotConnect
from socialplan.web.calendar.publishing.claim import ROLLED_UP
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.problems import (
    GAVE_UP,
    UNEXPECTED,
    Problem,
    from_error,
    problem,
)
from socialplan.web.calendar.publishing.rollup import refresh_post_state, rolled_up

log = logging.getLogger(__name__)
Outcome = Attempt.Outcome
_ANSWER_LENGTH = 2000


@dataclass(frozen=True)
class Result:
    """What the network answered (or the exception standing for it) and the secrets to mask."""

    answer: Published | Exception
    secrets: Sequence[str] = field(default=(), repr=False)


def record(delivery: Delivery, attempt: Attempt, mark: str, result: Result) -> str:
    """Keep *result* on the delivery, its attempt and its post; the delivery's state after.

    A database that is busy for a moment is waited for: losing the answer would leave the
    delivery unconfirmed, to be checked on the network.
    """
    for pause in (0.1, 0.5, 2.0, None):
        try:
            with transaction.atomic():
                state, changed = _apply(delivery, attempt, mark, result, timezone.now())
                if changed:
                    _roll_up(delivery, state)
            return state
        except OperationalError:
            if pause is None:
                raise
            log.warning("could not record the attempt on delivery %s yet", delivery.pk)
            time.sleep(pause)
    raise AssertionError("unreachable")


def _roll_up(delivery: Delivery, state: str) -> None:
    """The post's state after its delivery's change; one statement for a post on one channel.

    A post's only delivery is held by this claim, so nothing else changes it meanwhile.
    """
    if getattr(delivery, "shared", True) is False:
        Post.objects.filter(pk=delivery.post_id, state__in=ROLLED_UP).update(
            state=rolled_up([state]), updated_at=timezone.now()
        )
    else:
        refresh_post_state(delivery.post_id)


def _apply(
    delivery: Delivery, attempt: Attempt, mark: str, result: Result, now: dt.datetime
) -> tuple[str, bool]:
    """Record *result*; the state it leads to, and whether the delivery changed."""
    answer, secrets = result.answer, list(result.secrets)
    ours = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.PUBLISHING, claimed_by=mark)
    if isinstance(answer, Published):
        fields: dict[str, object] = {
            "remote_ref": answer.ref[:300],
            "remote_url": (answer.url or "")[:500],
            "published_at": answer.published_at or now,
            "problem": None,
        }
        changed = _set(ours, DeliveryState.PUBLISHED, **fields) or bool(
            # The sweep gave this call up meanwhile; the post exists all the same.
            Delivery.objects.filter(pk=delivery.pk)
            .exclude(state__in=(DeliveryState.PUBLISHED, DeliveryState.PUBLISHING))
            .update(state=DeliveryState.PUBLISHED, claimed_by="", **fields)
        )
        close(attempt, Outcome.PUBLISHED, f"published {answer.ref} {answer.url or ''}", now)
        return DeliveryState.PUBLISHED, changed
    summary = redact(describe(answer), secrets)
    if isinstance(answer, RetryableError):
        data = from_error(answer, secrets)
        return _retry(delivery, attempt, ours, answer, data, summary, now)
    if isinstance(answer, PermanentError | CannotConnect):
        data = answer.problem if isinstance(answer, CannotConnect) else from_error(answer, secrets)
        if isinstance(answer, AuthError | CannotConnect):
            # Every post on the account waits until someone connects it again.
            Channel.objects.filter(pk=delivery.channel_id).update(problem=data)
        close(attempt, Outcome.FAILED, summary, now)
        return DeliveryState.FAILED, _set(ours, DeliveryState.FAILED, problem=data)
    # An unknown outcome, or a failure nobody foresaw while the request may have gone out.
    if isinstance(answer, PublishError):
        data = from_error(answer, secrets)
    else:
        label = network_label(delivery.channel.network)
        data = problem(UNEXPECTED, network=label, reason=type(answer).__name__)
    due = now + dt.timedelta(seconds=config().reconcile_delay)
    close(attempt, Outcome.UNKNOWN, summary, now)
    return DeliveryState.UNCONFIRMED, _set(
        ours, DeliveryState.UNCONFIRMED, due_at=due, problem=data
    )


def _retry(
    delivery: Delivery,
    attempt: Attempt,
    ours: QuerySet[Delivery],
    error: RetryableError,
    data: Problem,
    summary: str,
    now: dt.datetime,
) -> tuple[str, bool]:
    """Scheduled again after a pause, or given up after too many attempts."""
    cfg = config()
    if delivery.attempts >= cfg.max_attempts:
        label = network_label(delivery.channel.network)
        gave_up = problem(GAVE_UP, cause=data, network=label, attempts=delivery.attempts)
        close(attempt, Outcome.FAILED, summary, now)
        return DeliveryState.FAILED, _set(ours, DeliveryState.FAILED, problem=gave_up)
    wait = max(cfg.backoff(delivery.attempts), error.retry_after or 0.0)
    due = now + dt.timedelta(seconds=wait)
    changed = _set(ours, DeliveryState.SCHEDULED, due_at=due, claimed_at=None, problem=data)
    if error.retry_after:
        # The network limits the account, not this post: its other posts wait as long.
        until = now + dt.timedelta(seconds=error.retry_after)
        Delivery.objects.filter(
            channel_id=delivery.channel_id, state=DeliveryState.SCHEDULED, due_at__lt=until
        ).update(due_at=until)
    close(attempt, Outcome.RETRY, summary, now)
    return DeliveryState.SCHEDULED, changed


def _set(ours: QuerySet[Delivery], state: str, **fields: object) -> bool:
    """Move the delivery to *state*, releasing the claim, if the claim is still this one."""
    return bool(ours.update(state=state, claimed_by="", **fields))


def close(attempt: Attempt, outcome: str, answer: str, now: dt.datetime | None = None) -> None:
    """Finish *attempt* with *outcome* and a summary of what the network answered."""
    Attempt.objects.filter(pk=attempt.pk).update(
        finished_at=now or timezone.now(), outcome=outcome, answer=answer[:_ANSWER_LENGTH]
    )


def describe(error: BaseException) -> str:
    """One line for the attempt's record: the error's class, status and message (English)."""
    if isinstance(error, PublishError):
        status = f" HTTP {error.status}" if error.status else ""
        return f"{type(error).__name__}{status}: {error.render()}"
    if isinstance(error, CannotConnect):
        return f"CannotConnect: {error.problem['message']}"
    return f"{type(error).__name__}: {error}"
