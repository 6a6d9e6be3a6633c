"""SP203 goal.no_deadline: the goal has no date, or its date is gone."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

PAST = N_("the goal's deadline, {deadline}, has already passed")
PAST_FIX = N_(
    "compare what was reached with the target, then set the next target and a new deadline"
)


@register
class GoalNoDeadline(PlanRule):
    """The goal has no deadline, or a deadline before the day of the check."""

    code = "SP203"
    name = "goal.no_deadline"
    title = N_("Business goal without a deadline")
    mistakes = ("M01",)
    severity = Severity.WARNING
    message = N_("the goal has no deadline, so reaching it can always wait another quarter")
    fix = N_("set the date by which the target must be reached")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a goal without ``deadline`` or with one before ``today``."""
        goal = strategy.goal
        if goal is None:
            return
        if goal.deadline is None:
            # Point at the key when the document writes it, even empty; else at the goal.
            yield self.found(key_path(("goal",), goal, "deadline"))
        elif goal.deadline < self.today:
            yield self.found(
                ("goal", "deadline"), PAST, PAST_FIX, deadline=goal.deadline.isoformat()
            )
