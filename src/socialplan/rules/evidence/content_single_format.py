"""SE305 content.single_format: every brand post on a network has the same format."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


def post_format(media: list[str] | None) -> str:
    """A post's format: its media kinds joined with '+', or 'text' when it has none."""
    return "+".join(sorted({str(m) for m in media if m})) if media else "text"


@register
class SingleFormat(EvidenceRule):
    """A network where all brand posts use one media format."""

    code = "SE305"
    name = "content.single_format"
    title = N_("One format only")
    mistakes = ("M27",)
    severity = Severity.INFO
    options = (
        Option(
            "min_posts",
            10,
            N_("Fewer brand posts than this on a network are not judged."),
            minimum=2,
        ),
        Option("examples", 5, N_("How many posts a finding quotes."), minimum=1),
    )
    message = N_("all {count} brand posts on {network} have the same format: {format}")
    fix = N_(
        "vary the formats the network's audience enjoys: photos, short videos, "
        "carousels, polls, live sessions, stories"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Count posts per network in the engine; read the media of the busy networks only."""
        items = evidence.items
        posts = items.filter((items.author_kind == "brand") & (items.kind == "post"))
        counts = posts.group_by("network").aggregate(total=posts.count())
        busy = counts.filter(counts.total >= self.settings["min_posts"]).to_pyarrow().to_pylist()
        for row in sorted(busy, key=lambda r: str(r["network"])):
            network = str(row["network"])
            chosen = posts.filter(posts.network == network)
            media = chosen.select("media").to_pyarrow().column("media").to_pylist()
            formats = {post_format(m) for m in media}
            if len(formats) != 1:
                continue
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
                count=int(row["total"]),
                network=NETWORKS[network].label if network in NETWORKS else network,
                format=formats.pop(),
            )
