"""Step 2: the business goal and the social objectives that serve it."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from socialplan.strategy.model.vocab import KpiKind, ObjectiveKind, Part, Text


class Goal(Part):
    """The business outcome social media serves, measurable and dated."""

    outcome: Text = Field(description="The business result, in words.")
    metric: str | None = Field(None, description="What is counted to know it happened.")
    kind: KpiKind | None = Field(None, description="The kind of figure the metric is.")
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    deadline: date | None = None


class Objective(Part):
    """A social objective; exactly one of them is primary."""

    kind: ObjectiveKind
    primary: bool = False
    why: str | None = None
