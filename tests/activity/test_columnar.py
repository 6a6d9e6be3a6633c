"""Records converted to Arrow in chunks store exactly what the records as objects would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from socialplan.activity import columnar
from socialplan.activity.importers import generic_csv
from socialplan.activity.importers.base import Brand
from socialplan.activity.importers.common import NOT_UTF8_EXPORT
from socialplan.activity.ingest import import_path
from socialplan.activity.schema import Account, Extract, Item, Metric, Moderation
from socialplan.activity.store import TABLES, Store
from socialplan.errors import InputError

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
HEADER = "network,id,author,author_kind,kind,created_at,text,parent_id,language\n"


def _extract(ids: list[int], first: int = 0) -> Extract:
    """Items numbered from *first* (an id again keeps its first text), authors, metrics, events."""
    extract = Extract(source_format="test")
    for n, i in enumerate(ids, start=first):
        author = f"user{i % 3}"
        extract.accounts.append(Account("facebook", author))
        extract.items.append(
            Item(
                "facebook",
                f"c{i}",
                author,
                "audience",
                "comment",
                T0 + dt.timedelta(minutes=i),
                text=f"comment {i}, seen {n}",
                parent_native_id="p0",
                hashtags=["travel"] if i % 2 else [],
            )
        )
        extract.metrics.append(Metric("facebook", author, T0.date(), followers=n))
        extract.moderation.append(Moderation("facebook", f"c{i}", "hidden", T0))
    return extract


def _stored(store: Store) -> dict[str, pa.Table]:
    """Every table without its batch; signals sorted, as DuckDB groups texts in any order."""
    tables = {name: store.read(name).drop_columns(["batch_id"]) for name in TABLES}
    tables["signals"] = tables["signals"].sort_by("content_hash")
    return tables


def test_compacting_while_reading_stores_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [5, 1, 5, 2, 1, 3, 4, 2]
    whole = Store(tmp_path / "whole")
    whole.add(_extract(ids), "a", "f1")
    monkeypatch.setattr(columnar, "CHUNK", 3)
    chunked = _extract(ids[:5])
    columnar.compact(chunked)
    rest = _extract(ids[5:], first=5)
    for table in ("accounts", "items", "metrics", "moderation"):
        getattr(chunked, table).extend(getattr(rest, table))
    assert chunked.counts()["items"] == len(ids)
    split = Store(tmp_path / "split")
    split.add(chunked, "a", "f1")
    assert _stored(split) == _stored(whole)
    assert chunked.counts() == dict.fromkeys(chunked.counts(), 0)


def test_the_first_record_of_a_key_wins_in_reading_order(tmp_path: Path) -> None:
    store = Store(tmp_path)
    batch = store.add(_extract([5, 1, 5, 2, 1]), "a", "f1")
    assert batch is not None
    assert batch.rows["items"] == 3
    assert batch.rows["accounts"] == 2
    assert batch.rows["metrics"] == 2
    assert batch.rows["moderation"] == 3
    items = store.read("items")
    assert items.column("item_id").to_pylist() == ["facebook:c5", "facebook:c1", "facebook:c2"]
    assert items.column("text").to_pylist()[0] == "comment 5, seen 0"
    assert items.column("thread_id").to_pylist()[0] == "facebook:p0"
    assert store.read("accounts").column("handle").to_pylist() == ["user2", "user1"]
    assert store.read("metrics").column("followers").to_pylist() == [0, 1]


def _csv(tmp_path: Path, rows: int) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    lines = [
        f"facebook,c{n},user{n % 4},audience,comment,2026-10-01T09:00:00Z,hello {n % 5},,en\n"
        for n in range(rows)
    ]
    (folder / "items.csv").write_text(HEADER + "".join(lines), encoding="utf-8")
    return folder


def test_generic_csv_in_small_chunks_stores_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = _csv(tmp_path, 23)
    whole = Store(tmp_path / "whole")
    import_path(export, whole, Brand())
    monkeypatch.setattr(generic_csv, "CHUNK", 4)
    monkeypatch.setattr(columnar, "CHUNK", 3)
    split = Store(tmp_path / "split")
    import_path(export, split, Brand())
    assert _stored(split) == _stored(whole)


def test_bytes_that_are_not_utf8_deep_in_a_csv_are_an_import_error(tmp_path: Path) -> None:
    export = _csv(tmp_path, 2000)
    path = export / "items.csv"
    path.write_bytes(path.read_bytes() + b"facebook,x1,someone,audience,comment,2026,\xff\xfe\n")
    store = Store(tmp_path / "store")
    with pytest.raises(InputError) as caught:
        import_path(export, store, Brand())
    assert caught.value.problems[0].message == NOT_UTF8_EXPORT
    assert store.batches() == []
