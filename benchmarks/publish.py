"""Benchmark: 10,000 posts due within one minute, published to a loopback network.

    python benchmarks/publish.py [--posts 10000] [--spread 60] [--channels 100]
                                 [--workers 1,4] [--backends db,rq] [--out benchmarks/RESULTS.md]

For each task backend (the database's, and RQ on Redis) and each number of workers, it starts a
fresh PostgreSQL database (and Redis), schedules the posts one after another over ``--spread``
seconds on ``--channels`` Mastodon accounts of a loopback network (tests/web/loopback_network.py,
answering at once: the figures are the publisher's own overhead), runs that many
``socialplan worker`` processes with the default settings, and measures each post's lateness
(when the network created it, minus its time) and the throughput. Goal: p99 lateness ≤ 1 s.

It also counts the CPU time each part used per post, from when the first post is due to the
end (``/proc``): the workers, PostgreSQL, Redis and the loopback network (this process). On a
machine shared with other work, those figures compare runs better than the lateness does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import psycopg  # noqa: E402
from tests.servers import postgres  # noqa: E402
from tests.web.loopback_network import LoopbackNetwork  # noqa: E402
from tests.web.publisher_world import environment, redis_server, setup, start_worker  # noqa: E402

BACKENDS = {"db": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
#: Time for the workers to start before the first post is due.
WARM_UP_SECONDS = 12.0


@dataclass(frozen=True)
class Run:
    """One measured run."""

    backend: str
    workers: int
    posts: int
    published: int
    p50: float
    p99: float
    worst: float
    throughput: float
    seconds: float
    #: Keys the network created more than one post under (exactly once: always 0).
    duplicates: int = 0
    #: CPU milliseconds per published post: the workers, PostgreSQL, Redis, the network.
    cpu: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def measure(
    backend: str, workers: int, posts: int, spread: float, channels: int, limit: float
) -> Run:
    """Publish *posts* with *workers* workers on *backend*; the lateness and throughput."""
    with ExitStack() as stack:
        server = stack.enter_context(postgres())
        database = f"postgres://{server['user']}@{server['host']}:{server['port']}/postgres"
        home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="publish-bench-")))
        network = stack.enter_context(LoopbackNetwork())
        env = environment(database, home)
        env["SOCIALPLAN_TASK_BACKEND"] = BACKENDS[backend]
        if backend == "rq":
            env["SOCIALPLAN_REDIS_URL"] = stack.enter_context(redis_server())
        setup(
            env,
            network.url,
            posts=posts,
            channels=channels,
            spread=spread,
            start_in=WARM_UP_SECONDS,
        )
        log = stack.enter_context((home / "workers.log").open("wb"))
        processes = [start_worker(env, log) for _ in range(workers)]
        stack.callback(_stop, processes)
        started = time.monotonic()
        time.sleep(WARM_UP_SECONDS - 1)
        parts = _Parts(processes, int(str(server["port"])), env.get("SOCIALPLAN_REDIS_URL"))
        before = parts.cpu()
        while time.monotonic() - started < WARM_UP_SECONDS + spread + limit:
            time.sleep(1)
            if _published(database) >= posts:
                break
        used = [after - first for after, first in zip(parts.cpu(), before, strict=True)]
        run = _figures(database, backend, workers, posts)
        workers_ms, database_ms, redis_ms, network_ms = (
            1000 * seconds / max(run.published, 1) for seconds in used
        )
        return replace(
            run,
            duplicates=len(network.duplicates()),
            cpu=(workers_ms, database_ms, redis_ms, network_ms),
        )


class _Parts:
    """The processes of one run, to read their CPU time from ``/proc``."""

    def __init__(
        self, workers: list[subprocess.Popen[bytes]], pg_port: int, redis: str | None
    ) -> None:
        self.workers = [process.pid for process in workers]
        self.pg_port = str(pg_port)
        self.redis_port = redis.rsplit(":", 1)[1].split("/")[0] if redis else None

    def cpu(self) -> tuple[float, float, float, float]:
        """CPU seconds so far: the workers, PostgreSQL, Redis, the network (this process)."""
        processes = _processes()
        master = {
            pid
            for pid, (_, command, _, _) in processes.items()
            if command[0].endswith("/postgres") and self.pg_port in command
        }
        database = redis = 0.0
        for parent, command, seconds, _ in processes.values():
            if parent in master:
                database += seconds
            elif self.redis_port and f":{self.redis_port}" in command[0]:
                redis += seconds
        # The postmaster's own time and its ended backends' (cutime, cstime), kept in [3].
        database += sum(processes[pid][2] + processes[pid][3] for pid in master)
        workers = sum(processes[pid][2] for pid in self.workers if pid in processes)
        own = os.times()
        return workers, database, redis, own.user + own.system


def _processes() -> dict[int, tuple[int, list[str], float, float]]:
    """Every process: its parent, its command line, its CPU seconds and its ended children's."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        own, children = int(stat[11]) + int(stat[12]), int(stat[13]) + int(stat[14])
        found[int(entry.name)] = (int(stat[1]), command, own / tick, children / tick)
    return found


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _published(database: str) -> int:
    with psycopg.connect(database) as db:
        row = db.execute(
            "SELECT count(*) FROM calendar_delivery WHERE state = 'published'"
        ).fetchone()
    return int(row[0]) if row else 0


def _figures(database: str, backend: str, workers: int, posts: int) -> Run:
    with psycopg.connect(database) as db:
        rows = db.execute(
            "SELECT EXTRACT(EPOCH FROM d.published_at - p.publish_at), "
            "EXTRACT(EPOCH FROM d.published_at), EXTRACT(EPOCH FROM p.publish_at) "
            "FROM calendar_delivery d JOIN calendar_post p ON p.id = d.post_id "
            "WHERE d.state = 'published'"
        ).fetchall()
        first_due = db.execute(
            "SELECT EXTRACT(EPOCH FROM min(publish_at)) FROM calendar_post"
        ).fetchone()
    late = sorted(max(float(r[0]), 0.0) for r in rows)
    if not late or first_due is None:
        return Run(backend, workers, posts, 0, 0, 0, 0, 0, 0)
    span = max(float(r[1]) for r in rows) - float(first_due[0])
    return Run(
        backend=backend,
        workers=workers,
        posts=posts,
        published=len(late),
        p50=statistics.median(late),
        p99=late[min(len(late) - 1, int(len(late) * 0.99))],
        worst=late[-1],
        throughput=len(late) / span if span > 0 else 0.0,
        seconds=span,
    )


@contextmanager
def timed(label: str) -> Iterator[None]:
    start = time.monotonic()
    print(f"{label} ...", flush=True)
    yield
    print(f"{label}: {time.monotonic() - start:.0f} s", flush=True)


def write(out: Path, runs: list[Run], posts: int, spread: float, channels: int) -> None:
    """Append a section with the figures, the machine and the date."""
    lines = [
        "",
        f"## Publishing benchmark, {dt.date.today().isoformat()}",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, PostgreSQL (tests/servers.py), "
        f"{_redis_version()}. Workload: {posts:,} posts due one after "
        f"another over {spread:.0f} s on {channels} Mastodon accounts of a loopback network "
        "that answers at once (`python benchmarks/publish.py`, default settings: a 0.25 s tick, "
        "two posts under way per account). Lateness: when the network created the post, minus "
        "its time. Throughput: posts published per second from the first post's time to the "
        "last publication. CPU: milliseconds per post from the first post's time to the end, "
        "for the workers, PostgreSQL, Redis and the loopback network.",
        "",
        "| backend | workers | published | duplicates | lateness p50 (s) | p99 (s) | worst (s) "
        "| throughput (posts/s) | span (s) | CPU ms/post: workers | PostgreSQL | Redis "
        "| network |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r.backend} | {r.workers} | {r.published:,}/{r.posts:,} | {r.duplicates} "
            f"| {r.p50:.2f} | {r.p99:.2f} | {r.worst:.2f} | {r.throughput:.0f} "
            f"| {r.seconds:.0f} | " + " | ".join(f"{ms:.2f}" for ms in r.cpu) + " |"
        )
    with out.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def _redis_version() -> str:
    """``Redis 7.0.15`` from ``redis-server --version``."""
    try:
        said = subprocess.run(
            ["redis-server", "--version"], capture_output=True, text=True, check=True
        ).stdout
        return "Redis " + said.split(" v=")[1].split()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "Redis"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--spread", type=float, default=60.0)
    parser.add_argument("--channels", type=int, default=100)
    parser.add_argument("--workers", default="1,4")
    parser.add_argument("--backends", default="db,rq")
    parser.add_argument(
        "--limit", type=float, default=600.0, help="seconds to wait after the last post is due"
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    runs = []
    for backend in args.backends.split(","):
        for workers in (int(n) for n in args.workers.split(",")):
            with timed(f"{backend}, {workers} worker(s)"):
                run = measure(backend, workers, args.posts, args.spread, args.channels, args.limit)
            print(run, flush=True)
            runs.append(run)
    write(args.out, runs, args.posts, args.spread, args.channels)


if __name__ == "__main__":
    main()
