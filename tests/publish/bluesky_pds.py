"""A real Bluesky PDS for the tests, from the scripts in ``shared/servers/bluesky-pds``.

The scripts live beside the repository (``../shared/servers/bluesky-pds``); set
``SOCIALPLAN_BLUESKY_PDS`` to use others. Missing scripts fail the tests: a skip would let CI
pass without proving the adapter against the server.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.conftest import ROOT
from tests.servers import free_port

from socialplan.publish.networks.bluesky.adapter import BlueskyAdapter
from socialplan.publish.networks.bluesky.credentials import BlueskyCredentials


def _scripts() -> Path:
    """The PDS scripts: the configured folder, else shared/ beside this clone, else /work's."""
    configured = os.environ.get("SOCIALPLAN_BLUESKY_PDS")
    if configured:
        return Path(configured)
    # A fresh clone may live anywhere (CI clones into a temporary folder); the team's shared
    # folder stays at /work/shared.
    for base in (ROOT.parent, Path("/work")):
        candidate = base / "shared" / "servers" / "bluesky-pds"
        if (candidate / "start.sh").exists():
            return candidate
    return ROOT.parent / "shared" / "servers" / "bluesky-pds"


SCRIPTS = _scripts()
#: A cold install downloads Node 22 and the PDS and compiles SQLite bindings (minutes).
_INSTALL_SECONDS = 1200


@dataclass
class Pds:
    """A running PDS: its address, and how long it took to be ready."""

    url: str
    install_seconds: float
    start_seconds: float

    def account(self) -> Account:
        """A new account on the PDS, with an app password to publish with."""
        handle = f"brand{secrets.token_hex(4)}.test"
        password = secrets.token_urlsafe(16)
        made = httpx.post(
            f"{self.url}/xrpc/com.atproto.server.createAccount",
            json={"handle": handle, "email": f"{handle}@example.com", "password": password},
        ).raise_for_status()
        session = made.json()
        app = httpx.post(
            f"{self.url}/xrpc/com.atproto.server.createAppPassword",
            json={"name": "socialplan"},
            headers={"Authorization": f"Bearer {session['accessJwt']}"},
        ).raise_for_status()
        return Account(self.url, handle, session["did"], app.json()["password"], session)


@dataclass
class Account:
    """One account on the PDS, and a look at its repository that bypasses the adapter."""

    url: str
    handle: str
    did: str
    app_password: str
    session: dict[str, Any]

    def adapter(self, password: str | None = None, **kwargs: Any) -> BlueskyAdapter:
        """An adapter for this account, as a worker would make it."""
        creds = BlueskyCredentials(
            service=self.url,
            handle=self.handle,
            app_password=password or self.app_password,  # type: ignore[arg-type]
        )
        return BlueskyAdapter(creds, **kwargs)

    def posts(self) -> list[dict[str, Any]]:
        """Every post record in the account's repository."""
        answer = httpx.get(
            f"{self.url}/xrpc/com.atproto.repo.listRecords",
            params={"repo": self.did, "collection": "app.bsky.feed.post", "limit": 100},
        ).raise_for_status()
        records: list[dict[str, Any]] = answer.json()["records"]
        return records

    def xrpc(self, method: str, **payload: Any) -> httpx.Response:
        """Call the PDS as the account's owner (with the main password's session)."""
        auth = {"Authorization": f"Bearer {self.session['accessJwt']}"}
        return httpx.post(f"{self.url}/xrpc/{method}", json=payload, headers=auth)


def _run(script: str, *args: str, env: dict[str, str], timeout: float) -> str:
    path = SCRIPTS / script
    done = subprocess.run(
        ["bash", str(path), *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        pytest.fail(f"{path} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


@contextmanager
def running_pds(report: Callable[[str], None]) -> Iterator[Pds]:
    """Install the PDS if needed, start it on free ports, and stop it afterwards."""
    missing = [s for s in ("install.sh", "start.sh", "stop.sh") if not (SCRIPTS / s).is_file()]
    if missing:
        pytest.fail(
            f"the Bluesky PDS scripts are missing from {SCRIPTS} ({', '.join(missing)}); "
            "put shared/ beside the repository or set SOCIALPLAN_BLUESKY_PDS"
        )
    run_dir = Path(tempfile.mkdtemp(prefix="socialplan-pds-"))
    env = {
        **os.environ,
        "PDS_PORT": str(free_port()),
        "PLC_PORT": str(free_port()),
        "PDS_RUN_DIR": str(run_dir),
    }
    began = time.monotonic()
    # install.sh returns at once when Node 22 and the PDS are already in $SERVERS_HOME.
    _run("install.sh", env=env, timeout=_INSTALL_SECONDS)
    installed = time.monotonic()
    lines = _run("start.sh", env=env, timeout=120).strip().splitlines()
    started = time.monotonic()
    pds = Pds(lines[-1].strip(), installed - began, started - installed)
    times = f"install {pds.install_seconds:.1f}s, start {pds.start_seconds:.1f}s"
    report(f"Bluesky PDS at {pds.url}: {times}")
    pid = int((run_dir / "pds.pid").read_text())
    try:
        yield pds
    finally:
        _run("stop.sh", str(run_dir), env=env, timeout=60)
        _wait_for_exit(pid)
        shutil.rmtree(run_dir, ignore_errors=True)


def _wait_for_exit(pid: int, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            return  # gone
        if state == "Z":
            return  # exited; nobody reaps it, since the script that started it has ended
        time.sleep(0.1)
