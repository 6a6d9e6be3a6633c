"""SE103 conversation.slow_first_response: people wait too long for the brand's first answer."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


@register
class SlowFirstResponse(EvidenceRule):
    """The median first response is slower than the channel's promise."""

    code = "SE103"
    name = "conversation.slow_first_response"
    title = N_("Slow first response")
    mistakes = ("M06",)
    severity = Severity.WARNING
    options = (
        Option(
            "target_hours",
            24.0,
            N_("The response time used where the strategy sets none."),
            minimum=0,
        ),
    )
    message = N_(
        "half of the answers on {network} took longer than {median} hours (90% within "
        "{p90} hours); the target is {target} hours"
    )
    fix = N_("plan who answers at which hours, and answer questions and complaints first")

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Compare each network's median first response with its target."""
        report = evidence.responses
        for network, stats in sorted(report.overall.items()):
            if network == "*" or stats.median_hours is None:
                continue
            index = evidence.channel_index(network)
            target = self._target(evidence, index)
            if stats.median_hours > target:
                yield self.found(
                    ("channels", index, "responses") if index is not None else (),
                    network=NETWORKS[network].label if network in NETWORKS else network,
                    median=f"{stats.median_hours:.1f}",
                    p90=f"{stats.p90_hours or 0:.1f}",
                    target=f"{target:g}",
                )

    def _target(self, evidence: Evidence, index: int | None) -> float:
        """The channel's promise, else the policy's, else the option."""
        if index is not None:
            responses = evidence.strategy.channels[index].responses
            if responses and responses.within_hours:
                return responses.within_hours
        policy = evidence.strategy.policy
        if policy and policy.criticism and policy.criticism.respond_within_hours:
            return policy.criticism.respond_within_hours
        target: float = self.settings["target_hours"]
        return target
