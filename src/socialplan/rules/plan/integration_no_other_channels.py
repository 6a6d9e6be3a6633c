"""SP903 integration.no_other_channels: social media is expected to do everything on its own."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class IntegrationNoOtherChannels(PlanRule):
    """The integration names no channel besides social media."""

    code = "SP903"
    name = "integration.no_other_channels"
    title = N_("Social media as a magic bullet")
    mistakes = ("M21",)
    severity = Severity.WARNING
    message = N_("the integration names no other channel, so social media carries everything alone")
    fix = N_(
        "list under other_channels what else reaches customers (email, the website, shops, "
        "events, advertising) and what each one carries"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report an integration whose ``other_channels`` list is absent or empty."""
        integration = strategy.integration
        if integration is None or integration.other_channels:
            return
        yield self.found(key_path(("integration",), integration, "other_channels"))
