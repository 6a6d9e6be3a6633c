"""SE310 replies.canned: most brand replies on a network are the same few texts."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from typing import Any

import ibis.expr.types as ir

from socialplan.i18n import N_
from socialplan.measure.cadence import Row
from socialplan.rules.audit import Evidence, exhibit, first_rows
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.evidence.content_cross_posted import near_groups
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
        judged = {n: self._judged(found) for n, found in sorted(by_network.items())}
        canned = {n: found for n, found in judged.items() if found is not None}
        if not canned:
            return
        quoted = self._quoted(replies, {n: hashes for n, (_, _, hashes) in canned.items()})
        for network, (repeats, total, _) in canned.items():
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in quoted.get(network, [])],
                canned=repeats,
                total=total,
                percent=round(100 * repeats / total),
                network=NETWORKS[network].label if network in NETWORKS else network,
            )

    def _quoted(self, replies: ir.Table, hashes: dict[str, list[str]]) -> dict[str, list[Row]]:
        """Per network, the earliest replies with one of its most repeated texts."""
        repeated = [
            (replies.network == network) & replies.content_hash.isin(texts)
            for network, texts in hashes.items()
        ]
        chosen = replies.filter(functools.reduce(operator.or_, repeated))
        return first_rows(chosen, self.settings["examples"])

    def _judged(self, found: list[dict[str, Any]]) -> tuple[int, int, list[str]] | None:
        """Repeated replies, all replies and the most repeated texts of a network; None if fine."""
        rows = sorted(found, key=lambda r: str(r["content_hash"]))
        total = sum(int(r["copies"]) for r in rows)
        if total < self.settings["min_replies"]:
            return None
        largest, canned = self._repeated(rows)
        if canned / total <= self.settings["max_share"]:
            return None
        top = sorted(largest, key=lambda i: (-int(rows[i]["copies"]), i))
        return (
            canned,
            total,
            [str(rows[i]["content_hash"]) for i in top[: self.settings["examples"]]],
        )

    def _repeated(self, rows: list[dict[str, Any]]) -> tuple[list[int], int]:
        """The texts of the most repeated reply, and how many replies repeat another one."""
        long = [
            i
            for i, r in enumerate(rows)
            if r["fingerprint"] is not None and (r["tokens"] or 0) >= self.settings["min_tokens"]
        ]
        prints = [int(rows[i]["fingerprint"]) for i in long]
        merged = [
            [long[i] for i in group] for group in near_groups(prints, self.settings["max_distance"])
        ]
        inside = {i for group in merged for i in group}
        groups = merged + [[i] for i, r in enumerate(rows) if r["copies"] > 1 and i not in inside]
        sizes = [(sum(int(rows[i]["copies"]) for i in group), group) for group in groups]
        if not sizes:
            return [], 0
        _, largest = max(sizes, key=lambda s: (s[0], -min(s[1])))
        return largest, sum(size for size, _ in sizes)
