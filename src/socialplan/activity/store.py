"""The activity store: Parquet files per import batch, a manifest, and DuckDB views over them.

A batch becomes visible only when the manifest that lists it is replaced, in one rename; files
of a batch that failed half-way are never listed, so readers see all of a batch or none of it.
Re-importing an export adds nothing: the export's fingerprint is remembered, and rows whose id
is already stored are dropped.
"""

from __future__ import annotations

import datetime as dt
import fcntl
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
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from socialplan.activity.columnar import take_tables
from socialplan.activity.schema import SCHEMAS, Extract
from socialplan.output import write_atomic

TABLES = ("accounts", "items", "metrics", "moderation", "kpis", "signals")
KEYS = {
    "accounts": ("account_id",),
    "items": ("item_id",),
    "metrics": ("account_id", "day"),
    "moderation": ("item_id", "action", "at"),
    "kpis": ("figure_id",),
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
        return self.duckdb().sql(f"SELECT * FROM {table}").to_arrow_table()

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

        The store takes the extract's records, leaving it empty. *signals* is a callable
        turning the table of new items into the signals table.
        """
        with self._locked():
            if self.has_fingerprint(fingerprint):
                return None
            batch_id = (
                dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
            )
            tables = _incoming(extract, batch_id)
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
            fresh = con.sql(
                f"SELECT incoming.* FROM incoming ANTI JOIN {name} USING ({keys})"
            ).to_arrow_table()
            con.unregister("incoming")
            assert fresh is not None
            result[name] = fresh.cast(table.schema)
        return result


def _incoming(extract: Extract, batch_id: str) -> dict[str, pa.Table]:
    """The extract's tables in batch *batch_id*, each key once: the first row read wins."""
    return {
        name: _stamped(_first_of_each_key(table, KEYS[name]), batch_id)
        for name, table in take_tables(extract).items()
    }


def _first_of_each_key(table: pa.Table, keys: tuple[str, ...]) -> pa.Table:
    """*table* without the rows whose key an earlier row has, in the order read."""
    if table.num_rows < 2:
        return table
    positions = table.select(list(keys)).append_column(
        "position", pa.array(np.arange(table.num_rows))
    )
    firsts = positions.group_by(list(keys), use_threads=False).aggregate([("position", "min")])
    if firsts.num_rows == table.num_rows:
        return table  # nothing repeated: spare a copy of a million items
    return table.take(np.sort(firsts.column("position_min").to_numpy()))


def _stamped(table: pa.Table, batch_id: str) -> pa.Table:
    """*table* with every row in batch *batch_id*."""
    column = table.schema.get_field_index("batch_id")
    value = pa.scalar(batch_id, pa.string())
    return table.set_column(column, "batch_id", pa.repeat(value, table.num_rows))


def _empty(table: str) -> pa.Table:
    if table == "signals":
        from socialplan.activity.signals import SIGNALS_SCHEMA

        return SIGNALS_SCHEMA.empty_table()
    return SCHEMAS[table].empty_table()
