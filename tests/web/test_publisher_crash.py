"""Crash safety: workers killed with SIGKILL at random while publishing a few hundred posts.

Four ``socialplan worker`` processes share a real PostgreSQL database (started by the test)
and publish to a loopback network that also fails on its own: dropped connections after the
post is written, slow answers, 500s, 503s, 429s. Workers are killed at random and started
again. In the end every post is published exactly once: none twice on the network (counted
per key), none lost, every unknown outcome reconciled, every attempt recorded and closed.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.servers import PG_BIN, postgres
from tests.web.loopback_network import LoopbackNetwork
from tests.web.publisher_world import environment, setup, start_worker

POSTS = 300
CHANNELS = 8
WORDPRESS = 3
WORKERS = 4
#: Kill for this long, then let the workers finish.
KILLING_SECONDS = 40.0
#: Only workers up this long are killed: starting one takes seconds, and a worker killed
#: before it works proves nothing.
UP_SECONDS = 4.0
DEADLINE_SECONDS = 240.0

pytestmark = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists(), reason="PostgreSQL server binaries not installed"
)


@pytest.fixture
def database() -> Iterator[str]:
    with postgres() as server:
        yield f"postgres://{server['user']}@{server['host']}:{server['port']}/postgres"


def test_killed_workers_publish_every_post_exactly_once(database: str, tmp_path: Path) -> None:
    rng = random.Random(20261124)
    faults = {"drop": 0.03, "slow": 0.01, "500": 0.02, "503": 0.03, "429": 0.01}
    with LoopbackNetwork(
        latency=0.15, slow_seconds=1.5, retry_after=1, random_faults=faults, seed=11
    ) as network:
        env = environment(
            database,
            tmp_path / "home",
            lease_seconds=2,
            reconcile_delay_seconds=1,
            sweep_seconds=0.5,
            tick_seconds=0.1,
            retry_base_seconds=0.5,
            timeout_seconds=1,
        )
        setup(
            env,
            network.url,
            posts=POSTS,
            channels=CHANNELS,
            wordpress=WORDPRESS,
            spread=35,
            start_in=1,
        )
        log = (tmp_path / "workers.log").open("wb")
        workers = [start_worker(env, log) for _ in range(WORKERS)]
        kills, started = 0, time.monotonic()
        born = [started] * WORKERS
        try:
            while time.monotonic() - started < DEADLINE_SECONDS:
                time.sleep(rng.uniform(1.0, 3.0))
                now = time.monotonic()
                grown = [n for n in range(WORKERS) if now - born[n] > UP_SECONDS]
                if now - started < KILLING_SECONDS and grown:
                    victim = rng.choice(grown)
                    workers[victim].kill()
                    workers[victim].wait()
                    kills += 1
                    workers[victim], born[victim] = start_worker(env, log), now
                elif now - started >= KILLING_SECONDS and settled(database):
                    break
        finally:
            for worker in workers:
                worker.kill()
                worker.wait()
            log.close()
        report = check(database, network)
    report["kills"] = kills
    print(f"\ncrash test: {report}")
    assert kills >= 10
    assert report["posts"] == POSTS
    assert report["published"] == POSTS, (report, (tmp_path / "workers.log").read_text()[-3000:])
    assert report["duplicates"] == 0
    assert report["lost"] == 0
    assert report["open_attempts"] == 0
    assert report["without_attempt"] == 0
    assert report["reconciled"] > 0
    assert report["worker_processes"] > WORKERS  # replacements worked too


def settled(database: str) -> bool:
    """Nothing left to publish or to reconcile."""
    with psycopg.connect(database) as db:
        row = db.execute(
            "SELECT count(*) FROM calendar_delivery WHERE state <> 'published'"
        ).fetchone()
    return row is not None and row[0] == 0


def check(database: str, network: LoopbackNetwork) -> dict[str, Any]:
    """What the database and the network say happened."""
    with psycopg.connect(database) as db:
        deliveries = db.execute(
            "SELECT d.id, d.key, d.state, d.remote_ref, c.network, c.sealed_credentials "
            "FROM calendar_delivery d JOIN calendar_channel c ON c.id = d.channel_id"
        ).fetchall()
        open_attempts = db.execute(
            "SELECT count(*) FROM calendar_attempt WHERE finished_at IS NULL OR outcome = ''"
        ).fetchone()
        without = db.execute(
            "SELECT count(*) FROM calendar_delivery d WHERE NOT EXISTS "
            "(SELECT 1 FROM calendar_attempt a WHERE a.delivery_id = d.id)"
        ).fetchone()
        unknown = db.execute(
            "SELECT count(DISTINCT delivery_id) FROM calendar_attempt WHERE outcome = 'unknown'"
        ).fetchone()
        attempts = db.execute("SELECT count(*) FROM calendar_attempt").fetchone()
        workers = db.execute("SELECT count(DISTINCT worker) FROM calendar_attempt").fetchone()
        stopped = db.execute(
            "SELECT count(*) FROM calendar_attempt WHERE answer LIKE 'the worker stopped%%'"
        ).fetchone()
    lost = 0
    for _, key, state, ref, kind, _ in deliveries:
        counted = (
            ("sp-" + hashlib.sha256(key.encode()).hexdigest()[:16]) if kind == "wordpress" else key
        )
        if state != "published" or network.created[counted] != 1 or not ref:
            lost += 1
    return {
        "posts": len(deliveries),
        "published": sum(1 for d in deliveries if d[2] == "published"),
        "duplicates": len(network.duplicates()),
        "lost": lost,
        "reconciled": unknown[0] if unknown else 0,
        "attempts": attempts[0] if attempts else 0,
        "cut_by_a_kill": stopped[0] if stopped else 0,
        "worker_processes": workers[0] if workers else 0,
        "open_attempts": open_attempts[0] if open_attempts else -1,
        "without_attempt": without[0] if without else -1,
        "network_posts": sum(network.created.values()),
        "injected": dict(network.injected),
    }
