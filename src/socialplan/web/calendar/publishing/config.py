"""The publisher's timing and limits: defaults here, overridden by ``settings.PUBLISHER``."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

#: Networks that take fewer posts at once than the default (Telegram: one message a second
#: per chat).
_CONCURRENCY_BY_NETWORK = {"telegram": 1}


@dataclass(frozen=True)
class Config:
    """How the publisher paces itself; every duration in seconds."""

    #: A claim not renewed for this long belongs to a worker that died. Workers renew theirs
    #: every quarter of it while a call is under way, so it only has to outlast a stall.
    lease: float = 120.0
    #: How long after an unknown outcome the network is asked: a request still in flight when
    #: its worker died gets time to land before anyone looks for it.
    reconcile_delay: float = 60.0
    #: How often each worker looks for due deliveries (lateness is about this much).
    tick: float = 0.25
    #: How often each worker sweeps for stale claims and deliveries to reconcile.
    sweep: float = 10.0
    #: The first pause after a retryable failure; it doubles with each attempt up to the cap.
    retry_base: float = 30.0
    retry_cap: float = 3600.0
    #: Publishing attempts before a delivery that keeps failing is given up.
    max_attempts: int = 8
    #: Posts under way at once on one channel (one account), unless the network says fewer.
    concurrency: int = 2
    #: Deliveries claimed by one worker in one look.
    batch: int = 500
    #: Deliveries published by one task: its fixed cost (the queue's, a few statements) is
    #: shared by them all, while several tasks let several workers share a large claim.
    per_task: int = 50
    #: Threads per worker process that call the networks, so that one slow network does not
    #: hold up a batch's other accounts.
    senders: int = 8
    #: The HTTP timeout of a request to a network; None keeps the library's (30 s).
    timeout: float | None = None

    def backoff(self, attempts: int) -> float:
        """The pause after the *attempts*-th failed attempt."""
        return float(min(self.retry_cap, self.retry_base * 2 ** max(attempts - 1, 0)))

    def concurrency_for(self, network: str) -> int:
        """Posts under way at once on one channel of *network*."""
        return max(1, min(self.concurrency, _CONCURRENCY_BY_NETWORK.get(network, self.concurrency)))


_NAMES = {
    "LEASE_SECONDS": "lease",
    "RECONCILE_DELAY_SECONDS": "reconcile_delay",
    "TICK_SECONDS": "tick",
    "SWEEP_SECONDS": "sweep",
    "RETRY_BASE_SECONDS": "retry_base",
    "RETRY_CAP_SECONDS": "retry_cap",
    "MAX_ATTEMPTS": "max_attempts",
    "CONCURRENCY": "concurrency",
    "BATCH": "batch",
    "PER_TASK": "per_task",
    "SENDERS": "senders",
    "TIMEOUT_SECONDS": "timeout",
}
_WHOLE = frozenset({"max_attempts", "concurrency", "batch", "per_task", "senders"})


def config() -> Config:
    """The configuration now (read each time, so tests can override the settings)."""
    given: dict[str, object] = getattr(settings, "PUBLISHER", {})
    values: dict[str, object] = {}
    for name, value in given.items():
        field = _NAMES.get(name)
        if field is not None and value is not None:
            values[field] = int(float(str(value))) if field in _WHOLE else float(str(value))
    return Config(**values)  # type: ignore[arg-type]
