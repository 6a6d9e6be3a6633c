"""The same store behind different query engines: DuckDB by default, PostgreSQL or Spark to scale.

Evidence rules are written once as Ibis expressions. DuckDB reads the Parquet files in place;
for PostgreSQL and PySpark the store's tables are loaded into the engine first, which is what a
deployment that outgrows one machine does once per import rather than per audit.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from socialplan.activity.store import TABLES, Store, _empty


def duckdb_backend(store: Store) -> ibis.BaseBackend:
    """An in-process DuckDB over the store's Parquet files."""
    con = ibis.duckdb.connect()
    # DuckDB draws a progress bar on stdout for queries over two seconds: into the findings
    # when they go to stdout as JSON or SARIF.
    con.raw_sql("SET enable_progress_bar = false")
    for table in TABLES:
        files = store.files(table)
        if files:
            con.read_parquet([str(f) for f in files], table_name=table)
        else:
            # Registered as Arrow: creating a table from it would import pandas (half a second).
            con.con.register(table, _empty(table))
    return con


def load_into(con: ibis.BaseBackend, store: Store) -> ibis.BaseBackend:
    """Copy every table of *store* into *con* (PostgreSQL, PySpark, ...), replacing old copies."""
    for table in TABLES:
        con.create_table(table, store.read(table), overwrite=True)
    return con


def tables(con: ibis.BaseBackend) -> dict[str, ir.Table]:
    """The store's tables on *con*, by name."""
    return {name: con.table(name) for name in TABLES}


def connect(store: Store, backend: str = "duckdb", **options: Any) -> ibis.BaseBackend:
    """A backend holding *store*: ``duckdb``, or ``postgres``/``pyspark`` with their options."""
    if backend == "duckdb":
        return duckdb_backend(store)
    con = getattr(ibis, backend).connect(**options)
    return load_into(con, store)
