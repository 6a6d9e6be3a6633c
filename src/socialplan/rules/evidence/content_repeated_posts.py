"""SE304 content.repeated_posts: the brand publishes the same post again and again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ibis

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


@register
class RepeatedPosts(EvidenceRule):
    """One brand post text published several times on the same network."""

    code = "SE304"
    name = "content.repeated_posts"
    title = N_("The same post again and again")
    mistakes = ("M27",)
    severity = Severity.WARNING
    options = (
        Option(
            "min_copies",
            2,
            N_("A text published this many times or more counts as repeated."),
            minimum=2,
        ),
        Option(
            "min_characters",
            20,
            N_("Shorter texts (greetings, captions of one word) are not judged."),
            minimum=1,
        ),
        Option("examples", 5, N_("How many copies a finding quotes."), minimum=1),
    )
    message = N_(
        "{texts} posts were published more than once on {network}; the most repeated one "
        "{count} times"
    )
    fix = N_(
        "say it in a new way each time: another angle, format or story; if it must come "
        "back, change the text and the picture"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Group brand posts per network by text in the engine; report the repeated texts."""
        items = evidence.items
        posts = items.filter(
            (items.author_kind == "brand")
            & (items.kind == "post")
            & (items.text.fill_null("").length() >= self.settings["min_characters"])
        )
        repeated = (
            posts.group_by(["network", "content_hash"])
            .aggregate(copies=posts.count(), first=posts.created_at.min())
            .filter(lambda t: t.copies >= self.settings["min_copies"])
        )
        copies = posts.join(repeated, ["network", "content_hash"])
        copies = copies.mutate(
            rank=ibis.row_number().over(
                group_by=[copies.network, copies.content_hash],
                order_by=[copies.created_at, copies.item_id],
            )
        )
        rows = (
            copies.filter(copies.rank < self.settings["examples"])
            .select(
                "item_id",
                "account_id",
                "network",
                "created_at",
                "text",
                "content_hash",
                "copies",
                "first",
            )
            .order_by(["network", "first", "content_hash", "created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault((str(row["network"]), str(row["content_hash"])), []).append(row)
        # One finding per network, shown by its most repeated text.
        by_network: dict[str, list[list[dict[str, Any]]]] = {}
        for (network, _), shown in groups.items():
            by_network.setdefault(network, []).append(shown)
        for network, texts in by_network.items():
            top = max(texts, key=lambda g: (int(g[0]["copies"]), -g[0]["first"].timestamp()))
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in top],
                texts=len(texts),
                count=int(top[0]["copies"]),
                network=NETWORKS[network].label if network in NETWORKS else network,
            )
