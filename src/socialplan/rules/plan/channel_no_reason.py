"""SP702 channel.no_reason: a channel does not say why the brand is there."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class ChannelNoReason(PlanRule):
    """A channel without a reason to be in the plan."""

    code = "SP702"
    name = "channel.no_reason"
    title = N_("Channel without a reason")
    mistakes = ("M12",)
    severity = Severity.WARNING
    message = N_("{network} {account} gives no reason for the brand to be there")
    fix = N_(
        "write the reason: whom the brand meets on {network} and what it wants from them "
        "there; drop the channel if there is none"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each channel whose ``reason`` is absent or empty."""
        for index, channel in enumerate(strategy.channels):
            if channel.reason:
                continue
            # An empty reason is still written in the document, so point at it; else at the channel.
            yield self.found(
                key_path(("channels", index), channel, "reason"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
            )
