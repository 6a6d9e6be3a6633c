"""KPI progress: the value the data shows for each KPI, against the quarter's target.

A value is the figure imported for the KPI (from a CRM, web analytics, ...: the ``kpis`` table)
where there is one, else what the activity store can compute (followers, impressions, reach,
engagement rate, reply rate, response time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

import ibis
import ibis.expr.types as ir

from socialplan.measure.response import ResponseReport, ResponseStats
from socialplan.strategy.model import Kpi, Strategy
from socialplan.strategy.model.metrics import kpi_reference, quarter_days

#: KPI kinds where a smaller figure is better.
LOWER_IS_BETTER = frozenset({"response_time", "churn", "cost_per_acquisition"})
#: Kinds counted over time: a quarter's value is the sum of its figures.
FLOW_KINDS = frozenset(
    {
        "likes",
        "impressions",
        "reach",
        "views",
        "shares",
        "mentions",
        "brand_search",
        "site_visits",
        "clicks",
        "leads",
        "conversions",
        "sales",
        "revenue",
        "repeat_purchase",
        "reviews",
        "user_content",
    }
)
#: Kinds counting people at a moment: the latest figure, added up across networks.
HEADCOUNT_KINDS = frozenset({"followers", "fans", "advocates"})
#: Kinds that are rates, scores or costs: the latest figure, averaged across networks.
RATIO_KINDS = frozenset(
    {
        "engagement_rate",
        "share_of_voice",
        "cost_per_acquisition",
        "retention",
        "churn",
        "nps",
        "satisfaction",
        "response_time",
        "reply_rate",
    }
)

Origin = Literal["imported", "measured"]


@dataclass(frozen=True)
class KpiProgress:
    """One KPI: its baseline, this quarter's target and its value, if known, and where from."""

    kpi: Kpi
    quarter: str
    target: float | None
    value: float | None
    origin: Origin | None = None

    @property
    def on_track(self) -> bool | None:
        """Whether the value meets the quarter's target; None when either is unknown."""
        if self.target is None or self.value is None:
            return None
        if self.kpi.kind in LOWER_IS_BETTER:
            return self.value <= self.target
        return self.value >= self.target


@dataclass(frozen=True)
class Figure:
    """An imported figure of the audited quarter, as :func:`imported_value` weighs it."""

    kpi: str
    first_day: dt.date
    last_day: dt.date
    value: float
    network: str | None = None
    account_id: str | None = None

    @property
    def whole_quarter(self) -> bool:
        """True for a figure of the whole quarter rather than of one day in it."""
        return self.first_day < self.last_day


def quarter_of(day: dt.date) -> str:
    """``2027-Q1`` for a day in January to March 2027."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def kpi_progress(
    strategy: Strategy,
    metrics: ir.Table,
    responses: ResponseReport,
    today: dt.date,
    imported: ir.Table | None = None,
) -> list[KpiProgress]:
    """Progress of every KPI of the strategy: imported figures first, else what the store shows."""
    quarter = quarter_of(today)
    figures = quarter_figures(imported, quarter, today) if imported is not None else []
    latest = _latest_metrics(metrics, today)
    overall = responses.overall.get("*")
    result = []
    for kpi in strategy.metrics.kpis if strategy.metrics else []:
        target = kpi.targets.get(quarter)
        value = imported_value(kpi, figures)
        if value is not None:
            result.append(KpiProgress(kpi, quarter, target, value, "imported"))
            continue
        value = _measured(kpi.kind, latest, overall)
        origin: Origin | None = "measured" if value is not None else None
        result.append(KpiProgress(kpi, quarter, target, value, origin))
    return result


def quarter_figures(imported: ir.Table, quarter: str, today: dt.date) -> list[Figure]:
    """The imported figures of *quarter*: for the whole quarter, or for a day up to *today*."""
    first, last = quarter_days(quarter)
    rows = imported.filter(
        (imported.first_day >= ibis.literal(first))
        & (imported.first_day <= ibis.literal(today))
        & (imported.last_day <= ibis.literal(last))
    ).select("kpi", "first_day", "last_day", "value", "network", "account_id")
    return [Figure(**row) for row in rows.to_pyarrow().to_pylist()]


def imported_value(kpi: Kpi, figures: Iterable[Figure]) -> float | None:
    """The quarter's value of *kpi* from imported figures; None when no figure is about it.

    Figures naming the KPI (its id or name) are used, else those naming its kind. A figure for
    the whole quarter wins over figures for days in it, and figures for the whole brand (no
    network) win over figures per network or channel, so a file holding both a total and its
    breakdown is not counted twice. Over time, flows (leads, sales, visits, ...) add up over
    the quarter and every other kind takes its latest figure. Across networks and channels,
    flows and headcounts (followers, advocates) add up; rates, scores and costs are averaged.
    """
    figures = list(figures)
    chosen = [f for f in figures if f.kpi in kpi.references] or [
        f for f in figures if f.kpi == kpi_reference(kpi.kind)
    ]
    chosen = _preferred(chosen, lambda f: f.whole_quarter)
    chosen = _preferred(chosen, lambda f: f.network is None)
    if not chosen:
        return None
    sources: dict[tuple[str | None, str | None], list[Figure]] = {}
    for figure in chosen:
        sources.setdefault((figure.network, figure.account_id), []).append(figure)
    per_source = [_over_time(kpi.kind, found) for found in sources.values()]
    return fmean(per_source) if kpi.kind in RATIO_KINDS else sum(per_source)


def _preferred(figures: list[Figure], test: Callable[[Figure], bool]) -> list[Figure]:
    """The figures that pass *test*, or all of them when none does."""
    return [f for f in figures if test(f)] or figures


def _over_time(kind: str, figures: list[Figure]) -> float:
    """One source's value for the quarter: the sum of a flow, else the latest figure."""
    if kind in FLOW_KINDS:
        return sum(f.value for f in figures)
    return max(figures, key=lambda f: f.last_day).value


def _measured(kind: str, latest: dict[str, float], overall: ResponseStats | None) -> float | None:
    """What the activity store says of a KPI of *kind*; None for kinds it cannot tell."""
    if kind in ("followers", "fans"):
        return latest.get("followers")
    if kind in ("impressions", "reach", "views"):
        return latest.get("impressions" if kind != "reach" else "reach")
    if kind == "engagement_rate" and latest.get("impressions"):
        return round(100 * (latest.get("engagements") or 0) / latest["impressions"], 2)
    if kind == "reply_rate" and overall and overall.rate is not None:
        return round(100 * overall.rate, 1)
    if kind == "response_time" and overall and overall.median_hours is not None:
        return round(overall.median_hours, 1)
    return None


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
