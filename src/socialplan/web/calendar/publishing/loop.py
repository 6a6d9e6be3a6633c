"""The scheduling loop each worker runs beside its task worker: claim what is due, sweep.

Every worker runs one; they share the work safely because every claim is atomic (claim.py).
What one look claims goes to the queue as one task per ``per_task`` deliveries. Lateness is
about one tick plus the queue's pick-up time plus the batch's calls; a tick that fills a
whole claim is followed at once by the next.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections, connections

from socialplan.web.calendar.publishing.config import config

log = logging.getLogger(__name__)


class SchedulingLoop(threading.Thread):
    """Claims due deliveries every tick and sweeps every so often, until stopped."""

    def __init__(self, worker: str) -> None:
        super().__init__(name="publishing-loop", daemon=True)
        self.worker = worker
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Finish the current round and stop."""
        self._stopping.set()

    def run(self) -> None:
        """Loop until stopped; a failing round is logged and the next one tries again."""
        from socialplan.web.calendar.tasks import dispatch_due, run_sweep

        next_sweep = 0.0
        try:
            while not self._stopping.is_set():
                cfg, full = config(), False
                try:
                    full = dispatch_due(self.worker) >= cfg.batch
                    if time.monotonic() >= next_sweep:
                        next_sweep = time.monotonic() + cfg.sweep
                        found = run_sweep(self.worker)
                        if any(found.values()):
                            log.info("publishing sweep: %s", found)
                except Exception:
                    log.exception("the publishing loop failed; it tries again")
                    close_old_connections()
                if not full:
                    self._stopping.wait(cfg.tick)
        finally:
            connections.close_all()
