"""SP816 policy.no_approval_rules: the policy does not say what needs approval, or by whom."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

NO_APPROVERS = N_("the approval rules name nobody who approves")
NO_APPROVERS_FIX = N_("list under approvers the people or roles who give the approval")


@register
class PolicyNoApprovalRules(PlanRule):
    """The policy has no approval rules, or rules without approvers."""

    code = "SP816"
    name = "policy.no_approval_rules"
    title = N_("No approval rules")
    mistakes = ("M18",)
    severity = Severity.INFO
    message = N_("the policy does not say what needs approval before it is posted")
    fix = N_(
        "add an approval section: what needs a second look (campaigns, replies to a "
        "crisis, anything legal) and who approves it"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a policy without ``approval``, or an approval without ``approvers``."""
        policy = strategy.policy
        if policy is None:
            return
        approval = policy.approval
        if approval is None:
            yield self.found(key_path(("policy",), policy, "approval"))
        elif not approval.approvers:
            yield self.found(
                key_path(("policy", "approval"), approval, "approvers"),
                NO_APPROVERS,
                NO_APPROVERS_FIX,
            )
