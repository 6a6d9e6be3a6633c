"""SP712 channel.no_owner: nobody runs a channel."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class ChannelNoOwner(PlanRule):
    """A channel with nobody answerable for it."""

    code = "SP712"
    name = "channel.no_owner"
    title = N_("Channel without an owner")
    mistakes = ("M12",)
    severity = Severity.WARNING
    message = N_("nobody owns {network} {account}")
    fix = N_("name the person who runs the channel and answers for its results")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each channel whose ``owner`` is absent or empty."""
        for index, channel in enumerate(strategy.channels):
            if channel.owner:
                continue
            # An empty owner is still written in the document, so point at it; else the channel.
            yield self.found(
                key_path(("channels", index), channel, "owner"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
            )
