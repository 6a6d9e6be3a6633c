"""SP803 policy.no_forbidden_content: the policy does not say what must never be posted."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class PolicyNoForbiddenContent(PlanRule):
    """The policy names no forbidden content categories."""

    code = "SP803"
    name = "policy.no_forbidden_content"
    title = N_("Policy without forbidden content")
    mistakes = ("M18",)
    severity = Severity.WARNING
    message = N_("the policy does not say what must never be posted")
    fix = N_(
        "list the forbidden categories under forbidden, for example insult, racism, "
        "sexism, obscenity and confidential"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a policy whose ``forbidden`` list is absent or empty."""
        policy = strategy.policy
        if policy is None or policy.forbidden:
            return
        # Point at the key when the document writes it, even empty; else at the policy.
        yield self.found(key_path(("policy",), policy, "forbidden"))
