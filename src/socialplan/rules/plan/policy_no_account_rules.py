"""SP804 policy.no_account_rules: the policy names nobody who may open accounts."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class PolicyNoAccountRules(PlanRule):
    """The policy does not say who may create accounts for the brand."""

    code = "SP804"
    name = "policy.no_account_rules"
    title = N_("Policy without account rules")
    mistakes = ("M18",)
    severity = Severity.WARNING
    message = N_("the policy does not say who may open accounts for the brand")
    fix = N_("name under account_creators the people or roles allowed to open new accounts")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a policy whose ``account_creators`` list is absent or empty."""
        policy = strategy.policy
        if policy is None or policy.account_creators:
            return
        # Point at the key when the document writes it, even empty; else at the policy.
        yield self.found(key_path(("policy",), policy, "account_creators"))
