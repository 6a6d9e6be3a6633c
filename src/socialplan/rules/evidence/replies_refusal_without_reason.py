"""SE309 replies.refusal_without_reason: the brand says "no comment" instead of explaining."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

#: What the brand writes in answer to someone: replies, comments and direct messages.
REPLY_KINDS = ("reply", "comment", "message")


@register
class RefusalWithoutReason(EvidenceRule):
    """Brand replies that refuse to answer and give no reason."""

    code = "SE309"
    name = "replies.refusal_without_reason"
    title = N_('"No comment" instead of an honest answer')
    mistakes = ("M25",)
    severity = Severity.WARNING
    options = (Option("examples", 5, N_("How many replies a finding quotes."), minimum=1),)
    message = N_("{count} brand replies on {network} refuse to answer without saying why")
    fix = N_(
        "when you cannot answer, say why (the law, privacy, facts not yet known) and "
        "when or where the person will learn more"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Per network, the brand replies the text analysis marks as refusals."""
        items = evidence.items
        refusals = items.filter(
            (items.author_kind == "brand")
            & items.kind.isin(REPLY_KINDS)
            & items.refusal.fill_null(False)
        )
        rows = (
            refusals.select("item_id", "account_id", "network", "created_at", "text")
            .order_by(["network", "created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        by_network: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_network.setdefault(str(row["network"]), []).append(row)
        for network, found in sorted(by_network.items()):
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in found[: self.settings["examples"]]],
                count=len(found),
                network=NETWORKS[network].label if network in NETWORKS else network,
            )
