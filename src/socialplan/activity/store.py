"""The activity store: Parquet files per import batch, a manifest, and DuckDB views over them.

A batch becomes visible only when the manifest that lists it is replaced, in one rename; files
of a batch that failed half-way are never listed, so readers see all of a batch or none of it.
Re-importing an export adds nothing: the export's fingerprint is remembered, and rows whose id
is already stored are dropped.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from socialplan.activity.schema import SCHEMAS, Extract, account_id
from socialplan.output import write_atomic

TABLES = ("accounts", "items", "metrics", "moderation", "signals")
KEYS = {
    "accounts": ("account_id",),
    "items": ("item_id",),
    "metrics": ("account_id", "day"),
    "moderation": ("item_id", "action", "at"),
    "signals": ("content_hash",),
}


@dataclass(frozen=True)
class Batch:
    """One import, as the manifest records it."""

    batch_id: str
    source_format: str
    source_name: str
    fingerprint: str
    imported_at: str
    rows: dict[str, int]


def content_hash(text: str) -> str:
    """The key under which an item's text signals are cached."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class Store:
    """The store under one workspace's data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest_path = root / "manifest.json"

    # -- reading -------------------------------------------------------------------------------

    def batches(self) -> list[Batch]:
        """Every committed batch, oldest first."""
        if not self.manifest_path.exists():
            return []
        data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return [Batch(**b) for b in data["batches"]]

    def files(self, table: str) -> list[Path]:
        """The Parquet files of *table* that belong to committed batches."""
        return [
            path
            for batch in self.batches()
            if (path := self.root / table / f"{batch.batch_id}.parquet").exists()
        ]

    def has_fingerprint(self, fingerprint: str) -> Batch | None:
        """The batch that imported an export with this fingerprint, if any."""
        return next((b for b in self.batches() if b.fingerprint == fingerprint), None)

    def duckdb(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with one view per table over the committed files."""
        con = duckdb.connect()
        for table in TABLES:
            files = self.files(table)
            if files:
                listing = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listing}])")
            else:
                empty = _empty(table)
                con.register(f"_{table}_empty", empty)
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}_empty")
        return con

    def read(self, table: str) -> pa.Table:
        """A whole table as Arrow."""
        return self.duckdb().execute(f"SELECT * FROM {table}").to_arrow_table()

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(
        self, extract: Extract, source_name: str, fingerprint: str, signals: Any = None
    ) -> Batch | None:
        """Commit *extract* as a new batch; ``None`` when this export was imported before.

        *signals* is a callable turning a list of new items' texts into the signals table.
        """
        with self._locked():
            if self.has_fingerprint(fingerprint):
                return None
            batch_id = (
                dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
            )
            tables = self._tables(extract, batch_id)
            tables = self._new_rows(tables)
            if signals is not None:
                tables["signals"] = signals(tables["items"], self, batch_id)
            staging = self.root / ".staging" / batch_id
            staging.mkdir(parents=True, exist_ok=True)
            try:
                rows = {}
                for name, table in tables.items():
                    rows[name] = table.num_rows
                    if table.num_rows:
                        pq.write_table(table, staging / f"{name}.parquet", compression="zstd")
                for name in tables:
                    written = staging / f"{name}.parquet"
                    if written.exists():
                        (self.root / name).mkdir(exist_ok=True)
                        os.replace(written, self.root / name / f"{batch_id}.parquet")
                batch = Batch(
                    batch_id=batch_id,
                    source_format=extract.source_format,
                    source_name=source_name,
                    fingerprint=fingerprint,
                    imported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    rows=rows,
                )
                manifest = {"batches": [asdict(b) for b in [*self.batches(), batch]]}
                write_atomic(self.manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1))
            except BaseException:
                for name in TABLES:
                    (self.root / name / f"{batch_id}.parquet").unlink(missing_ok=True)
                raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            return batch

    def _tables(self, extract: Extract, batch_id: str) -> dict[str, pa.Table]:
        accounts: dict[Any, dict[str, Any]] = {}
        for a in extract.accounts:
            accounts.setdefault(
                a.account_id,
                {
                    "account_id": a.account_id,
                    "network": a.network,
                    "handle": a.handle,
                    "display_name": a.display_name,
                    "bio": a.bio,
                    "url": a.url,
                    "is_brand": a.is_brand,
                    "batch_id": batch_id,
                },
            )
        items: dict[Any, dict[str, Any]] = {}
        for i in extract.items:
            thread = i.thread_native_id or i.parent_native_id
            items.setdefault(
                i.item_id,
                {
                    "item_id": i.item_id,
                    "network": i.network,
                    "account_id": account_id(i.network, i.author),
                    "author_kind": i.author_kind,
                    "kind": i.kind,
                    "parent_id": f"{i.network}:{i.parent_native_id}"
                    if i.parent_native_id
                    else None,
                    "thread_id": f"{i.network}:{thread}" if thread else i.item_id,
                    "created_at": i.created_at,
                    "text": i.text,
                    "language": i.language,
                    "links": i.links,
                    "hashtags": i.hashtags,
                    "media": i.media,
                    "client": i.client,
                    "likes": i.likes,
                    "shares": i.shares,
                    "replies": i.replies,
                    "views": i.views,
                    "content_hash": content_hash(i.text),
                    "batch_id": batch_id,
                },
            )
        metrics: dict[Any, dict[str, Any]] = {}
        for m in extract.metrics:
            key = (account_id(m.network, m.handle), m.day)
            metrics.setdefault(
                key,
                {
                    "account_id": key[0],
                    "network": m.network,
                    "day": m.day,
                    "followers": m.followers,
                    "impressions": m.impressions,
                    "reach": m.reach,
                    "engagements": m.engagements,
                    "clicks": m.clicks,
                    "batch_id": batch_id,
                },
            )
        moderation: dict[Any, dict[str, Any]] = {}
        for e in extract.moderation:
            item = f"{e.network}:{e.native_id}"
            moderation.setdefault(
                (item, e.action, e.at),
                {
                    "item_id": item,
                    "network": e.network,
                    "action": e.action,
                    "at": e.at,
                    "actor_id": account_id(e.network, e.actor) if e.actor else None,
                    "reason": e.reason,
                    "batch_id": batch_id,
                },
            )
        return {
            "accounts": pa.Table.from_pylist(list(accounts.values()), SCHEMAS["accounts"]),
            "items": pa.Table.from_pylist(list(items.values()), SCHEMAS["items"]),
            "metrics": pa.Table.from_pylist(list(metrics.values()), SCHEMAS["metrics"]),
            "moderation": pa.Table.from_pylist(list(moderation.values()), SCHEMAS["moderation"]),
        }

    def _new_rows(self, tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
        """Drop rows whose key is already stored."""
        con = self.duckdb()
        result = {}
        for name, table in tables.items():
            if table.num_rows == 0 or not self.files(name):
                result[name] = table
                continue
            keys = ", ".join(f'"{key}"' for key in KEYS[name])
            con.register("incoming", table)
            fresh = con.execute(
                f"SELECT incoming.* FROM incoming ANTI JOIN {name} USING ({keys})"
            ).to_arrow_table()
            con.unregister("incoming")
            assert fresh is not None
            result[name] = fresh.cast(table.schema)
        return result


def _empty(table: str) -> pa.Table:
    if table == "signals":
        from socialplan.activity.signals import SIGNALS_SCHEMA

        return SIGNALS_SCHEMA.empty_table()
    return SCHEMAS[table].empty_table()
