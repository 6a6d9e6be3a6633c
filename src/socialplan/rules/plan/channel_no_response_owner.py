"""SP707 channel.no_response_owner: nobody answers people on a channel."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class NoResponseOwner(PlanRule):
    """A channel that broadcasts with nobody named to answer."""

    code = "SP707"
    name = "channel.no_response_owner"
    title = N_("Nobody answers on the channel")
    mistakes = ("M06",)
    severity = Severity.ERROR
    message = N_("nobody is named to answer people on {network} {account}")
    fix = N_(
        "add responses: who answers comments and messages on the channel, and within how many hours"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each channel without ``responses``."""
        for index, channel in enumerate(strategy.channels):
            if channel.responses is not None:
                continue
            # A key written as null is in the document, so point at it; else at the channel.
            yield self.found(
                key_path(("channels", index), channel, "responses"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
            )
