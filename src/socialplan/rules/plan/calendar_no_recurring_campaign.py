"""SP717 calendar.no_recurring_campaign: no contest, promotion or game comes back regularly."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

#: The recurring kinds that surprise and involve the audience, as opposed to regular series.
CAMPAIGN_KINDS = frozenset({"contest", "promotion", "game"})
#: A quarter at most between two rounds; listed so that a longer period added later fails.
OFTEN_ENOUGH = frozenset({"day", "week", "month", "quarter"})


@register
class NoRecurringCampaign(PlanRule):
    """The calendar has no contest, promotion or game each month or quarter."""

    code = "SP717"
    name = "calendar.no_recurring_campaign"
    title = N_("No recurring contest, promotion or game")
    mistakes = ("M27",)
    severity = Severity.INFO
    message = N_(
        "the calendar has no contest, promotion or game that comes back at least every quarter"
    )
    fix = N_(
        "plan a contest, promotion or game that returns every month or quarter, to keep "
        "the channels fresh"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Look for one recurring campaign of the right kind and rhythm in the calendar."""
        calendar = strategy.calendar
        # No calendar at all is SP716's finding.
        if calendar is None:
            return
        if any(r.kind in CAMPAIGN_KINDS and r.every in OFTEN_ENOUGH for r in calendar.recurring):
            return
        yield self.found(key_path(("calendar",), calendar, "recurring"))
