"""SE303 content.self_promotion: most of what the brand posts is about selling itself."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


@register
class SelfPromotion(EvidenceRule):
    """The share of promotional brand posts on a network is above the limit."""

    code = "SE303"
    name = "content.self_promotion"
    title = N_("All about the brand")
    mistakes = ("M15",)
    severity = Severity.WARNING
    options = (
        Option(
            "max_share",
            0.4,
            N_("The highest acceptable share of promotional posts (0-1)."),
            minimum=0,
            maximum=1,
        ),
        Option(
            "min_posts",
            10,
            N_("Fewer brand posts than this on a network are not judged."),
            minimum=1,
        ),
        Option("examples", 5, N_("How many promotional posts a finding quotes."), minimum=1),
    )
    message = N_(
        "{promotional} of {total} brand posts on {network} ({percent}%) promote the "
        "brand, its products or its offers"
    )
    fix = N_(
        "give before you ask: most posts should help, teach, entertain or feature the "
        "audience; keep promotion to a minority of the mix"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Count promotional posts per network in the engine; report networks above the share."""
        items = evidence.items
        posts = items.filter((items.author_kind == "brand") & (items.kind == "post"))
        promotional = posts.promotional.fill_null(False)
        counts = (
            posts.group_by("network")
            .aggregate(total=posts.count(), promotional=promotional.ifelse(1, 0).sum())
            .order_by("network")
            .to_pyarrow()
            .to_pylist()
        )
        for row in counts:
            network, total, selling = (
                str(row["network"]),
                int(row["total"]),
                int(row["promotional"]),
            )
            if total < self.settings["min_posts"] or selling / total <= self.settings["max_share"]:
                continue
            chosen = posts.filter(promotional & (posts.network == network))
            shown = (
                chosen.select("item_id", "account_id", "network", "created_at", "text")
                .order_by([chosen.created_at.desc(), chosen.item_id])
                .limit(self.settings["examples"])
                .to_pyarrow()
                .to_pylist()
            )
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in shown],
                promotional=selling,
                total=total,
                percent=round(100 * selling / total),
                network=NETWORKS[network].label if network in NETWORKS else network,
            )
