"""SP708 channel.no_persona: a channel serves no persona, or one that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS

UNKNOWN = N_(
    "{network} {account} serves the persona {persona}, which is not defined under personas"
)
UNKNOWN_FIX = N_("define {persona} in personas, or correct the id to one that is defined")


@register
class ChannelNoPersona(PlanRule):
    """A channel without a researched audience."""

    code = "SP708"
    name = "channel.no_persona"
    title = N_("Channel without a persona")
    mistakes = ("M09",)
    severity = Severity.WARNING
    message = N_("{network} {account} names no persona it serves")
    fix = N_("list the personas this channel is for, by their id in personas")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report channels without personas, and persona ids that are not defined."""
        defined = {persona.id for persona in strategy.personas}
        for index, channel in enumerate(strategy.channels):
            network = NETWORKS[channel.network].label
            if not channel.personas:
                # An empty list is still written in the document, so point at it.
                yield self.found(
                    key_path(("channels", index), channel, "personas"),
                    network=network,
                    account=channel.account,
                )
                continue
            # Without any personas every id is unknown; the audience rules report that once.
            if not defined:
                continue
            for number, persona in enumerate(channel.personas):
                if persona not in defined:
                    yield self.found(
                        ("channels", index, "personas", number),
                        UNKNOWN,
                        UNKNOWN_FIX,
                        network=network,
                        account=channel.account,
                        persona=persona,
                    )
