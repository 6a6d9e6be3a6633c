"""Steps 3 and 4: listening, and the personas the plan serves."""

from __future__ import annotations

from pydantic import Field

from socialplan.strategy.model.vocab import Network, Part, Relationship, Slug, Text


class Listening(Part):
    """What is listened to, where, and how it feeds the plan."""

    brand_terms: list[Text] = Field(default_factory=list)
    competitor_terms: list[Text] = Field(default_factory=list)
    topic_terms: list[Text] = Field(default_factory=list)
    channels: list[Network] = Field(default_factory=list)
    owner: str | None = None
    feeds_plan: str | None = Field(None, description="How findings change the plan.")


class Demographics(Part):
    """Who the persona is, in numbers and places."""

    age: str | None = None
    gender: str | None = None
    location: str | None = None
    languages: list[Text] = Field(default_factory=list)
    occupation: str | None = None
    income: str | None = None


class Psychographics(Part):
    """What the persona values, enjoys and struggles with."""

    values: list[Text] = Field(default_factory=list)
    interests: list[Text] = Field(default_factory=list)
    challenges: list[Text] = Field(default_factory=list)


class OnlineBehaviour(Part):
    """How the persona behaves online."""

    devices: list[Text] = Field(default_factory=list)
    active_hours: str | None = None
    content_preferences: list[Text] = Field(default_factory=list)
    notes: str | None = None


class PersonaNetwork(Part):
    """A network where the persona is active, and how we know."""

    network: Network
    evidence: str | None = None


class Persona(Part):
    """A person the plan is written for."""

    id: Slug
    name: Text
    relationship: Relationship = "prospect"
    demographics: Demographics | None = None
    psychographics: Psychographics | None = None
    online_behaviour: OnlineBehaviour | None = None
    networks: list[PersonaNetwork] = Field(default_factory=list)
