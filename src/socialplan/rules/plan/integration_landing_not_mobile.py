"""SP908 integration.landing_not_mobile: a landing page does not work on phones."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class IntegrationLandingNotMobile(PlanRule):
    """A landing page marked as not ready for mobile."""

    code = "SP908"
    name = "integration.landing_not_mobile"
    title = N_("Landing page not ready for phones")
    mistakes = ("M24",)
    severity = Severity.WARNING
    message = N_("the landing page {url} is not ready for phones")
    fix = N_("make {url} readable and usable on a phone before posts link to it")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report every landing page with ``mobile_ready: false``."""
        if strategy.integration is None:
            return
        for index, page in enumerate(strategy.integration.landing_pages):
            # Unknown is not a finding: only a page known to fail on phones is.
            if page.mobile_ready is False:
                yield self.found(
                    ("integration", "landing_pages", index, "mobile_ready"), url=page.url
                )
