"""SP907 advocacy.unpaid: advocates are expected to promote the brand for nothing."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

NO_BUDGET = N_("the advocacy programme has no budget")
NO_BUDGET_FIX = N_("set budget_per_year: what the rewards, events and gifts for advocates cost")


@register
class AdvocacyUnpaid(PlanRule):
    """The advocacy programme offers no rewards, or has no budget."""

    code = "SP907"
    name = "advocacy.unpaid"
    title = N_("Advocacy expected for free")
    mistakes = ("M08",)
    severity = Severity.WARNING
    message = N_("the advocacy programme gives advocates nothing in return")
    fix = N_(
        "list under rewards what advocates get: recognition, early access, perks, "
        "discounts, events, gifts or money"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report an advocacy part without ``rewards``, and one without a budget."""
        advocacy = strategy.advocacy
        if advocacy is None:
            return
        written = advocacy.model_fields_set
        if not advocacy.rewards:
            yield self.found(("advocacy", "rewards") if "rewards" in written else ("advocacy",))
        # A budget of zero is as unpaid as no budget at all.
        if not advocacy.budget_per_year:
            yield self.found(
                ("advocacy", "budget_per_year") if "budget_per_year" in written else ("advocacy",),
                NO_BUDGET,
                NO_BUDGET_FIX,
            )
