"""Step 5: the KPIs, their baselines and quarterly targets."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field

from socialplan.strategy.model.vocab import (
    KPI_OBJECTIVE,
    VANITY_KINDS,
    KpiKind,
    Maturity,
    Part,
    Quarter,
    Slug,
    Text,
)


class Kpi(Part):
    """A figure the team commits to move, quarter by quarter."""

    id: Slug
    name: Text
    kind: KpiKind
    baseline: float | None = None
    targets: dict[Quarter, float] = Field(default_factory=dict, description="Target per quarter.")
    unit: str | None = None
    source: str | None = Field(None, description="Where the figure comes from.")

    @property
    def vanity(self) -> bool:
        """True for figures that count attention, not business results."""
        return self.kind in VANITY_KINDS

    @property
    def serves(self) -> str | None:
        """The objective this KPI's kind serves, if it serves one."""
        return KPI_OBJECTIVE.get(self.kind)

    @property
    def references(self) -> frozenset[str]:
        """How imported figures name this KPI itself: its id or its name."""
        return frozenset({kpi_reference(self.id), kpi_reference(self.name)})


class Metrics(Part):
    """How success is measured."""

    maturity: Maturity | None = None
    kpis: list[Kpi] = Field(default_factory=list)


def kpi_reference(text: str) -> str:
    """A KPI's id, name or kind the way imported figures are matched: case and ``-``/``_`` aside."""
    return re.sub(r"[\s_\-]+", " ", text).strip().casefold()


def quarter_days(quarter: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter such as ``2026-Q4``."""
    year, number = int(quarter[:4]), int(quarter[-1])
    following = dt.date(year + number // 4, 3 * number % 12 + 1, 1)
    return dt.date(year, 3 * number - 2, 1), following - dt.timedelta(days=1)
