"""SP703 channel.no_pillars: a channel has no content pillars."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class ChannelNoPillars(PlanRule):
    """A channel without the topics it posts about."""

    code = "SP703"
    name = "channel.no_pillars"
    title = N_("Channel without content pillars")
    mistakes = ("M05",)
    severity = Severity.WARNING
    message = N_("{network} {account} has no content pillars")
    fix = N_(
        "name the few topics the channel posts about, each tied to the brand, with its "
        "share of the posts"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each channel whose ``pillars`` list is absent or empty."""
        for index, channel in enumerate(strategy.channels):
            if channel.pillars:
                continue
            # An empty list is still written in the document, so point at it; else at the channel.
            yield self.found(
                key_path(("channels", index), channel, "pillars"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
            )
