"""KPI progress: the value the data shows for each KPI, against the quarter's target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from socialplan.measure.response import ResponseReport
from socialplan.strategy.model import Kpi, Strategy

#: KPI kinds where a smaller figure is better.
LOWER_IS_BETTER = frozenset({"response_time", "churn", "cost_per_acquisition"})


@dataclass(frozen=True)
class KpiProgress:
    """One KPI: its baseline, this quarter's target and the value measured, if the data has it."""

    kpi: Kpi
    quarter: str
    target: float | None
    value: float | None

    @property
    def on_track(self) -> bool | None:
        """Whether the measured value meets the quarter's target; None when either is unknown."""
        if self.target is None or self.value is None:
            return None
        if self.kpi.kind in LOWER_IS_BETTER:
            return self.value <= self.target
        return self.value >= self.target


def quarter_of(day: dt.date) -> str:
    """``2027-Q1`` for a day in January to March 2027."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def kpi_progress(
    strategy: Strategy, metrics: ir.Table, responses: ResponseReport, today: dt.date
) -> list[KpiProgress]:
    """Progress of every KPI of the strategy, measured where the store can tell."""
    quarter = quarter_of(today)
    latest = _latest_metrics(metrics, today)
    result = []
    for kpi in strategy.metrics.kpis if strategy.metrics else []:
        value: float | None = None
        overall = responses.overall.get("*")
        if kpi.kind in ("followers", "fans"):
            value = latest.get("followers")
        elif kpi.kind in ("impressions", "reach", "views"):
            value = latest.get("impressions" if kpi.kind != "reach" else "reach")
        elif kpi.kind == "engagement_rate" and latest.get("impressions"):
            value = round(100 * (latest.get("engagements") or 0) / latest["impressions"], 2)
        elif kpi.kind == "reply_rate" and overall and overall.rate is not None:
            value = round(100 * overall.rate, 1)
        elif kpi.kind == "response_time" and overall and overall.median_hours is not None:
            value = round(overall.median_hours, 1)
        result.append(KpiProgress(kpi, quarter, kpi.targets.get(quarter), value))
    return result


def _latest_metrics(metrics: ir.Table, today: dt.date) -> dict[str, float]:
    """Followers on the last day with data; impressions, reach, engagements over 91 days."""
    since = today - dt.timedelta(days=91)
    window = metrics.filter(
        (metrics.day <= ibis.literal(today)) & (metrics.day > ibis.literal(since))
    )
    sums = (
        window.aggregate(
            impressions=window.impressions.sum(),
            reach=window.reach.sum(),
            engagements=window.engagements.sum(),
            last_day=window.day.max(),
        )
        .to_pyarrow()
        .to_pylist()
    )
    values: dict[str, float] = {}
    if sums and sums[0]["last_day"] is not None:
        row = sums[0]
        values.update(
            {
                k: float(row[k])
                for k in ("impressions", "reach", "engagements")
                if row[k] is not None
            }
        )
        last = window.filter(window.day == ibis.literal(row["last_day"]))
        followers = last.aggregate(total=last.followers.sum()).to_pyarrow().to_pylist()
        if followers and followers[0]["total"] is not None:
            values["followers"] = float(followers[0]["total"])
    return values
