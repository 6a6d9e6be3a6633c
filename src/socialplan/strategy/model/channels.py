"""Steps 6 and 7: the one thing, the channel plan and the editorial calendar."""

from __future__ import annotations

from pydantic import Field

from socialplan.strategy.model.vocab import (
    Format,
    Network,
    Part,
    Period,
    PillarKind,
    RecurringKind,
    Slug,
    Text,
)


class OneThing(Part):
    """The one idea the brand stands for, beyond its features."""

    statement: Text
    proof: list[Text] = Field(default_factory=list)


class Pillar(Part):
    """A content pillar and its share of the channel's posts."""

    name: Text
    kind: PillarKind
    share: float = Field(ge=0, le=100, description="Percent of the channel's posts.")
    brand_link: str | None = Field(None, description="How this topic ties to the brand.")


class Cadence(Part):
    """How often the channel posts."""

    posts: float = Field(ge=0)
    per: Period = "week"

    def per_day(self) -> float:
        """The cadence as posts per day."""
        days = {"day": 1, "week": 7, "month": 30, "quarter": 91}[self.per]
        return self.posts / days


class Resources(Part):
    """What the channel is given to work with."""

    people: float | None = Field(None, ge=0)
    hours_per_week: float | None = Field(None, ge=0)
    budget_per_month: float | None = Field(None, ge=0)
    currency: str | None = None

    def any(self) -> bool:
        """True when at least some people, hours or money are committed."""
        return any((self.people, self.hours_per_week, self.budget_per_month))


class Responses(Part):
    """Who answers on the channel, and how fast."""

    owner: Text
    within_hours: float | None = Field(None, gt=0)


class Channel(Part):
    """One account on one network, and why the brand is there."""

    network: Network
    account: Text
    reason: str | None = None
    personas: list[Slug] = Field(default_factory=list)
    pillars: list[Pillar] = Field(default_factory=list)
    formats: list[Format] = Field(default_factory=list)
    cadence: Cadence | None = None
    owner: str | None = None
    resources: Resources | None = None
    kpis: list[Slug] = Field(default_factory=list)
    contact: str | None = Field(None, description="How a customer reaches the brand here.")
    responses: Responses | None = None


class Exclusion(Part):
    """A network deliberately left out, with the reason and its evidence."""

    network: Network
    reason: Text
    evidence: str | None = None


class Recurring(Part):
    """A contest, promotion or series that comes back on a rhythm."""

    kind: RecurringKind
    every: Period
    description: str | None = None


class Calendar(Part):
    """The editorial calendar: how far ahead it is planned and what recurs."""

    planned_weeks_ahead: int | None = Field(None, ge=0)
    review: str | None = None
    recurring: list[Recurring] = Field(default_factory=list)
