"""Shared helpers: run the command line in-process and capture what a user would see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from socialplan.cli import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = dt.date(2026, 11, 1)


@dataclass
class Outcome:
    """Exit status and output of one command."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Outcome]:
    """Run ``socialplan`` with the given arguments, in English unless ``--lang`` says otherwise."""
    for var in ("SOCIALPLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)

    def invoke(*args: str | Path) -> Outcome:
        try:
            status = run([str(a) for a in args])
        except SystemExit as exc:
            status = int(exc.code or 0)
        captured = capsys.readouterr()
        return Outcome(status, captured.out, captured.err)

    return invoke
