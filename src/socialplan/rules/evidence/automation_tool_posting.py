"""SE206 automation.tool_posting: a network fed by scheduling tools, with nobody answering."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import ibis

from socialplan.i18n import N_
from socialplan.measure.cadence import BRAND_POSTS, ROW, brand_posts, until
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

#: Brand items that answer someone rather than broadcast.
REPLIES = ("comment", "reply", "message")
TOOLS = (
    "buffer", "hootsuite", "ifttt", "dlvr.it", "zapier", "socialpilot", "sprout social",
    "later", "publer", "sendible", "agorapulse", "loomly", "twitterfeed", "tweetdeck scheduler",
)  # fmt: skip


@register
class ToolPosting(EvidenceRule):
    """Most brand posts on a network come from automation tools and no person replies there."""

    code = "SE206"
    name = "automation.tool_posting"
    title = N_("Canned broadcasting")
    mistakes = ("M16",)
    severity = Severity.WARNING
    options = (
        Option(
            "tools",
            TOOLS,
            N_(
                "Names of posting clients that are automation or scheduling "
                "tools, matched as words in the client name, in any case."
            ),
        ),
        Option(
            "max_share",
            0.8,
            N_("The highest acceptable share of posts sent by tools (0-1)."),
            minimum=0,
            maximum=1,
        ),
        Option(
            "min_posts",
            10,
            N_("Networks with fewer brand posts than this are not judged."),
            minimum=1,
        ),
        Option(
            "min_replies",
            1,
            N_("Fewer replies by a person than this count as nobody answering."),
            minimum=0,
        ),
        Option("examples", 5, N_("How many tool posts a finding quotes."), minimum=1),
    )
    message = N_(
        "{tool_posts} of {posts} brand posts on {network} ({percent}%) were sent by automation "
        "tools ({tools}); replies written there by a person: {replies}"
    )
    fix = N_(
        "keep scheduling for planned posts, but put a person on the channel every day to "
        "answer comments, join conversations and adjust what goes out"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Count posts by tool clients and hand-written replies per network."""
        items = until(evidence.items, evidence.today)
        brand = items.filter(items.author_kind == "brand")
        rows = brand.group_by("network", "kind", "client").aggregate(n=brand.count())
        posts: dict[str, int] = defaultdict(int)
        by_tool: dict[str, dict[str, int]] = defaultdict(dict)
        replies: dict[str, int] = defaultdict(int)
        for row in rows.to_pyarrow().to_pylist():
            network, kind, client, n = (
                str(row["network"]),
                row["kind"],
                row["client"],
                int(row["n"]),
            )
            tool = isinstance(client, str) and self._is_tool(client)
            if kind in BRAND_POSTS:
                posts[network] += n
                if tool:
                    by_tool[network][str(client)] = by_tool[network].get(str(client), 0) + n
            elif kind in REPLIES and not tool:
                replies[network] += n
        for network, total in sorted(posts.items()):
            sent = sum(by_tool[network].values())
            if total < self.settings["min_posts"] or not sent:
                continue
            if sent / total <= self.settings["max_share"]:
                continue
            if replies[network] >= self.settings["min_replies"]:
                continue
            yield self._finding(evidence, network, total, by_tool[network], replies[network])

    def _is_tool(self, client: str) -> bool:
        """Whether *client* names one of the tools, as whole words in any case."""
        name = client.casefold()
        return any(
            re.search(rf"(?<!\w){re.escape(tool.casefold())}(?!\w)", name)
            for tool in self.settings["tools"]
        )

    def _finding(
        self, evidence: Evidence, network: str, total: int, tools: dict[str, int], replies: int
    ) -> Violation:
        """The finding for *network*, quoting its latest tool posts."""
        posts = brand_posts(until(evidence.items, evidence.today))
        latest = (
            posts.filter((posts.network == network) & posts.client.isin(sorted(tools)))
            .select(*ROW)
            .order_by([ibis.desc("created_at"), "item_id"])
            .limit(self.settings["examples"])
        )
        sent = sum(tools.values())
        index = evidence.channel_index(network)
        return self.found(
            ("channels", index) if index is not None else (),
            exhibits=[exhibit(r) for r in latest.to_pyarrow().to_pylist()],
            tool_posts=sent,
            posts=total,
            network=NETWORKS[network].label if network in NETWORKS else network,
            percent=round(100 * sent / total),
            tools=", ".join(sorted(tools, key=lambda t: (-tools[t], t))),
            replies=replies,
        )
