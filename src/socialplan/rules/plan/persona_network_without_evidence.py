"""SP404 persona.network_without_evidence: a persona is placed on a network on a hunch."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class PersonaNetworkWithoutEvidence(PlanRule):
    """A network of a persona says nothing about how we know the persona is there."""

    code = "SP404"
    name = "persona.network_without_evidence"
    title = N_("Persona network without evidence")
    mistakes = ("M09",)
    severity = Severity.WARNING
    message = N_("nothing shows that persona {persona} is active on {network}")
    fix = N_(
        "write down how you know that {persona} is on {network}: a survey, interviews, "
        "analytics or market research; without any, drop the network or find out first"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each persona network whose ``evidence`` is absent or empty."""
        for index, persona in enumerate(strategy.personas):
            for number, entry in enumerate(persona.networks):
                if entry.evidence:
                    continue
                at = ("personas", index, "networks", number)
                # Point at the key when the document writes it, even empty; else at the entry.
                written = "evidence" in entry.model_fields_set
                yield self.found(
                    (*at, "evidence") if written else at,
                    persona=persona.name,
                    network=NETWORKS[entry.network].label,
                )
