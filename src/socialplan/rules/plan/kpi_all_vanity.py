"""SP502 kpi.all_vanity: every KPI counts attention, none a business result."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class KpiAllVanity(PlanRule):
    """Only vanity figures (followers, likes, reach, ...) are measured."""

    code = "SP502"
    name = "kpi.all_vanity"
    title = N_("Only vanity metrics")
    mistakes = ("M03",)
    severity = Severity.ERROR
    message = N_(
        "every KPI counts attention ({kinds}); none shows whether the business gained anything"
    )
    fix = N_(
        "add KPIs that show the objective is being met, such as site visits, leads, "
        "sales or retention, and keep the attention figures as context only"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a KPI list in which every KPI is a vanity figure."""
        metrics = strategy.metrics
        # No KPIs at all is kpi.missing's finding.
        if metrics is None or not metrics.kpis:
            return
        if all(kpi.vanity for kpi in metrics.kpis):
            kinds = sorted({kpi.kind for kpi in metrics.kpis})
            yield self.found(("metrics", "kpis"), kinds=", ".join(kinds))
