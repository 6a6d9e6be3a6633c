"""The same evidence rules give the same findings on DuckDB, PostgreSQL and PySpark."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis
import pytest
from tests.conftest import EXAMPLES
from tests.servers import postgres

from socialplan.activity.backends import duckdb_backend, load_into
from socialplan.activity.importers.base import Brand
from socialplan.activity.ingest import import_path
from socialplan.activity.store import Store
from socialplan.activity.synthetic import Sizes, write_export
from socialplan.measure.kpi import kpi_progress
from socialplan.measure.response import response_report
from socialplan.rules.audit import Evidence, instantiate_evidence
from socialplan.rules.registry import all_rules
from socialplan.strategy import load_strategy

TODAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store holding a small synthetic export with every kind of problem in it."""
    root = tmp_path_factory.mktemp("backends")
    export = write_export(root / "export", Sizes(posts=120, days=200, seed=11))
    store = Store(root / "store")
    import_path(export, store, Brand.of([("facebook", "lotustrails")]))
    return store


def _findings(con: ibis.BaseBackend) -> list[tuple[Any, ...]]:
    loaded = load_strategy(EXAMPLES / "demo" / "strategy.yaml")
    evidence = Evidence(con=con, strategy=loaded.document, today=TODAY)
    rules = instantiate_evidence(all_rules(), {}, TODAY)
    found = []
    for rule in rules:
        for violation in rule.check(evidence):
            found.append(
                (
                    type(rule).code,
                    violation.path,
                    tuple(sorted((k, str(v)) for k, v in violation.args.items())),
                    tuple(sorted(e.item_id or e.account_id or "" for e in violation.exhibits)),
                )
            )
    return sorted(found)


def _progress(con: ibis.BaseBackend) -> list[tuple[Any, ...]]:
    """Each demo KPI's value and where it came from."""
    strategy = load_strategy(EXAMPLES / "demo" / "strategy.yaml").document
    evidence = Evidence(con=con, strategy=strategy, today=TODAY)
    responses = response_report(evidence.items, evidence.now)
    progress = kpi_progress(strategy, con.table("metrics"), responses, TODAY, con.table("kpis"))
    return [(p.kpi.id, p.value, p.origin) for p in progress]


@pytest.fixture(scope="module")
def kpis(store: Store) -> list[tuple[Any, ...]]:
    """KPI progress on DuckDB: imported repeat bookings, the rest measured."""
    found = _progress(duckdb_backend(store))
    assert [origin for _, _, origin in found] == ["imported", "measured", "measured", "measured"]
    return found


@pytest.fixture(scope="module")
def expected(store: Store) -> list[tuple[Any, ...]]:
    """The findings on DuckDB, the default engine."""
    found = _findings(duckdb_backend(store))
    assert len({f[0] for f in found}) >= 5, found
    return found


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local Spark session (Java 17 is on the machine), its warehouse in a temporary folder."""
    from pyspark.sql import SparkSession

    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    os.environ.setdefault("PYSPARK_PYTHON", os.sys.executable)  # type: ignore[attr-defined]
    session = (
        SparkSession.builder.master("local[2]")
        .appName("socialplan-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_postgres_gives_the_same_findings(store: Store, expected: list[tuple[Any, ...]]) -> None:
    with postgres() as options:
        con = load_into(ibis.postgres.connect(**options), store)
        assert _findings(con) == expected


def test_postgres_gives_the_same_kpi_progress(
    store: Store, kpis: list[tuple[Any, ...]], tmp_path: Path
) -> None:
    with postgres() as options:
        con = ibis.postgres.connect(**options)
        assert _progress(load_into(con, store)) == kpis
        assert _progress(load_into(con, Store(tmp_path))) == [(k, None, None) for k, *_ in kpis]


def test_pyspark_gives_the_same_findings(
    store: Store, expected: list[tuple[Any, ...]], spark: Any
) -> None:
    con = load_into(ibis.pyspark.connect(spark), store)
    assert _findings(con) == expected


def test_pyspark_gives_the_same_kpi_progress(
    store: Store, kpis: list[tuple[Any, ...]], spark: Any, tmp_path: Path
) -> None:
    con = ibis.pyspark.connect(spark)
    assert _progress(load_into(con, store)) == kpis
    assert _progress(load_into(con, Store(tmp_path))) == [(k, None, None) for k, *_ in kpis]


def test_duckdb_reads_the_files_in_place(store: Store, tmp_path: Path) -> None:
    con = duckdb_backend(store)
    assert con.table("items").count().execute() == store.read("items").num_rows
