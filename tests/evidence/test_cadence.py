"""The cadence measures: daily counts, weekly rates, silent gaps, busiest hours and bursts."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pytest
from tests.evidence_cases import build_store

from socialplan.activity.backends import duckdb_backend
from socialplan.measure import cadence
from socialplan.rules.audit import Evidence
from socialplan.strategy.model import Strategy

UTC = dt.UTC


def _post(id_: str, at: str, network: str = "facebook", **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "network": network,
        "author": "acme",
        "author_kind": "brand",
        "kind": "post",
        "at": at,
        "text": f"post {id_}",
        **extra,
    }


@pytest.fixture
def items(tmp_path: Path) -> ir.Table:
    rows = [
        _post("p1", "2026-09-01T09:00:00Z"),
        _post("p2", "2026-09-01T09:05:00Z"),
        _post("p3", "2026-09-02T10:00:00Z"),
        _post("p4", "2026-09-30T09:30:00Z"),
        _post("s1", "2026-10-01T09:00:00Z", kind="share"),
        _post("x1", "2026-09-05T18:00:00Z", network="x"),
        # Not brand posts: a brand reply and an audience post.
        {
            "id": "r1",
            "author": "acme",
            "author_kind": "brand",
            "kind": "reply",
            "at": "2026-09-10T09:00:00Z",
            "text": "thanks",
            "parent": "c1",
        },
        {"id": "c1", "author": "lan", "kind": "post", "at": "2026-09-10T08:00:00Z", "text": "hi"},
    ]
    store = build_store(tmp_path / "store", {"items": rows})
    return Evidence(con=duckdb_backend(store), strategy=Strategy()).items


def test_daily_counts_only_count_brand_posts_and_shares(items: ir.Table) -> None:
    counts = cadence.daily_counts(items)
    assert counts == {
        "facebook": {
            dt.date(2026, 9, 1): 2,
            dt.date(2026, 9, 2): 1,
            dt.date(2026, 9, 30): 1,
            dt.date(2026, 10, 1): 1,
        },
        "x": {dt.date(2026, 9, 5): 1},
    }


def test_daily_counts_respect_the_period(items: ir.Table) -> None:
    start = dt.datetime(2026, 9, 2, tzinfo=UTC)
    end = dt.datetime(2026, 10, 1, tzinfo=UTC)
    assert cadence.daily_counts(items, start, end) == {
        "facebook": {dt.date(2026, 9, 2): 1, dt.date(2026, 9, 30): 1},
        "x": {dt.date(2026, 9, 5): 1},
    }


def test_weekly_rates(items: ir.Table) -> None:
    start = dt.datetime(2026, 9, 1, tzinfo=UTC)
    rates = cadence.weekly_rates(items, start, start + dt.timedelta(days=14))
    assert rates == {"facebook": pytest.approx(1.5), "x": pytest.approx(0.5)}
    assert cadence.weekly_rates(items, start, start) == {}


def test_silent_gaps_longest_first(items: ir.Table) -> None:
    gaps = cadence.silent_gaps(items)
    assert [(g.after, g.before, g.days) for g in gaps["facebook"]] == [
        (dt.date(2026, 9, 2), dt.date(2026, 9, 30), 28),
        (dt.date(2026, 9, 1), dt.date(2026, 9, 2), 1),
        (dt.date(2026, 9, 30), dt.date(2026, 10, 1), 1),
    ]
    assert "x" not in gaps  # one posting day has no gap
    assert list(cadence.silent_gaps(items, longer_than=21)["facebook"]) == [
        cadence.Gap("facebook", dt.date(2026, 9, 2), dt.date(2026, 9, 30))
    ]


def test_busiest_hours(items: ir.Table) -> None:
    assert cadence.busiest_hours(items, top=2) == {
        "facebook": [(9, 4), (10, 1)],
        "x": [(18, 1)],
    }


def test_posts_on_given_days(items: ir.Table) -> None:
    rows = cadence.posts_on(items, "facebook", [dt.date(2026, 9, 1), dt.date(2026, 10, 1)])
    assert [r["item_id"] for r in rows] == ["facebook:p1", "facebook:p2", "facebook:s1"]
    assert len(cadence.posts_on(items, "facebook", [dt.date(2026, 9, 1)], limit=1)) == 1


def test_cadence_report(items: ir.Table) -> None:
    start = dt.datetime(2026, 9, 1, tzinfo=UTC)
    report = cadence.cadence_report(items, start, start + dt.timedelta(days=28))
    facebook = report["facebook"]
    assert (facebook.posts, facebook.active_days) == (3, 2)
    assert facebook.per_week == pytest.approx(0.75)
    assert facebook.longest_gap is not None
    assert facebook.longest_gap.days == 1
    assert facebook.busiest_hours == [(9, 2), (10, 1)]


def _burst_items(tmp_path: Path, minutes: list[int]) -> ir.Table:
    base = dt.datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    rows = [
        _post(f"b{i}", (base + dt.timedelta(minutes=m)).isoformat()) for i, m in enumerate(minutes)
    ]
    store = build_store(tmp_path / "bursts", {"items": rows})
    return Evidence(con=duckdb_backend(store), strategy=Strategy()).items


def test_a_burst_across_a_clock_hour_is_found(tmp_path: Path) -> None:
    # Six posts from 08:40 to 09:20: no clock hour holds more than three.
    items = _burst_items(tmp_path, [40, 48, 56, 64, 72, 80, 300])
    found = cadence.bursts(items, limit=5, minutes=60)
    assert [(b.posts, len(b.rows)) for b in found["facebook"]] == [(6, 6)]


def test_spread_posts_are_no_burst(tmp_path: Path) -> None:
    items = _burst_items(tmp_path, [0, 15, 30, 45, 60, 75, 90, 105])
    assert cadence.bursts(items, limit=5, minutes=60) == {}
    assert cadence.bursts(items, limit=3, minutes=60)["facebook"][0].posts == 4


def test_separate_bursts_are_counted_apart(tmp_path: Path) -> None:
    items = _burst_items(tmp_path, [0, 1, 2, 3, 600, 601, 602, 603, 604])
    found = cadence.bursts(items, limit=3, minutes=10)["facebook"]
    assert [b.posts for b in found] == [5, 4]
    assert [r["item_id"] for r in found[1].rows] == [f"facebook:b{i}" for i in range(4)]


def test_burst_windows_are_half_open(tmp_path: Path) -> None:
    items = _burst_items(tmp_path, [0, 20, 40, 60])
    assert cadence.bursts(items, limit=3, minutes=60) == {}


def test_bursts_match_a_brute_force_count(tmp_path: Path) -> None:
    rng = random.Random(7)
    minutes = sorted(rng.randint(0, 2000) for _ in range(120))
    items = _burst_items(tmp_path, minutes)
    found = cadence.bursts(items, limit=4, minutes=30)["facebook"]
    fullest = max(sum(1 for m in minutes if start <= m < start + 30) for start in minutes)
    assert found[0].posts == fullest
    for burst in found:
        first, last = cadence.at(burst.rows[0]), cadence.at(burst.rows[-1])
        assert len(burst.rows) == burst.posts > 4
        assert last - first < dt.timedelta(minutes=30)
