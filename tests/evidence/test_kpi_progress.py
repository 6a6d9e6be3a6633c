"""KPI progress from imported figures (CRM, web analytics) and, failing those, from the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ibis
import pytest

from socialplan.activity.backends import duckdb_backend
from socialplan.activity.schema import Extract, KpiFigure, Metric
from socialplan.activity.store import Store
from socialplan.measure.kpi import (
    FLOW_KINDS,
    HEADCOUNT_KINDS,
    RATIO_KINDS,
    Figure,
    imported_value,
    kpi_progress,
    quarter_figures,
)
from socialplan.measure.response import ResponseReport, ResponseStats
from socialplan.strategy.model import Kpi, Metrics, Strategy
from socialplan.strategy.model.vocab import KPI_KINDS

TODAY = dt.date(2026, 11, 1)
Q4 = (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
RESPONSES = ResponseReport(
    overall={"*": ResponseStats(total=10, answered=6, median_hours=3.25, p90_hours=9.0)},
    questions={},
    negative={},
)


def kpi(kind: str, target: float | None = None, name: str | None = None, id_: str = "") -> Kpi:
    """A KPI of *kind*, with *target* for 2026-Q4 if given."""
    targets = {} if target is None else {"2026-Q4": target}
    return Kpi(id=id_ or kind.replace("_", "-"), name=name or kind, kind=kind, targets=targets)


def day(name: str, month: int, number: int, value: float, network: str | None = None) -> Figure:
    """A figure naming *name* for one day of 2026, for the whole brand or one network."""
    when = dt.date(2026, month, number)
    return Figure(name, when, when, value, network, f"{network}:acme" if network else None)


def test_every_kind_is_a_flow_a_headcount_or_a_ratio() -> None:
    assert set(KPI_KINDS) == FLOW_KINDS | HEADCOUNT_KINDS | RATIO_KINDS
    assert not FLOW_KINDS & HEADCOUNT_KINDS
    assert not FLOW_KINDS & RATIO_KINDS
    assert not HEADCOUNT_KINDS & RATIO_KINDS


def test_a_flow_adds_up_its_days() -> None:
    figures = [day("leads", 10, 5, 10), day("leads", 10, 20, 15.5)]
    assert imported_value(kpi("leads"), figures) == 25.5


def test_other_kinds_take_the_latest_day() -> None:
    assert imported_value(kpi("nps"), [day("nps", 10, 25, 42), day("nps", 10, 5, 30)]) == 42
    followers = [day("followers", 10, 5, 900), day("followers", 10, 30, 1000)]
    assert imported_value(kpi("followers"), followers) == 1000


def test_a_whole_quarter_figure_wins_over_days() -> None:
    figures = [day("sales", 10, 5, 10), Figure("sales", *Q4, 500), day("sales", 10, 6, 20)]
    assert imported_value(kpi("sales"), figures) == 500


def test_a_brand_figure_wins_over_its_breakdown() -> None:
    figures = [
        day("site visits", 10, 10, 600, "facebook"),
        day("site visits", 10, 10, 1000),
        day("site visits", 10, 10, 400, "x"),
    ]
    assert imported_value(kpi("site_visits"), figures) == 1000


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("followers", 4 + 6), ("leads", 2 + 4 + 6), ("engagement_rate", (4 + 6) / 2)],
    ids=["headcounts-add-up-the-latest", "flows-add-up", "ratios-average-the-latest"],
)
def test_networks_combine_by_kind(kind: str, expected: float) -> None:
    name = kind.replace("_", " ")
    figures = [
        day(name, 10, 1, 2, "facebook"),
        day(name, 10, 2, 4, "facebook"),
        day(name, 10, 1, 6, "instagram"),
    ]
    assert imported_value(kpi(kind), figures) == expected


def test_the_kpi_is_named_by_id_or_name_before_its_kind() -> None:
    repeat = kpi("repeat_purchase", name="Repeat bookings", id_="repeat")
    by_kind = [day("repeat purchase", 10, 3, 99)]
    assert imported_value(repeat, by_kind) == 99
    assert imported_value(repeat, [*by_kind, day("repeat bookings", 10, 3, 40)]) == 40
    assert imported_value(repeat, [*by_kind, day("repeat", 10, 3, 41)]) == 41


def test_no_figure_about_the_kpi_is_no_value() -> None:
    assert imported_value(kpi("churn"), [day("leads", 10, 3, 5)]) is None


# -- through the store ---------------------------------------------------------------------------


def connect(tmp_path: Path, *figures: KpiFigure) -> ibis.BaseBackend:
    """DuckDB over a store holding *figures* and a week of facebook followers."""
    extract = Extract(source_format="test", kpis=list(figures))
    for number in range(25, 32):
        extract.metrics.append(Metric("facebook", "acme", dt.date(2026, 10, number), followers=700))
    store = Store(tmp_path / "store")
    store.add(extract, "test", "f1")
    return duckdb_backend(store)


def progress(con: ibis.BaseBackend, *kpis: Kpi) -> dict[str, tuple[object, ...]]:
    """Each KPI's (value, origin, on track) on TODAY."""
    strategy = Strategy(metrics=Metrics(kpis=list(kpis)))
    found = kpi_progress(strategy, con.table("metrics"), RESPONSES, TODAY, con.table("kpis"))
    return {p.kpi.id: (p.value, p.origin, p.on_track) for p in found}


def test_only_the_quarter_up_to_today_counts(tmp_path: Path) -> None:
    con = connect(
        tmp_path,
        KpiFigure("leads", dt.date(2026, 9, 30), dt.date(2026, 9, 30), 100),  # last quarter
        KpiFigure("leads", dt.date(2026, 10, 1), dt.date(2026, 10, 1), 10),
        KpiFigure("leads", TODAY, TODAY, 15),
        KpiFigure("leads", dt.date(2026, 11, 2), dt.date(2026, 11, 2), 99),  # after today
        KpiFigure("leads", dt.date(2026, 7, 1), dt.date(2026, 9, 30), 70),  # 2026-Q3
    )
    figures = quarter_figures(con.table("kpis"), "2026-Q4", TODAY)
    assert sorted(f.value for f in figures) == [10, 15]
    assert progress(con, kpi("leads", 20)) == {"leads": (25, "imported", True)}


def test_imported_figures_come_first_then_the_store(tmp_path: Path) -> None:
    con = connect(
        tmp_path,
        KpiFigure("followers", *Q4, 5000),
        KpiFigure("response time", dt.date(2026, 10, 20), dt.date(2026, 10, 20), 2.5),
        KpiFigure("reply rate", dt.date(2026, 10, 20), dt.date(2026, 10, 20), 90, "facebook"),
    )
    kpis = [
        kpi("followers", 6000),
        kpi("response_time", 2),
        kpi("reply_rate", 50),
        kpi("fans", 600),
        kpi("churn"),
    ]
    assert progress(con, *kpis) == {
        "followers": (5000, "imported", False),
        "response-time": (2.5, "imported", False),
        "reply-rate": (90, "imported", True),
        "fans": (700, "measured", True),
        "churn": (None, None, None),
    }


def test_without_the_kpis_table_the_store_alone_speaks(tmp_path: Path) -> None:
    con = connect(tmp_path, KpiFigure("followers", *Q4, 5000))
    strategy = Strategy(metrics=Metrics(kpis=[kpi("followers"), kpi("reply_rate")]))
    found = kpi_progress(strategy, con.table("metrics"), RESPONSES, TODAY)
    assert [(p.value, p.origin) for p in found] == [(700, "measured"), (60, "measured")]
