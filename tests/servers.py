"""Real servers the tests start for themselves: a throwaway PostgreSQL cluster on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path(os.environ.get("SOCIALPLAN_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root; the cluster belongs to the postgres user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@contextmanager
def postgres() -> Iterator[dict[str, object]]:
    """Start a PostgreSQL cluster in a temporary folder; yield ibis connection options."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL server binaries not found in {PG_BIN}")
    folder = Path(tempfile.mkdtemp(prefix="socialplan-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        _as_postgres(
            [
                str(PG_BIN / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-h",
                "127.0.0.1",
                "-k",
                str(folder),
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
            ]
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("PostgreSQL did not start") from None
                time.sleep(0.2)
        time.sleep(0.5)
        yield {"host": "127.0.0.1", "port": port, "user": "postgres", "database": "postgres"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)
