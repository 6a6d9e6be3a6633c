"""SP709 channel.persona_not_there: a channel serves a persona who is not on its network."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class PersonaNotThere(PlanRule):
    """The persona a channel serves is not known to be active on the channel's network."""

    code = "SP709"
    name = "channel.persona_not_there"
    title = N_("Persona not active on the channel's network")
    mistakes = ("M09",)
    severity = Severity.WARNING
    message = N_(
        "{network} {account} serves the persona {persona}, who is not known to be "
        "active on {network}"
    )
    fix = N_(
        "find out where the persona {persona} really spends time: add {network} to its "
        "networks with the evidence, or serve it on another channel"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Compare each served persona's networks with the channel's network."""
        personas = {persona.id: persona for persona in strategy.personas}
        for index, channel in enumerate(strategy.channels):
            for number, persona_id in enumerate(channel.personas):
                persona = personas.get(persona_id)
                # Undefined ids are SP708's finding; personas without networks are the
                # audience rules' finding, so only a persona with known networks is compared.
                if persona is None or not persona.networks:
                    continue
                if channel.network in {place.network for place in persona.networks}:
                    continue
                yield self.found(
                    ("channels", index, "personas", number),
                    network=NETWORKS[channel.network].label,
                    account=channel.account,
                    persona=persona.name,
                )
