"""SP501 kpi.missing: the strategy does not say how success is measured."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

NO_KPIS = N_("the metrics part lists no KPIs")


@register
class KpiMissing(PlanRule):
    """The document has no metrics, or metrics without any KPI."""

    code = "SP501"
    name = "kpi.missing"
    title = N_("No KPIs")
    mistakes = ("M03", "M12")
    severity = Severity.ERROR
    message = N_("the strategy does not say how its success will be measured")
    fix = N_(
        "add KPIs tied to the primary objective, each with a baseline, quarterly targets "
        "and the source of its figures"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a missing ``metrics`` part or an empty ``kpis`` list."""
        metrics = strategy.metrics
        if metrics is None:
            yield self.found(("metrics",))
        elif not metrics.kpis:
            # Point at the key when the document writes it, even empty; else at metrics.
            yield self.found(key_path(("metrics",), metrics, "kpis"), NO_KPIS)
