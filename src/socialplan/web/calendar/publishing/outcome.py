"""What an attempt came to: the error class of the library decides the next step.

| answer | delivery | attempt |
|---|---|---|
| ``Published`` | published, with the network's ref | published |
| ``RetryableError`` | scheduled again after the backoff (and ``retry_after``) | retry |
| … after ``max_attempts`` | failed | failed |
| ``PermanentError`` | failed (``AuthError``: the channel too) | failed |
| ``UnknownOutcome``, anything unforeseen | unconfirmed, to reconcile | unknown |

:func:`decide` only says what is to change; ``recording.py`` writes the decisions of a whole
batch together, and only while the claim is still the attempt's (except a publication).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from socialplan.publish.content import Published
from socialplan.publish.errors import AuthError, PermanentError, PublishError, RetryableError
from socialplan.publish.secrets import redact
from socialplan.strategy.networks import network_label
from socialplan.web.calendar.models import Attempt, Delivery, DeliveryState
from socialplan.web.calendar.publishing.adapters import CannotConnect
from socialplan.web.calendar.publishing.config import Config
from socialplan.web.calendar.publishing.problems import (
    GAVE_UP,
    UNEXPECTED,
    Problem,
    from_error,
    problem,
)

Outcome = Attempt.Outcome
_ANSWER_LENGTH = 2000


@dataclass(frozen=True)
class Result:
    """What the network answered (or the exception standing for it) and the secrets to mask."""

    answer: Published | Exception
    secrets: Sequence[str] = field(default=(), repr=False)


@dataclass(frozen=True)
class Decision:
    """What one result does to its delivery, its attempt and perhaps its whole channel."""

    #: The delivery's state after; the claim is released with it.
    state: str
    #: The delivery's other fields to set (every decision of one kind names the same ones).
    fields: dict[str, object]
    #: The attempt's outcome and the summary of the answer it keeps.
    outcome: str
    answer: str
    #: Set on the channel: every post on the account waits until someone connects it again.
    channel_problem: Problem | None = None
    #: The network limits the account, not this post: its other posts wait until then.
    channel_waits_until: dt.datetime | None = None


def decide(delivery: Delivery, result: Result, now: dt.datetime, cfg: Config) -> Decision:
    """What *result* of publishing *delivery* (attempts already counted) leads to."""
    answer, secrets = result.answer, list(result.secrets)
    if isinstance(answer, Published):
        fields: dict[str, object] = {
            "remote_ref": answer.ref[:300],
            "remote_url": (answer.url or "")[:500],
            "published_at": answer.published_at or now,
            "problem": None,
        }
        summary = f"published {answer.ref} {answer.url or ''}"
        return Decision(DeliveryState.PUBLISHED, fields, Outcome.PUBLISHED, summary)
    summary = redact(describe(answer), secrets)
    if isinstance(answer, RetryableError):
        return _retry(delivery, answer, from_error(answer, secrets), summary, now, cfg)
    if isinstance(answer, PermanentError | CannotConnect):
        data = answer.problem if isinstance(answer, CannotConnect) else from_error(answer, secrets)
        broken = data if isinstance(answer, AuthError | CannotConnect) else None
        return Decision(DeliveryState.FAILED, {"problem": data}, Outcome.FAILED, summary, broken)
    # An unknown outcome, or a failure nobody foresaw while the request may have gone out.
    if isinstance(answer, PublishError):
        data = from_error(answer, secrets)
    else:
        label = network_label(delivery.channel.network)
        data = problem(UNEXPECTED, network=label, reason=type(answer).__name__)
    due = now + dt.timedelta(seconds=cfg.reconcile_delay)
    fields = {"due_at": due, "problem": data}
    return Decision(DeliveryState.UNCONFIRMED, fields, Outcome.UNKNOWN, summary)


def _retry(
    delivery: Delivery,
    error: RetryableError,
    data: Problem,
    summary: str,
    now: dt.datetime,
    cfg: Config,
) -> Decision:
    """Scheduled again after a pause, or given up after too many attempts."""
    if delivery.attempts >= cfg.max_attempts:
        label = network_label(delivery.channel.network)
        gave_up = problem(GAVE_UP, cause=data, network=label, attempts=delivery.attempts)
        return Decision(DeliveryState.FAILED, {"problem": gave_up}, Outcome.FAILED, summary)
    wait = max(cfg.backoff(delivery.attempts), error.retry_after or 0.0)
    fields: dict[str, object] = {
        "due_at": now + dt.timedelta(seconds=wait),
        "claimed_at": None,
        "problem": data,
    }
    until = now + dt.timedelta(seconds=error.retry_after) if error.retry_after else None
    return Decision(DeliveryState.SCHEDULED, fields, Outcome.RETRY, summary, None, until)


def close(attempt: Attempt, outcome: str, answer: str, now: dt.datetime | None = None) -> None:
    """Finish *attempt* with *outcome* and a summary of what the network answered."""
    Attempt.objects.filter(pk=attempt.pk).update(
        finished_at=now or timezone.now(), outcome=outcome, answer=clip(answer)
    )


def clip(answer: str) -> str:
    """*answer* cut to what an attempt keeps."""
    return answer[:_ANSWER_LENGTH]


def describe(error: BaseException) -> str:
    """One line for the attempt's record: the error's class, status and message (English)."""
    if isinstance(error, PublishError):
        status = f" HTTP {error.status}" if error.status else ""
        return f"{type(error).__name__}{status}: {error.render()}"
    if isinstance(error, CannotConnect):
        return f"CannotConnect: {error.problem['message']}"
    return f"{type(error).__name__}: {error}"
