"""SP601 one_thing.missing: the strategy does not say what sets the brand apart."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class OneThingMissing(PlanRule):
    """The document has no one thing, the idea the brand stands for."""

    code = "SP601"
    name = "one_thing.missing"
    title = N_("No differentiator")
    mistakes = ("M29",)
    severity = Severity.WARNING
    message = N_("the strategy does not say what makes the brand different from its competitors")
    fix = N_(
        "add one_thing: in one sentence, the idea the brand stands for beyond its "
        "products, with the proof that it is true"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document without a ``one_thing`` part."""
        if strategy.one_thing is None:
            yield self.found(("one_thing",))
