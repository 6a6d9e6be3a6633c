"""SP806 account.no_two_factor: an account in the registry is not protected by two-factor."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class AccountNoTwoFactor(PlanRule):
    """A registry account whose two-factor sign-in is off or not recorded."""

    code = "SP806"
    name = "account.no_two_factor"
    title = N_("Account without two-factor sign-in")
    mistakes = ("M19",)
    severity = Severity.ERROR
    message = N_("{handle} on {network} is not protected by two-factor sign-in")
    fix = N_("turn on two-factor sign-in for {handle} and record it as two_factor: true")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report every account whose ``two_factor`` is not true."""
        for index, account in enumerate(strategy.accounts or ()):
            if account.two_factor is True:
                continue
            # Unknown counts as off: nobody can vouch for a protection nobody recorded.
            yield self.found(
                key_path(("accounts", index), account, "two_factor"),
                handle=account.handle,
                network=NETWORKS[account.network].label,
            )
