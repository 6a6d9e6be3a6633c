"""SP505 kpi.no_baseline_or_source: a KPI cannot show progress or cannot be checked."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

#: What to write for each missing field; the message is the same for both.
FIXES = {
    "baseline": N_("write down today's value of {kpi} as its baseline, so progress shows"),
    "source": N_(
        "name where the figures of {kpi} come from: the network's analytics, the web "
        "analytics, the shop or the customer database"
    ),
}


@register
class KpiNoBaselineOrSource(PlanRule):
    """A KPI without a baseline, or without a source for its figures."""

    code = "SP505"
    name = "kpi.no_baseline_or_source"
    title = N_("KPI without a baseline or a source")
    mistakes = ("M12",)
    severity = Severity.WARNING
    message = N_("KPI {kpi} has no {missing}")
    fix = FIXES["baseline"]

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report one finding per KPI and missing field."""
        if strategy.metrics is None:
            return
        for index, kpi in enumerate(strategy.metrics.kpis):
            at = ("metrics", "kpis", index)
            missing = []
            if kpi.baseline is None:
                missing.append("baseline")
            if not kpi.source:
                missing.append("source")
            for field in missing:
                # Point at the key when the document writes it, even empty; else at the KPI.
                path = (*at, field) if field in kpi.model_fields_set else at
                yield self.found(path, fix=FIXES[field], kpi=kpi.name, missing=field)
