"""The world the crash test and the publishing benchmark run in, built in a fresh process.

    python tests/web/publisher_world.py --network URL --posts 300 --channels 6 --spread 5

It migrates the database the environment names (``SOCIALPLAN_DATABASE_URL``), then creates a
workspace with Mastodon channels (and WordPress ones, with ``--wordpress``) on the loopback
network at URL, and one scheduled post per delivery, due one after another over ``--spread``
seconds starting ``--start-in`` seconds from now. The workers then find them due.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def environment(database_url: str, home: Path, **publisher: object) -> dict[str, str]:
    """The environment of a process of the app on *database_url*, with publisher settings.

    ``publisher`` names ``SOCIALPLAN_PUBLISH_*`` settings in lower case (``lease_seconds=2``).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALPLAN_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="socialplan.web.settings",
        SOCIALPLAN_HOME=str(home),
        SOCIALPLAN_SECRET_KEY="loopback-world-not-a-secret",
        SOCIALPLAN_DATABASE_URL=database_url,
        SOCIALPLAN_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT / "src"),
    )
    env.update({f"SOCIALPLAN_PUBLISH_{k.upper()}": str(v) for k, v in publisher.items()})
    return env


def start_worker(env: dict[str, str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    """``socialplan worker``, as an operator starts it."""
    return subprocess.Popen(
        [sys.executable, "-m", "socialplan", "worker"], env=env, stdout=log, stderr=log
    )


@contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway Redis (Debian's redis-server) on a free loopback port, saving nothing."""
    from tests.servers import free_port

    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(server).exists():
        raise FileNotFoundError("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def setup(env: dict[str, str], network: str, **options: object) -> dict[str, str]:
    """Build the world in a fresh process (see :func:`build` for *options*)."""
    args = [f"--{k.replace('_', '-')}={v}" for k, v in options.items()]
    done = subprocess.run(
        [sys.executable, __file__, "--network", network, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    world: dict[str, str] = json.loads(done.stdout.strip().splitlines()[-1])
    return world


def build(
    network: str, posts: int, channels: int, wordpress: int, spread: float, start_in: float
) -> dict[str, object]:
    """Create the world; what the caller needs to check it afterwards."""
    from django.utils import timezone

    from socialplan.publish.content import IdempotencyKey
    from socialplan.web.calendar.models import Channel, Delivery, DeliveryState, Post, PostState
    from socialplan.web.calendar.sealing import seal
    from socialplan.web.workspaces.models import Workspace

    workspace = Workspace.objects.create(name="Loopback", slug="loopback")
    made = []
    for n in range(channels):
        if n < wordpress:
            kind, stored = "wordpress", {"site": network, "username": f"editor{n}"}
            stored["application_password"] = f"wp-password-{n}"
        else:
            kind, stored = "mastodon", {"instance": network, "access_token": f"token-{n}"}
        made.append(
            Channel.objects.create(
                workspace=workspace,
                network=kind,
                handle=f"{kind}{n}",
                sealed_credentials=seal(stored),
            )
        )
    start = timezone.now() + dt.timedelta(seconds=start_in)
    step = spread / max(posts - 1, 1)
    times = [start + dt.timedelta(seconds=i * step) for i in range(posts)]
    created = Post.objects.bulk_create(
        Post(
            workspace=workspace,
            text=f"Post {i}: publishing on time, once.",
            language="en",
            publish_at=when,
            state=PostState.SCHEDULED,
        )
        for i, when in enumerate(times)
    )
    deliveries = []
    for i, post in enumerate(created):
        key = IdempotencyKey.new()
        deliveries.append(
            Delivery(
                post=post,
                channel=made[i % channels],
                state=DeliveryState.SCHEDULED,
                key=key.value,
                key_issued_at=key.issued_at,
                due_at=post.publish_at,
            )
        )
    Delivery.objects.bulk_create(deliveries, batch_size=1000)
    return {"first_due": times[0].isoformat(), "last_due": times[-1].isoformat()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--network", required=True)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--channels", type=int, default=6)
    parser.add_argument("--wordpress", type=int, default=0)
    parser.add_argument("--spread", type=float, default=5.0)
    parser.add_argument("--start-in", type=float, default=2.0)
    args = parser.parse_args()
    from socialplan.web import boot

    boot.setup()
    boot.migrate()
    world = build(
        args.network, args.posts, args.channels, args.wordpress, args.spread, args.start_in
    )
    print(json.dumps(world))


if __name__ == "__main__":
    main()
