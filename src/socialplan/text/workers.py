"""The cheap path of a large call spread over worker processes.

Each worker is a fresh interpreter running this module (``python -m
socialplan.text.workers``): it reads a pickled list of (text, hint) pairs on stdin and writes
their rows on stdout. Fresh interpreters copy nothing of the caller (no threads, no locks) and
never re-run the caller's main module, as multiprocessing's spawn would. Any failure gives
None, and the caller does the work itself.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

#: Seconds a worker may take per 1,000 texts before it is given up on.
TIMEOUT_PER_1000 = 60.0


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def idle_cores(most: int) -> int:
    """How many worker processes would each get a core of their own (this process counts as
    busy): the cores minus the 1-minute load average of the other work, at most *most*.

    Measured on a 2-core machine shared with other jobs (load 3-4): two workers took 19 s
    for what one process did in 15 s, so a busy machine gets none.
    """
    total = cores()
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this system
        return min(total, most)
    return max(1, min(most, total, int(total - load + 1)))


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # The worker must import this very copy of the package.
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("PYTHAINLP_OFFLINE", "1")
    return env


def _one(part: Sequence[tuple[str, str | None]], env: dict[str, str]) -> list[Any] | None:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "socialplan.text.workers"],
            input=pickle.dumps(list(part), protocol=pickle.HIGHEST_PROTOCOL),
            capture_output=True,
            env=env,
            timeout=30 + TIMEOUT_PER_1000 * len(part) / 1000,
            check=True,
        )
        rows = pickle.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, pickle.UnpicklingError, EOFError):
        return None
    return rows if isinstance(rows, list) and len(rows) == len(part) else None


def run(pairs: Sequence[tuple[str, str | None]], workers: int) -> list[tuple[Any, ...]] | None:
    """The rows of *pairs* computed by *workers* processes, or None if any of them failed."""
    size = -(-len(pairs) // workers)
    parts = [pairs[i : i + size] for i in range(0, len(pairs), size)]
    env = _environment()
    with ThreadPoolExecutor(len(parts)) as threads:
        results = list(threads.map(lambda part: _one(part, env), parts))
    if any(r is None for r in results):
        return None
    return [tuple(row) for rows in results if rows is not None for row in rows]


def main() -> None:
    """Worker: pairs in on stdin, rows out on stdout (both pickled)."""
    import gc

    from socialplan.text.analyse import _cheap_rows

    gc.disable()  # a short-lived process that makes no cycles (see analyse)
    pairs = pickle.load(sys.stdin.buffer)
    rows = [tuple(row) for row in _cheap_rows(pairs)]
    sys.stdout.buffer.write(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
