"""The whole strategy document."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from socialplan.strategy.model.audience import Listening, Persona
from socialplan.strategy.model.channels import Calendar, Channel, Exclusion, OneThing
from socialplan.strategy.model.goal import Goal, Objective
from socialplan.strategy.model.governance import Policy, RegistryAccount, Voice
from socialplan.strategy.model.metrics import Metrics
from socialplan.strategy.model.outreach import Advocacy, Integration
from socialplan.strategy.model.team import Team
from socialplan.strategy.model.vocab import LanguageTag, Part, Text


class Organisation(Part):
    """Whose strategy this is."""

    name: Text
    website: str | None = None


class Silence(Part):
    """A finding the team has decided to accept, with the reason why."""

    rule: Text = Field(description="Rule code or name.")
    at: str | None = Field(None, description="Document path, e.g. channels[2].cadence.")
    reason: Text


class Strategy(Part):
    """A social media strategy: the seven steps plus voice, policy and governance.

    Every part may be absent so that a draft still loads; the plan rules report what is missing.
    """

    version: Literal[1] = 1
    language: LanguageTag = Field("en", description="The language the document is written in.")
    organisation: Organisation | None = None
    team: Team | None = None
    goal: Goal | None = None
    objectives: list[Objective] = Field(default_factory=list)
    listening: Listening | None = None
    personas: list[Persona] = Field(default_factory=list)
    metrics: Metrics | None = None
    one_thing: OneThing | None = None
    channels: list[Channel] = Field(default_factory=list)
    excluded_networks: list[Exclusion] = Field(default_factory=list)
    calendar: Calendar | None = None
    voice: Voice | None = None
    policy: Policy | None = None
    accounts: list[RegistryAccount] | None = Field(
        None, description="The account registry; absent means no registry is kept."
    )
    advocacy: Advocacy | None = None
    integration: Integration | None = None
    silence: list[Silence] = Field(default_factory=list)

    def brand_accounts(self) -> list[tuple[str, str]]:
        """The brand's own accounts as (network, handle): the registry and the channel plan."""
        pairs = [(a.network, a.handle) for a in self.accounts or []]
        return pairs + [(c.network, c.account) for c in self.channels]

    def primary_objective(self) -> str | None:
        """The primary objective's kind, when exactly one is primary."""
        primaries = [o.kind for o in self.objectives if o.primary]
        return primaries[0] if len(primaries) == 1 else None
