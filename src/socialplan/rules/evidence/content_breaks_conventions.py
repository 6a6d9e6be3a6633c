"""SE302 content.breaks_conventions: posts too long, too tagged or with dead links."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from typing import Any

import ibis.expr.types as ir

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

TOO_LONG = N_(
    "{count} brand posts on {network} are longer than the {limit} characters the network allows"
)
TOO_LONG_FIX = N_(
    "write for the network: cut the text to fit, or move the long version to a page and link to it"
)
TOO_MANY_TAGS = N_("{count} brand posts on {network} carry more than {limit} hashtags")
TOO_MANY_TAGS_FIX = N_(
    "use a few hashtags the network's audience really follows; a wall of tags reads as spam"
)
DEAD_LINKS = N_(
    "{count} brand posts on {network} put web addresses in the text, where they cannot be clicked"
)
DEAD_LINKS_FIX = N_(
    "on this network point to the link in the profile, a link sticker or a "
    "short memorable address instead of a long web address"
)


@register
class BreaksConventions(EvidenceRule):
    """Brand posts that ignore a network's limits on length, hashtags or links."""

    code = "SE302"
    name = "content.breaks_conventions"
    title = N_("Posts that ignore the network's conventions")
    mistakes = ("M13",)
    severity = Severity.WARNING
    options = (
        Option(
            "length_limits",
            {},
            N_(
                "Longest post per network, in characters, where it "
                "should differ from the built-in limit."
            ),
        ),
        Option(
            "hashtag_limits",
            {},
            N_(
                "Most hashtags per post per network, where it should "
                "differ from the built-in limit."
            ),
        ),
        Option("examples", 5, N_("How many posts a finding quotes."), minimum=1),
    )
    message = TOO_LONG
    fix = TOO_LONG_FIX

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Per network and kind of breach, the brand posts that commit it."""
        items = evidence.items
        posts = items.filter((items.author_kind == "brand") & (items.kind == "post"))
        text = posts.text.fill_null("")
        measured = posts.select(
            "item_id",
            "account_id",
            "network",
            "created_at",
            "text",
            length=text.length(),
            tags=posts.hashtags.length().fill_null(0),
            linked=(posts.links.length().fill_null(0) > 0)
            | text.contains("://")
            | text.contains("www."),
        )
        # The engine keeps the posts that break a limit; only those are read and sorted out.
        rows = (
            measured.filter(self._breaking(measured))
            .order_by(["created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        breaches: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in rows:
            network = str(row["network"])
            info = NETWORKS[network]
            longest = self.settings["length_limits"].get(network, info.max_length)
            if longest is not None and (row["length"] or 0) > longest:
                breaches.setdefault((network, "length"), []).append(row)
            most_tags = self.settings["hashtag_limits"].get(network, info.max_hashtags)
            if row["tags"] > most_tags:
                breaches.setdefault((network, "hashtags"), []).append(row)
            if not info.clickable_links and row["linked"]:
                breaches.setdefault((network, "links"), []).append(row)
        for (network, kind), found in sorted(breaches.items()):
            yield self._finding(evidence, network, kind, found)

    def _breaking(self, posts: ir.Table) -> ir.BooleanValue:
        """Whether a post is over its network's length or hashtag limit, or has a dead link."""
        conditions = []
        for network, info in NETWORKS.items():
            longest = self.settings["length_limits"].get(network, info.max_length)
            most_tags = self.settings["hashtag_limits"].get(network, info.max_hashtags)
            broken = posts.tags > most_tags
            if longest is not None:
                broken |= posts.length > longest
            if not info.clickable_links:
                broken |= posts.linked
            conditions.append((posts.network == network) & broken)
        return functools.reduce(operator.or_, conditions)

    def _finding(
        self, evidence: Evidence, network: str, kind: str, posts: list[dict[str, Any]]
    ) -> Violation:
        """One finding for one kind of breach on one network, quoting the first posts."""
        info = NETWORKS[network]
        limit = {
            "length": self.settings["length_limits"].get(network, info.max_length),
            "hashtags": self.settings["hashtag_limits"].get(network, info.max_hashtags),
            "links": 0,
        }[kind]
        message, fix = {
            "length": (TOO_LONG, TOO_LONG_FIX),
            "hashtags": (TOO_MANY_TAGS, TOO_MANY_TAGS_FIX),
            "links": (DEAD_LINKS, DEAD_LINKS_FIX),
        }[kind]
        index = evidence.channel_index(network)
        return self.found(
            ("channels", index) if index is not None else (),
            message,
            fix,
            exhibits=[exhibit(r) for r in posts[: self.settings["examples"]]],
            count=len(posts),
            network=info.label,
            limit=f"{limit:g}",
        )
