"""SP503 kpi.objective_not_measured: no KPI tells whether the primary objective is met."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.vocab import KPI_OBJECTIVE


@register
class KpiObjectiveNotMeasured(PlanRule):
    """The primary objective is served by no meaningful KPI."""

    code = "SP503"
    name = "kpi.objective_not_measured"
    title = N_("Primary objective without a KPI")
    mistakes = ("M03",)
    severity = Severity.WARNING
    message = N_("no KPI measures the primary objective, {objective}")
    fix = N_("add a KPI that shows progress on {objective}, for example one of {examples}")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Look for a non-vanity KPI whose kind serves the primary objective."""
        objective = strategy.primary_objective()
        metrics = strategy.metrics
        # No single primary objective, or no KPIs at all, are other rules' findings.
        if objective is None or metrics is None or not metrics.kpis:
            return
        if any(not kpi.vanity and kpi.serves == objective for kpi in metrics.kpis):
            return
        examples = [kind for kind, serves in KPI_OBJECTIVE.items() if serves == objective]
        yield self.found(("metrics", "kpis"), objective=objective, examples=", ".join(examples[:4]))
