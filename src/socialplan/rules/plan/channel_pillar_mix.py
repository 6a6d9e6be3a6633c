"""SP704 channel.pillar_mix: a channel's pillar shares do not add up to 100 percent."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class PillarMix(PlanRule):
    """The content mix of a channel is more or less than all of its posts."""

    code = "SP704"
    name = "channel.pillar_mix"
    title = N_("Pillar shares that do not add up")
    mistakes = ("M12",)
    severity = Severity.WARNING
    options = (
        Option(
            "tolerance",
            1.0,
            N_("How many percentage points the sum of the shares may differ from 100."),
            minimum=0,
        ),
    )
    message = N_("the pillar shares of {network} {account} add up to {total}%, not 100%")
    fix = N_("adjust the shares so that together they make 100% of the channel's posts")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Compare the sum of each channel's pillar shares with 100."""
        tolerance: float = self.settings["tolerance"]
        for index, channel in enumerate(strategy.channels):
            # A channel without pillars is SP703's finding, not a broken mix.
            if not channel.pillars:
                continue
            total = sum(pillar.share for pillar in channel.pillars)
            if abs(total - 100) > tolerance:
                yield self.found(
                    ("channels", index, "pillars"),
                    network=NETWORKS[channel.network].label,
                    account=channel.account,
                    total=f"{round(total, 2):g}",
                )
