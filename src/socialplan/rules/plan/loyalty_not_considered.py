"""SP906 loyalty.not_considered: the plan does nothing for existing customers."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class LoyaltyNotConsidered(PlanRule):
    """No loyalty objective and no advocacy programme."""

    code = "SP906"
    name = "loyalty.not_considered"
    title = N_("Loyalty not considered")
    mistakes = ("M07",)
    severity = Severity.WARNING
    message = N_("neither an objective nor an advocacy programme looks after existing customers")
    fix = N_(
        "add a loyalty objective, even a secondary one, or an advocacy section for the "
        "customers who already like the brand"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a plan with no ``loyalty`` objective and no ``advocacy`` part."""
        # A secondary loyalty objective counts: it shows existing customers were thought of.
        if strategy.advocacy is not None:
            return
        if any(objective.kind == "loyalty" for objective in strategy.objectives):
            return
        yield self.found(("objectives",))
