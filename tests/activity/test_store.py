"""The store: batches appear whole or not at all, and re-importing adds nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from socialplan.activity import store as store_module
from socialplan.activity.schema import Account, Extract, Item, KpiFigure, Metric, Moderation
from socialplan.activity.signals import SIGNALS_SCHEMA
from socialplan.activity.store import Store

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def _signals(items: pa.Table, store: Store, batch_id: str) -> pa.Table:
    hashes = sorted(set(items.column("content_hash").to_pylist()))
    return pa.Table.from_pylist(
        [
            {
                "content_hash": h,
                "language": "en",
                "question": False,
                "sentiment": "neutral",
                "promotional": False,
                "refusal": False,
                "forbidden": [],
                "review": False,
                "fingerprint": 1,
                "tokens": 1,
                "batch_id": batch_id,
            }
            for h in hashes
        ],
        SIGNALS_SCHEMA,
    )


def _extract(ids: range) -> Extract:
    extract = Extract(source_format="test")
    extract.accounts.append(Account("facebook", "acme", is_brand=True))
    for i in ids:
        extract.items.append(
            Item(
                "facebook",
                f"p{i}",
                "acme",
                "brand",
                "post",
                T0 + dt.timedelta(hours=i),
                text=f"post {i}",
            )
        )
    extract.metrics.append(Metric("facebook", "acme", T0.date(), followers=10))
    extract.moderation.append(Moderation("facebook", "p1", "hidden", T0))
    # Brand-wide: no network, so the key must not rely on comparing missing values.
    extract.kpis.append(KpiFigure("leads", T0.date(), T0.date(), 12.0))
    return extract


def test_batch_is_committed_with_its_rows(tmp_path: Path) -> None:
    store = Store(tmp_path)
    batch = store.add(_extract(range(5)), "export.zip", "f1", signals=_signals)
    assert batch is not None
    assert batch.rows == {
        "accounts": 1,
        "items": 5,
        "metrics": 1,
        "moderation": 1,
        "kpis": 1,
        "signals": 5,
    }
    assert store.read("items").num_rows == 5
    assert store.read("items").column("thread_id").to_pylist()[0] == "facebook:p0"


def test_same_export_twice_adds_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add(_extract(range(5)), "export.zip", "f1", signals=_signals)
    assert store.add(_extract(range(5)), "export.zip", "f1", signals=_signals) is None
    assert len(store.batches()) == 1


def test_overlapping_export_adds_only_new_rows(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add(_extract(range(5)), "a.zip", "f1", signals=_signals)
    batch = store.add(_extract(range(3, 8)), "b.zip", "f2", signals=_signals)
    assert batch is not None
    assert batch.rows["items"] == 3
    assert batch.rows["accounts"] == 0
    assert batch.rows["metrics"] == 0
    assert batch.rows["kpis"] == 0
    assert store.read("items").num_rows == 8
    assert store.read("signals").num_rows == 8


def test_failed_import_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path)
    store.add(_extract(range(2)), "a.zip", "f1", signals=_signals)
    manifest = store.manifest_path.read_bytes()
    files = sorted(p.name for p in tmp_path.rglob("*.parquet"))
    calls = {"n": 0}
    real = store_module.pq.write_table

    def flaky(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # items are written, then the signals fail
            raise OSError("disk full")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module.pq, "write_table", flaky)
    with pytest.raises(OSError, match="disk full"):
        store.add(_extract(range(10, 20)), "b.zip", "f2", signals=_signals)
    assert store.manifest_path.read_bytes() == manifest
    assert sorted(p.name for p in tmp_path.rglob("*.parquet")) == files
    assert store.read("items").num_rows == 2


def test_empty_store_has_empty_tables(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for table in store_module.TABLES:
        assert store.read(table).num_rows == 0
