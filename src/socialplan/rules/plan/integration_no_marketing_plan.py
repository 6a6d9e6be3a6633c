"""SP902 integration.no_marketing_plan: social media is not tied to the marketing plan."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class IntegrationNoMarketingPlan(PlanRule):
    """The integration does not name the marketing or brand plan social media serves."""

    code = "SP902"
    name = "integration.no_marketing_plan"
    title = N_("Social media outside the marketing plan")
    mistakes = ("M04",)
    severity = Severity.WARNING
    message = N_("the integration does not name the marketing plan social media is part of")
    fix = N_(
        "write under marketing_plan which brand or marketing plan social media serves and "
        "which of its aims it carries"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report an integration without ``marketing_plan``."""
        integration = strategy.integration
        if integration is None or integration.marketing_plan:
            return
        yield self.found(key_path(("integration",), integration, "marketing_plan"))
