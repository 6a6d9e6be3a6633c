"""SP811 account.not_in_registry: a planned channel's account is missing from the registry."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


def same_handle(handle: str) -> str:
    """*handle* in the form two spellings of one account share: no leading @, any case."""
    return handle.strip().lstrip("@").casefold()


@register
class AccountNotInRegistry(PlanRule):
    """A channel whose account the registry does not list."""

    code = "SP811"
    name = "account.not_in_registry"
    title = N_("Channel account missing from the registry")
    mistakes = ("M19",)
    severity = Severity.WARNING
    message = N_("the account {handle} on {network} is planned but not in the registry")
    fix = N_("add {handle} on {network} to accounts, with its owner and who has access")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Match each channel's network and account against the registry."""
        # No registry, or an empty one, is reported once by registry.missing, not per channel.
        if not strategy.accounts:
            return
        known = {(a.network, same_handle(a.handle)) for a in strategy.accounts}
        for index, channel in enumerate(strategy.channels):
            if (channel.network, same_handle(channel.account)) not in known:
                yield self.found(
                    ("channels", index, "account"),
                    handle=channel.account,
                    network=NETWORKS[channel.network].label,
                )
