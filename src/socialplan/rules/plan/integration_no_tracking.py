"""SP905 integration.no_tracking: visits from social media cannot be told apart."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

NO_UTM = N_("links are not tagged with UTM parameters")
NO_UTM_FIX = N_("set utm: true and add UTM parameters to every link posted")


@register
class IntegrationNoTracking(PlanRule):
    """The integration has no tracking, or its links carry no UTM parameters."""

    code = "SP905"
    name = "integration.no_tracking"
    title = N_("Links without tracking")
    mistakes = ("M24",)
    severity = Severity.WARNING
    message = N_("the integration does not say how visits from social media are measured")
    fix = N_(
        "add a tracking section: tag links with UTM parameters and name the analytics tool "
        "that counts the visits"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report an integration without ``tracking``, or whose tracking has ``utm`` off."""
        integration = strategy.integration
        if integration is None:
            return
        tracking = integration.tracking
        if tracking is None:
            yield self.found(key_path(("integration",), integration, "tracking"))
        elif not tracking.utm:
            yield self.found(
                key_path(("integration", "tracking"), tracking, "utm"),
                NO_UTM,
                NO_UTM_FIX,
            )
