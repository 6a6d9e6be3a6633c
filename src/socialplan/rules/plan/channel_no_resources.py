"""SP706 channel.no_resources: a channel has no people, hours or money."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class ChannelNoResources(PlanRule):
    """A channel expected to run without any investment."""

    code = "SP706"
    name = "channel.no_resources"
    title = N_("Channel without resources")
    mistakes = ("M04", "M12")
    severity = Severity.WARNING
    message = N_("{network} {account} has no people, hours or budget committed to it")
    fix = N_("give the channel what it needs to run: people, hours a week and a monthly budget")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report channels whose ``resources`` are absent or commit nothing."""
        for index, channel in enumerate(strategy.channels):
            if channel.resources is not None and channel.resources.any():
                continue
            # Resources written as zeros are still in the document, so point at them.
            yield self.found(
                key_path(("channels", index), channel, "resources"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
            )
