"""SE311 with moderation reasons, which the case files cannot state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.evidence_cases import build_store

from socialplan.activity.backends import duckdb_backend
from socialplan.activity.schema import Extract, Moderation
from socialplan.rules.audit import Evidence
from socialplan.rules.evidence.moderation_deleted_criticism import DeletedCriticism
from socialplan.strategy.model import Strategy

AT = dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC)
ITEMS = [
    {
        "id": "c1",
        "author": "lan",
        "at": "2026-10-01T09:00:00Z",
        "text": "Cold soup, awful",
        "sentiment": "negative",
    },
    {
        "id": "c2",
        "author": "minh",
        "at": "2026-10-01T09:10:00Z",
        "text": "Call me on 0901",
        "sentiment": "negative",
    },
]


def _findings(tmp_path: Path, events: list[Moderation], strategy: dict[str, Any]) -> list[Any]:
    """The rule's violations over the case items plus *events*."""
    store = build_store(tmp_path / "store", {"items": ITEMS})
    store.add(Extract(source_format="test", moderation=events), "moderation", "moderation-fp")
    evidence = Evidence(
        con=duckdb_backend(store),
        strategy=Strategy.model_validate(strategy),
        today=dt.date(2026, 11, 1),
    )
    return list(DeletedCriticism(today=evidence.today).check(evidence))


POLICY = {"policy": {"criticism": {"hide_only_for": ["personal_data", "spam"]}}}


def test_hiding_for_an_allowed_reason_is_not_a_finding(tmp_path: Path) -> None:
    """Hiding personal data, as the policy allows, is moderation and not censorship."""
    events = [Moderation("facebook", "c2", "hidden", AT, "acme", reason="personal_data")]
    assert _findings(tmp_path, events, POLICY) == []


def test_hiding_for_another_reason_is_a_finding(tmp_path: Path) -> None:
    """A reason outside the policy's list does not excuse hiding; spelling is normalised."""
    events = [
        Moderation("facebook", "c1", "hidden", AT, "acme", reason="off_topic"),
        Moderation("facebook", "c2", "hidden", AT, "acme", reason="Personal data"),
    ]
    (violation,) = _findings(tmp_path, events, POLICY)
    assert [x.item_id for x in violation.exhibits] == ["facebook:c1"]
    assert violation.args["count"] == 1


def test_deleting_is_never_excused_by_a_reason(tmp_path: Path) -> None:
    """The policy says what may be hidden; deleting criticism is reported whatever the reason."""
    events = [Moderation("facebook", "c2", "deleted", AT, "acme", reason="personal_data")]
    (violation,) = _findings(tmp_path, events, POLICY)
    assert [x.item_id for x in violation.exhibits] == ["facebook:c2"]


def test_without_a_criticism_rule_no_reason_excuses(tmp_path: Path) -> None:
    """Without hide_only_for in the policy, every hidden critical comment is reported."""
    events = [Moderation("facebook", "c2", "hidden", AT, "acme", reason="spam")]
    assert len(_findings(tmp_path, events, {})) == 1
