"""Step 5: the KPIs, their baselines and quarterly targets."""

from __future__ import annotations

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


class Metrics(Part):
    """How success is measured."""

    maturity: Maturity | None = None
    kpis: list[Kpi] = Field(default_factory=list)
