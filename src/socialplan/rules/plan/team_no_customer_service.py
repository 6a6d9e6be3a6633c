"""SP103 team.no_customer_service: the people who talk to customers are not on the team."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class TeamNoCustomerService(PlanRule):
    """No current team member comes from customer service."""

    code = "SP103"
    name = "team.no_customer_service"
    title = N_("Customer service left out of the team")
    mistakes = ("M10",)
    severity = Severity.WARNING
    message = N_(
        "nobody on the team comes from customer service, the people who already "
        "talk to customers every day"
    )
    fix = N_(
        "add a current member from customer_service and make them part of how questions "
        "and complaints on social media are answered"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Look for customer_service among the departments of people who have not left."""
        team = strategy.team
        # A missing or empty team, or one of leavers only, is team.missing's finding.
        if team is None:
            return
        departments = team.departments()
        if departments and "customer_service" not in departments:
            yield self.found(("team", "people"))
