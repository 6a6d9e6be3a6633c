"""SP101 team.missing: nobody is named to own the strategy."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

NO_PEOPLE = N_("the team lists nobody")
ALL_LEFT = N_("everyone listed on the team has left the organisation")
ALL_LEFT_FIX = N_(
    "name the people who own the strategy now, from several departments, "
    "customer service among them"
)


@register
class TeamMissing(PlanRule):
    """The document has no team, or a team without anyone still in it."""

    code = "SP101"
    name = "team.missing"
    title = N_("No team owns the strategy")
    mistakes = ("M10",)
    severity = Severity.ERROR
    message = N_("the strategy names no team to own it")
    fix = N_(
        "add a team of people from several departments, customer service among them, "
        "and say what each of them owns"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a missing team, an empty one, or one whose members have all left."""
        team = strategy.team
        if team is None:
            yield self.found(("team",))
            return
        if not team.people:
            # Point at the key when the document writes it, even empty; else at the team.
            yield self.found(key_path(("team",), team, "people"), NO_PEOPLE)
            return
        # A team of leavers owns nothing; the department rules stay quiet and leave it to us.
        if all(person.left is not None for person in team.people):
            yield self.found(("team", "people"), ALL_LEFT, ALL_LEFT_FIX)
