"""SP205 objective.primary_count: the plan does not lead with exactly one objective."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

SEVERAL = N_("{count} objectives are marked primary, but a plan can lead with only one")
SEVERAL_FIX = N_(
    "keep primary: true on the objective that serves the business goal most "
    "directly and make the others secondary"
)


@register
class ObjectivePrimaryCount(PlanRule):
    """No objective, or more than one, is marked primary."""

    code = "SP205"
    name = "objective.primary_count"
    title = N_("Not exactly one primary objective")
    mistakes = ("M02",)
    severity = Severity.ERROR
    message = N_("no social objective is marked primary, so the plan has no single aim to serve")
    fix = N_(
        "choose the one objective (awareness, sales or loyalty) that serves the business "
        "goal and mark it primary: true"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Count the objectives with ``primary: true``."""
        # An empty list also has no primary objective: this rule is the one that says so.
        count = sum(1 for objective in strategy.objectives if objective.primary)
        if count == 0:
            yield self.found(("objectives",))
        elif count > 1:
            yield self.found(("objectives",), SEVERAL, SEVERAL_FIX, count=count)
