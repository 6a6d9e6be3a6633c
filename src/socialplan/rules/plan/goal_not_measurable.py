"""SP202 goal.not_measurable: the goal cannot be measured."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class GoalNotMeasurable(PlanRule):
    """The goal lacks the metric or the target that would tell whether it was reached."""

    code = "SP202"
    name = "goal.not_measurable"
    title = N_("Business goal that cannot be measured")
    mistakes = ("M01",)
    severity = Severity.ERROR
    message = N_("the goal has no {missing}, so nobody can tell whether it was reached")
    fix = N_("name the figure that shows the outcome (metric) and the value to reach (target)")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a goal without ``metric`` or without ``target``."""
        goal = strategy.goal
        if goal is None:
            return
        written = goal.model_fields_set
        for key, present in (("metric", bool(goal.metric)), ("target", goal.target is not None)):
            if not present:
                path = ("goal", key) if key in written else ("goal",)
                yield self.found(path, missing=key)
