"""SP909 advocacy.no_ethics: the advocacy programme has no ethics rules."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class AdvocacyNoEthics(PlanRule):
    """The advocacy programme sets no ethics rules."""

    code = "SP909"
    name = "advocacy.no_ethics"
    title = N_("Advocacy without ethics rules")
    mistakes = ("M08",)
    severity = Severity.INFO
    message = N_("the advocacy programme sets no ethics rules")
    fix = N_(
        "list under ethics the rules advocates follow, starting with disclosing that the "
        "brand rewards them"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report an advocacy part whose ``ethics`` list is absent or empty."""
        advocacy = strategy.advocacy
        if advocacy is None or advocacy.ethics:
            return
        yield self.found(key_path(("advocacy",), advocacy, "ethics"))
