"""SE101 conversation.unanswered_questions: questions from the audience nobody answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import ibis

from socialplan.i18n import N_
from socialplan.measure.response import conversations
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


@register
class UnansweredQuestions(EvidenceRule):
    """Audience questions left without a brand reply past the grace period."""

    code = "SE101"
    name = "conversation.unanswered_questions"
    title = N_("Questions left unanswered")
    mistakes = ("M06",)
    severity = Severity.ERROR
    options = (
        Option(
            "grace_hours",
            24,
            N_("Hours a question may wait before it counts as unanswered."),
            minimum=1,
        ),
        Option("examples", 5, N_("How many unanswered questions a finding quotes."), minimum=1),
    )
    message = N_("{count} questions on {network} got no answer from the brand")
    fix = N_("answer them now, and give the channel an owner who answers within a set time")

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Per network, the audience questions with no brand reply."""
        table = conversations(evidence.items)
        cutoff = evidence.now - dt.timedelta(hours=self.settings["grace_hours"])
        open_questions = table.filter(
            table.question.fill_null(False)
            & table.replied_at.isnull()
            & (table.created_at <= ibis.literal(cutoff))
        )
        # Count in the engine; fetch only the oldest few of each network as evidence, each
        # with its network's count (one query, not two over the conversations).
        ranked = open_questions.mutate(
            rank=ibis.row_number().over(
                group_by=open_questions.network,
                order_by=[open_questions.created_at, open_questions.item_id],
            ),
            total=open_questions.item_id.count().over(group_by=open_questions.network),
        )
        rows = (
            ranked.filter(ranked.rank < self.settings["examples"])
            .select("item_id", "account_id", "network", "created_at", "text", "total")
            .order_by(["network", "created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        counts = {r["network"]: r["total"] for r in rows}
        by_network: dict[str, list[dict[str, object]]] = {}
        for row in rows:
            by_network.setdefault(str(row["network"]), []).append(row)
        for network, found in sorted(by_network.items()):
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in found],
                count=counts[network],
                network=NETWORKS[network].label if network in NETWORKS else network,
            )
