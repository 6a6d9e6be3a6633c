"""SP402 persona.incomplete: a persona lacks part of what makes it a target audience."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.locate import Path
from socialplan.strategy.model import Persona, Strategy

#: What to write for each missing aspect; the message is the same for all of them.
FIXES = {
    "demographics": N_("describe who {persona} is: age, place, languages and occupation"),
    "psychographics": N_("describe what {persona} values, is interested in and struggles with"),
    "interests": N_("list the interests of {persona}: the topics they follow and enjoy"),
    "online_behaviour": N_(
        "describe how {persona} uses the internet: devices, active hours "
        "and the content they prefer"
    ),
    "networks": N_("list the networks where {persona} is active, with the evidence for each"),
}


@register
class PersonaIncomplete(PlanRule):
    """A persona without demographics, interests, online behaviour or networks."""

    code = "SP402"
    name = "persona.incomplete"
    title = N_("Incomplete persona")
    mistakes = ("M23",)
    severity = Severity.WARNING
    message = N_("persona {persona} has no {aspect}")
    fix = FIXES["demographics"]

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report one finding per missing aspect of each persona."""
        for index, persona in enumerate(strategy.personas):
            for aspect, path in _missing(persona, ("personas", index)):
                yield self.found(path, fix=FIXES[aspect], persona=persona.name, aspect=aspect)


def _missing(persona: Persona, at: Path) -> Iterator[tuple[str, Path]]:
    """The missing aspects of *persona* and where to point for each."""
    if persona.demographics is None:
        yield "demographics", _place(persona.model_fields_set, at, "demographics")
    psycho = persona.psychographics
    if psycho is None:
        yield "psychographics", _place(persona.model_fields_set, at, "psychographics")
    elif not psycho.interests:
        # Values and challenges alone do not say what content will reach the persona.
        yield "interests", _place(psycho.model_fields_set, (*at, "psychographics"), "interests")
    if persona.online_behaviour is None:
        yield "online_behaviour", _place(persona.model_fields_set, at, "online_behaviour")
    if not persona.networks:
        yield "networks", _place(persona.model_fields_set, at, "networks")


def _place(written: set[str], at: Path, key: str) -> Path:
    """*key* under *at* when the document writes it, even empty; else *at* itself."""
    return (*at, key) if key in written else at
