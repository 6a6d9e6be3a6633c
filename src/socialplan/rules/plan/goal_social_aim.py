"""SP204 goal.social_aim: the goal is a social figure, not a business result."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.vocab import VANITY_KINDS

#: Figures that live on the networks: they can serve an objective, never be the business goal.
SOCIAL_KINDS = VANITY_KINDS | {"engagement_rate", "shares", "mentions"}


@register
class GoalSocialAim(PlanRule):
    """The goal counts attention on the networks instead of a business result."""

    code = "SP204"
    name = "goal.social_aim"
    title = N_("A social aim in place of a business goal")
    mistakes = ("M01",)
    severity = Severity.ERROR
    message = N_("the goal counts {kind}, a figure on the networks, not a result for the business")
    fix = N_(
        "aim the goal at a business result such as sales, leads, retention or revenue, "
        "and treat {kind} as one means to reach it"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a goal whose ``kind`` is a social or vanity figure."""
        goal = strategy.goal
        if goal is not None and goal.kind in SOCIAL_KINDS:
            yield self.found(("goal", "kind"), kind=goal.kind)
