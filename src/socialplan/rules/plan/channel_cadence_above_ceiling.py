"""SP715 channel.cadence_above_ceiling: a channel plans more posts than its network bears."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class CadenceAboveCeiling(PlanRule):
    """The planned cadence is above the network's daily ceiling."""

    code = "SP715"
    name = "channel.cadence_above_ceiling"
    title = N_("Posting more than the network bears")
    mistakes = ("M22",)
    severity = Severity.WARNING
    options = (
        Option(
            "ceilings",
            {},
            N_(
                "Posts per day allowed per network, overriding the built-in ceilings, "
                "for example x = 20."
            ),
        ),
    )
    message = N_("{per_day} posts a day planned on {network}; its ceiling is {ceiling}")
    fix = N_("post less and better: at most {ceiling} a day on {network}")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Compare each channel's cadence, as posts per day, with the ceiling."""
        overrides: dict[str, float] = self.settings["ceilings"]
        for index, channel in enumerate(strategy.channels):
            if channel.cadence is None:
                continue
            ceiling = overrides.get(channel.network, NETWORKS[channel.network].daily_ceiling)
            per_day = channel.cadence.per_day()
            if per_day > ceiling:
                yield self.found(
                    ("channels", index, "cadence"),
                    per_day=f"{round(per_day, 1):g}",
                    network=NETWORKS[channel.network].label,
                    ceiling=f"{ceiling:g}",
                )
