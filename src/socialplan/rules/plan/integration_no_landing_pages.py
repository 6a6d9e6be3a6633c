"""SP904 integration.no_landing_pages: social traffic has no page prepared to receive it."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class IntegrationNoLandingPages(PlanRule):
    """The integration names no landing page for visitors from social media."""

    code = "SP904"
    name = "integration.no_landing_pages"
    title = N_("No landing pages")
    mistakes = ("M24",)
    severity = Severity.WARNING
    message = N_("the integration names no page where visitors from social media land")
    fix = N_("list under landing_pages the pages posts link to, each with its purpose")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report an integration whose ``landing_pages`` list is absent or empty."""
        integration = strategy.integration
        if integration is None or integration.landing_pages:
            return
        yield self.found(key_path(("integration",), integration, "landing_pages"))
