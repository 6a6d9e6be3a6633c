"""SE102 conversation.low_reply_rate: the brand answers too few of the people who write to it."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


@register
class LowReplyRate(EvidenceRule):
    """The share of audience comments and mentions the brand replied to is low."""

    code = "SE102"
    name = "conversation.low_reply_rate"
    title = N_("Broadcasting instead of talking")
    mistakes = ("M06",)
    severity = Severity.WARNING
    options = (
        Option(
            "min_rate",
            0.5,
            N_("The lowest acceptable share of answered comments (0-1)."),
            minimum=0,
            maximum=1,
        ),
        Option(
            "min_items",
            10,
            N_("Fewer audience comments than this on a network are not judged."),
            minimum=1,
        ),
    )
    message = N_(
        "the brand answered {answered} of {total} comments and mentions on {network} ({percent}%)"
    )
    fix = N_(
        "reply to the people who write to the brand; name who answers on the channel and "
        "check the inbox daily"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Compare each network's reply rate with the minimum."""
        report = evidence.responses
        for network, stats in sorted(report.overall.items()):
            if network == "*" or stats.total < self.settings["min_items"]:
                continue
            rate = stats.rate or 0.0
            if rate < self.settings["min_rate"]:
                index = evidence.channel_index(network)
                yield self.found(
                    ("channels", index) if index is not None else (),
                    answered=stats.answered,
                    total=stats.total,
                    percent=round(100 * rate),
                    network=NETWORKS[network].label if network in NETWORKS else network,
                )
