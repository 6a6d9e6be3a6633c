"""The real servers the publishing tests run against, started once per test run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.publish.bluesky_pds import Pds, running_pds


@pytest.fixture(scope="session")
def bluesky_pds(request: pytest.FixtureRequest) -> Iterator[Pds]:
    """A Bluesky PDS on loopback, for the tests marked ``bluesky``."""
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")

    def report(line: str) -> None:
        # Shown during the run (not captured): CI logs say how long the server took.
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(f"\n{line}")

    with running_pds(report) as pds:
        yield pds
