"""SP810 account.shared_credentials: several people sign in to an account with one password."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class AccountSharedCredentials(PlanRule):
    """A registry account whose password is shared between people."""

    code = "SP810"
    name = "account.shared_credentials"
    title = N_("Shared account credentials")
    mistakes = ("M19",)
    severity = Severity.WARNING
    message = N_("several people share one password for {handle} on {network}")
    fix = N_(
        "give each person their own access to {handle} through the network's team roles "
        "or a management tool, then change the shared password"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report every account marked ``shared_credentials: true``."""
        for index, account in enumerate(strategy.accounts or ()):
            if account.shared_credentials:
                yield self.found(
                    ("accounts", index, "shared_credentials"),
                    handle=account.handle,
                    network=NETWORKS[account.network].label,
                )
