"""SP201 goal.missing: the strategy names no business goal."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class GoalMissing(PlanRule):
    """The document has no business goal at all."""

    code = "SP201"
    name = "goal.missing"
    title = N_("No business goal")
    mistakes = ("M01",)
    severity = Severity.ERROR
    message = N_("the strategy names no business goal")
    fix = N_(
        "add a goal: the business outcome social media serves, with a metric, a target "
        "and a deadline"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document without a ``goal`` part."""
        if strategy.goal is None:
            yield self.found(("goal",))
