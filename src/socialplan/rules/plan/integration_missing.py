"""SP901 integration.missing: the strategy does not say how social fits the rest of marketing."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class IntegrationMissing(PlanRule):
    """The document has no integration part."""

    code = "SP901"
    name = "integration.missing"
    title = N_("Social media not integrated with marketing")
    mistakes = ("M04",)
    severity = Severity.WARNING
    message = N_("the strategy does not say how social media fits the rest of the marketing")
    fix = N_(
        "add an integration section: the marketing plan it serves, the other channels, "
        "the website and landing pages, and how visits are tracked"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document without an ``integration`` part."""
        if strategy.integration is None:
            yield self.found(("integration",))
