"""SP401 audience.missing: the strategy describes nobody it is written for."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class AudienceMissing(PlanRule):
    """The document has no personas."""

    code = "SP401"
    name = "audience.missing"
    title = N_("No target audience")
    mistakes = ("M23",)
    severity = Severity.ERROR
    message = N_("the strategy describes no personas, so nobody knows whom it is for")
    fix = N_(
        "add personas from research: who they are, what they care about, how they behave "
        "online and on which networks they are active"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document whose ``personas`` list is absent or empty."""
        if not strategy.personas:
            yield self.found(("personas",))
