"""SP719 channel.no_contact_point: customers cannot reach the brand on a channel."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class NoContactPoint(PlanRule):
    """A channel that does not say how a customer reaches the brand there."""

    code = "SP719"
    name = "channel.no_contact_point"
    title = N_("Channel without a contact point")
    mistakes = ("M06",)
    severity = Severity.WARNING
    message = N_("{network} {account} shows customers no way to reach the brand")
    fix = N_(
        "add a contact point for the channel: direct messages, a support account, a phone "
        "number or a link to a contact page"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each channel whose ``contact`` is absent or empty."""
        for index, channel in enumerate(strategy.channels):
            if channel.contact:
                continue
            # An empty contact is still written in the document, so point at it; else the channel.
            yield self.found(
                key_path(("channels", index), channel, "contact"),
                network=NETWORKS[channel.network].label,
                account=channel.account,
            )
