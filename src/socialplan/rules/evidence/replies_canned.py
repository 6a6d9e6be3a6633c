"""SE310 replies.canned: most brand replies on a network are the same few texts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.evidence.content_cross_posted import clusters, near_pairs
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

#: What the brand writes in answer to someone: replies, comments and direct messages.
REPLY_KINDS = ("reply", "comment", "message")


@register
class CannedReplies(EvidenceRule):
    """Brand replies that repeat identical or near-identical texts."""

    code = "SE310"
    name = "replies.canned"
    title = N_("Canned replies")
    mistakes = ("M26",)
    severity = Severity.WARNING
    options = (
        Option(
            "max_share",
            0.5,
            N_("The highest acceptable share of replies that repeat another reply (0-1)."),
            minimum=0,
            maximum=1,
        ),
        Option(
            "min_replies",
            10,
            N_("Fewer brand replies than this on a network are not judged."),
            minimum=2,
        ),
        Option(
            "max_distance",
            3,
            N_(
                "Texts whose fingerprints differ in at most this many bits count as the same reply."
            ),
            minimum=0,
            maximum=16,
        ),
        Option(
            "min_tokens", 5, N_("Shorter replies count as repeated only when identical."), minimum=1
        ),
        Option(
            "examples",
            5,
            N_("How many copies of the most repeated reply a finding quotes."),
            minimum=1,
        ),
    )
    message = N_(
        "{canned} of {total} brand replies on {network} ({percent}%) repeat the same few texts"
    )
    fix = N_(
        "write each reply for the person: use their name, answer their actual point and "
        "sign it; use templates only as a starting point"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Count replies per distinct text in the engine; merge near texts in Python."""
        items = evidence.items
        replies = items.filter(
            (items.author_kind == "brand")
            & items.kind.isin(REPLY_KINDS)
            & (items.text.fill_null("") != "")
        )
        texts = (
            replies.group_by(["network", "content_hash"])
            .aggregate(
                copies=replies.count(),
                fingerprint=replies.fingerprint.max(),
                tokens=replies.tokens.max(),
            )
            .order_by(["network", "content_hash"])
            .to_pyarrow()
            .to_pylist()
        )
        by_network: dict[str, list[dict[str, Any]]] = {}
        for row in texts:
            by_network.setdefault(str(row["network"]), []).append(row)
        for network, found in sorted(by_network.items()):
            rows = sorted(found, key=lambda r: str(r["content_hash"]))
            total = sum(int(r["copies"]) for r in rows)
            if total < self.settings["min_replies"]:
                continue
            largest, canned = self._repeated(rows)
            if canned / total <= self.settings["max_share"]:
                continue
            top = sorted(largest, key=lambda i: (-int(rows[i]["copies"]), i))
            hashes = [str(rows[i]["content_hash"]) for i in top[: self.settings["examples"]]]
            chosen = replies.filter(
                (replies.network == network) & replies.content_hash.isin(hashes)
            )
            shown = (
                chosen.select("item_id", "account_id", "network", "created_at", "text")
                .order_by(["created_at", "item_id"])
                .limit(self.settings["examples"])
                .to_pyarrow()
                .to_pylist()
            )
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in shown],
                canned=canned,
                total=total,
                percent=round(100 * canned / total),
                network=NETWORKS[network].label if network in NETWORKS else network,
            )

    def _repeated(self, rows: list[dict[str, Any]]) -> tuple[list[int], int]:
        """The texts of the most repeated reply, and how many replies repeat another one."""
        long = [
            i
            for i, r in enumerate(rows)
            if r["fingerprint"] is not None and (r["tokens"] or 0) >= self.settings["min_tokens"]
        ]
        near = near_pairs(
            [int(rows[i]["fingerprint"]) for i in long], self.settings["max_distance"]
        )
        merged = clusters(len(rows), ((long[a], long[b]) for a, b in near))
        inside = {i for group in merged for i in group}
        groups = merged + [[i] for i, r in enumerate(rows) if r["copies"] > 1 and i not in inside]
        sizes = [(sum(int(rows[i]["copies"]) for i in group), group) for group in groups]
        if not sizes:
            return [], 0
        _, largest = max(sizes, key=lambda s: (s[0], -min(s[1])))
        return largest, sum(size for size, _ in sizes)
