"""Advocacy and the integration of social media with the rest of marketing."""

from __future__ import annotations

from pydantic import Field

from socialplan.strategy.model.vocab import Part, Reward, Text


class Advocacy(Part):
    """The loyalty and advocacy programme."""

    advocates: str | None = Field(None, description="Who the advocates are.")
    rewards: list[Reward] = Field(default_factory=list)
    budget_per_year: float | None = Field(None, ge=0)
    currency: str | None = None
    ethics: list[Text] = Field(default_factory=list)


class LandingPage(Part):
    """A page social traffic is sent to."""

    url: Text
    purpose: str | None = None
    mobile_ready: bool | None = None


class Tracking(Part):
    """How visits from social are measured."""

    utm: bool = False
    analytics: str | None = None


class Integration(Part):
    """How social fits the overall marketing plan, the website and other channels."""

    marketing_plan: str | None = None
    other_channels: list[Text] = Field(default_factory=list)
    website: str | None = None
    landing_pages: list[LandingPage] = Field(default_factory=list)
    tracking: Tracking | None = None
    budget_per_month: float | None = Field(None, ge=0)
