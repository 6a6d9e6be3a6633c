"""SP710 channel.exclusion_without_evidence: a network is left out on an assumption."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@register
class ExclusionWithoutEvidence(PlanRule):
    """An excluded network whose exclusion rests on no evidence."""

    code = "SP710"
    name = "channel.exclusion_without_evidence"
    title = N_("Network excluded without evidence")
    mistakes = ("M11",)
    severity = Severity.WARNING
    message = N_(
        "{network} is left out of the plan with no evidence that the audience is not there"
    )
    fix = N_(
        "check whether the audience uses {network} before ruling it out, and write what "
        "you found as evidence; assumptions about age are often wrong"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each ``excluded_networks`` entry without ``evidence``."""
        for index, exclusion in enumerate(strategy.excluded_networks):
            if exclusion.evidence:
                continue
            # Empty evidence is still written in the document, so point at it; else the entry.
            path: tuple[str | int, ...] = ("excluded_networks", index)
            if "evidence" in exclusion.model_fields_set:
                path = (*path, "evidence")
            yield self.found(path, network=NETWORKS[exclusion.network].label)
