"""Step 1: the cross-functional team."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from socialplan.strategy.model.vocab import Department, Part, Text


class Person(Part):
    """One member of the team and the department they come from."""

    name: Text
    department: Department
    role: str | None = None
    owns: list[Text] = Field(
        default_factory=list, description="What this person is answerable for."
    )
    left: date | None = Field(None, description="The day this person left the organisation.")


class Team(Part):
    """The people who own the strategy together."""

    people: list[Person] = Field(default_factory=list)

    def departments(self) -> set[str]:
        """The departments represented by people who have not left."""
        return {p.department for p in self.people if p.left is None}

    def names(self) -> set[str]:
        """Names of everyone on the team, leavers included."""
        return {p.name for p in self.people}
