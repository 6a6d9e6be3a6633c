"""SP720 channel.single_format: a channel plans too few formats."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class SingleFormat(PlanRule):
    """A channel whose posts all take one shape, or whose formats are not planned."""

    code = "SP720"
    name = "channel.single_format"
    title = N_("Too few formats on a channel")
    mistakes = ("M27",)
    severity = Severity.INFO
    options = (
        Option(
            "min_formats",
            2,
            N_("The fewest different formats each channel should plan."),
            minimum=1,
        ),
    )
    message = N_("too few formats on {network} {account}: {count} planned, {minimum} expected")
    fix = N_(
        "vary the shape of the posts with formats the network's audience likes, for "
        "example images, short videos and polls"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Count the distinct formats of each channel, an empty list included."""
        minimum: int = self.settings["min_formats"]
        for index, channel in enumerate(strategy.channels):
            # The same format listed twice is still one format.
            count = len(set(channel.formats))
            if count >= minimum:
                continue
            yield self.found(
                key_path(("channels", index), channel, "formats"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
                count=count,
                minimum=minimum,
            )
