"""SP102 team.single_department: the strategy is one department's project."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class TeamSingleDepartment(PlanRule):
    """The current team comes from too few departments."""

    code = "SP102"
    name = "team.single_department"
    title = N_("Team from too few departments")
    mistakes = ("M10",)
    severity = Severity.WARNING
    options = (
        Option(
            "min_departments",
            2,
            N_("How many different departments the current team members must come from."),
            minimum=1,
        ),
    )
    message = N_(
        "the team's current members come only from {departments}; at least "
        "{minimum} departments should share the strategy"
    )
    fix = N_(
        "bring in people from other departments, such as sales, customer service and "
        "product, and give each of them something to own"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Count the departments of the people who have not left."""
        team = strategy.team
        # A missing or empty team, or one of leavers only, is team.missing's finding.
        if team is None:
            return
        departments = team.departments()
        if not departments:
            return
        minimum: int = self.settings["min_departments"]
        if len(departments) < minimum:
            yield self.found(
                ("team", "people"),
                departments=", ".join(sorted(departments)),
                minimum=minimum,
            )
