"""SP809 account.no_owner: an account in the registry has nobody answerable for it."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class AccountNoOwner(PlanRule):
    """A registry account without an owner."""

    code = "SP809"
    name = "account.no_owner"
    title = N_("Account without an owner")
    mistakes = ("M19",)
    severity = Severity.WARNING
    message = N_("{handle} on {network} has no owner")
    fix = N_("name the one person answerable for {handle} as its owner")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report every account whose ``owner`` is absent or empty."""
        for index, account in enumerate(strategy.accounts or ()):
            if account.owner:
                continue
            yield self.found(
                key_path(("accounts", index), account, "owner"),
                handle=account.handle,
                network=NETWORKS[account.network].label,
            )
