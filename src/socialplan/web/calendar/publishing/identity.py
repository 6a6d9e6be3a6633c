"""Who a worker is, and the unique marks its claims carry."""

from __future__ import annotations

import os
import secrets
import socket

_ids: dict[int, str] = {}


def worker_id() -> str:
    """This process, as attempts record it: host, process id and a random tag.

    The tag tells apart two processes that got the same id from the system after a restart.
    """
    pid = os.getpid()
    if pid not in _ids:
        _ids[pid] = f"{socket.gethostname()[:40]}:{pid}:{secrets.token_hex(2)}"
    return _ids[pid]


def has_ended(worker: str) -> bool:
    """Whether *worker* (a :func:`worker_id`) ran on this host and its process has ended.

    A worker elsewhere cannot be known to be gone: it counts as alive.
    """
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:40] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # someone else's process: alive
    return False


def claim_mark(worker: str) -> str:
    """A mark for one claim by *worker*: conditions on it match this claim and no other.

    A task that arrives late (a queue delivering twice, a claim given back meanwhile) then
    finds another mark and does nothing.
    """
    return f"{worker}/{secrets.token_hex(6)}"
