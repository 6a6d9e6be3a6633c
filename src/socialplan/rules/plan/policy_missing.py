"""SP802 policy.missing: the strategy has no social media policy."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class PolicyMissing(PlanRule):
    """The document has no social media policy."""

    code = "SP802"
    name = "policy.missing"
    title = N_("No social media policy")
    mistakes = ("M18",)
    severity = Severity.ERROR
    message = N_("the strategy has no social media policy")
    fix = N_(
        "add a policy: what must never be posted, who may open accounts, what needs "
        "approval and how criticism is handled"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document without a ``policy`` part."""
        if strategy.policy is None:
            yield self.found(("policy",))
