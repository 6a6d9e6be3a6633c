"""SP301 listening.missing: the strategy does not plan to listen."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class ListeningMissing(PlanRule):
    """The document has no listening part."""

    code = "SP301"
    name = "listening.missing"
    title = N_("No listening")
    mistakes = ("M28",)
    severity = Severity.WARNING
    message = N_("the strategy does not say what the brand listens to on social media")
    fix = N_(
        "add a listening part: the brand, competitor and topic terms to follow, on which "
        "networks, who follows them and how what is heard changes the plan"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document without a ``listening`` part."""
        if strategy.listening is None:
            yield self.found(("listening",))
