"""SP812 policy.no_criticism_rule: the policy does not protect critical comments from deletion."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

MAY_DELETE = N_("the policy does not rule out deleting critical comments")
MAY_DELETE_FIX = N_(
    "set never_delete: true and hide comments only for the reasons listed in "
    "hide_only_for, such as spam or abuse"
)


@register
class PolicyNoCriticismRule(PlanRule):
    """The policy has no rule for criticism, or lets the team delete it."""

    code = "SP812"
    name = "policy.no_criticism_rule"
    title = N_("No rule for handling criticism")
    mistakes = ("M20",)
    severity = Severity.WARNING
    message = N_("the policy does not say how critical comments are handled")
    fix = N_(
        "add a criticism section: never delete criticism, answer it within a set time and "
        "say who it goes to when it is serious"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a policy without ``criticism``, or whose ``never_delete`` is not true."""
        policy = strategy.policy
        if policy is None:
            return
        criticism = policy.criticism
        if criticism is None:
            yield self.found(key_path(("policy",), policy, "criticism"))
        elif not criticism.never_delete:
            yield self.found(
                key_path(("policy", "criticism"), criticism, "never_delete"),
                MAY_DELETE,
                MAY_DELETE_FIX,
            )
