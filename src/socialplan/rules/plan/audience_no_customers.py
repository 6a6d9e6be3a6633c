"""SP403 audience.no_customers: the audience leaves out the people who already buy."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class AudienceNoCustomers(PlanRule):
    """Personas exist, but none of them is an existing customer."""

    code = "SP403"
    name = "audience.no_customers"
    title = N_("Existing customers left out of the audience")
    mistakes = ("M07",)
    severity = Severity.WARNING
    message = N_(
        "every persona is a prospect; the customers the brand already has are not in the audience"
    )
    fix = N_(
        "add a persona for the people who already buy, with relationship: customer, and "
        "plan how social media keeps them and turns them into advocates"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report personas of which none has ``relationship: customer``."""
        personas = strategy.personas
        # No personas at all is audience.missing's finding.
        if personas and all(p.relationship != "customer" for p in personas):
            yield self.found(("personas",))
