"""SE305 content.single_format: every brand post on a network has the same format."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit, first_rows
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
        """Count posts per network and media list in the engine; name the formats in Python."""
        items = evidence.items
        posts = items.filter((items.author_kind == "brand") & (items.kind == "post"))
        # Posts share a handful of media lists: fetching each distinct list once, with its
        # count, replaces reading the media of every post.
        lists = posts.group_by("network", "media").aggregate(n=posts.count())
        totals: dict[str, int] = {}
        formats: dict[str, set[str]] = {}
        for row in lists.to_pyarrow().to_pylist():
            network = str(row["network"])
            totals[network] = totals.get(network, 0) + int(row["n"])
            formats.setdefault(network, set()).add(post_format(row["media"]))
        single = {
            network: formats[network].pop()
            for network, total in totals.items()
            if total >= self.settings["min_posts"] and len(formats[network]) == 1
        }
        if not single:
            return
        quoted = first_rows(
            posts.filter(posts.network.isin(sorted(single))),
            self.settings["examples"],
            newest=True,
        )
        for network, format_ in sorted(single.items()):
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in quoted.get(network, [])],
                count=totals[network],
                network=NETWORKS[network].label if network in NETWORKS else network,
                format=format_,
            )
