"""SP711 channel.no_cadence: a channel does not say how often it posts."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class ChannelNoCadence(PlanRule):
    """A channel without a posting rhythm."""

    code = "SP711"
    name = "channel.no_cadence"
    title = N_("Channel without a cadence")
    mistakes = ("M12",)
    severity = Severity.WARNING
    message = N_("{network} {account} has no posting cadence")
    fix = N_("plan how often the channel posts, for example 3 posts a week, and keep to it")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each channel without ``cadence``."""
        for index, channel in enumerate(strategy.channels):
            # A cadence of zero posts is kept: it is a decision, such as a channel for answers only.
            if channel.cadence is not None:
                continue
            yield self.found(
                key_path(("channels", index), channel, "cadence"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
            )
