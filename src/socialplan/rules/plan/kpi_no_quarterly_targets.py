"""SP504 kpi.no_quarterly_targets: a KPI has nothing to reach, quarter by quarter."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class KpiNoQuarterlyTargets(PlanRule):
    """A KPI without quarterly targets."""

    code = "SP504"
    name = "kpi.no_quarterly_targets"
    title = N_("KPI without quarterly targets")
    mistakes = ("M03",)
    severity = Severity.WARNING
    message = N_(
        "KPI {kpi} has no quarterly targets, so nobody can tell whether it moves fast enough"
    )
    fix = N_("give {kpi} a number to reach in each quarter under targets, for example 2027-Q1: 150")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each KPI whose ``targets`` mapping is absent or empty."""
        if strategy.metrics is None:
            return
        for index, kpi in enumerate(strategy.metrics.kpis):
            if kpi.targets:
                continue
            at = ("metrics", "kpis", index)
            # Point at the key when the document writes it, even empty; else at the KPI.
            written = "targets" in kpi.model_fields_set
            yield self.found((*at, "targets") if written else at, kpi=kpi.name)
