"""SP716 calendar.missing: the strategy has no editorial calendar."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class CalendarMissing(PlanRule):
    """The document has no editorial calendar."""

    code = "SP716"
    name = "calendar.missing"
    title = N_("No editorial calendar")
    mistakes = ("M27",)
    severity = Severity.WARNING
    message = N_("the strategy has no editorial calendar")
    fix = N_(
        "add a calendar: how many weeks ahead posts are planned, when the plan is reviewed "
        "and what comes back on a rhythm"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document without a ``calendar`` part."""
        if strategy.calendar is None:
            yield self.found(("calendar",))
