"""SE301 content.cross_posted: one text copied to several networks within a few days."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterator, Sequence
from typing import Any

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

MASK = (1 << 64) - 1


def near_pairs(prints: Sequence[int], max_distance: int) -> Iterator[tuple[int, int]]:
    """Index pairs whose 64-bit fingerprints differ in at most *max_distance* bits."""
    # Pigeonhole: cut into max_distance + 1 blocks, near prints share at least one whole block.
    width = -(-64 // (max_distance + 1))
    seen: set[tuple[int, int]] = set()
    for shift in range(0, 64, width):
        buckets: dict[int, list[int]] = {}
        for index, value in enumerate(prints):
            buckets.setdefault(((value & MASK) >> shift) & ((1 << width) - 1), []).append(index)
        for members in buckets.values():
            for at, i in enumerate(members):
                for j in members[at + 1 :]:
                    close = ((prints[i] ^ prints[j]) & MASK).bit_count() <= max_distance
                    if close and (i, j) not in seen:
                        seen.add((i, j))
                        yield i, j


def clusters(size: int, pairs: Iterator[tuple[int, int]]) -> list[list[int]]:
    """Connected groups of indexes 0..size-1 linked by *pairs* (singletons left out)."""
    parent = list(range(size))

    def root(i: int) -> int:
        """The representative of *i*'s group."""
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(size):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


@register
class CrossPosted(EvidenceRule):
    """The same or nearly the same brand post published on several networks."""

    code = "SE301"
    name = "content.cross_posted"
    title = N_("One post copied to every network")
    mistakes = ("M13",)
    severity = Severity.WARNING
    options = (
        Option(
            "max_distance",
            3,
            N_("How many fingerprint bits two texts may differ in and still count as copies."),
            minimum=0,
            maximum=16,
        ),
        Option("min_tokens", 5, N_("Texts with fewer words count only when identical."), minimum=1),
        Option("window_hours", 72, N_("Hours within which copies count as one post."), minimum=1),
        Option("examples", 5, N_("How many copies a finding quotes."), minimum=1),
    )
    message = N_(
        "{groups} posts went out unchanged on several networks; for example on {networks}: "
        "{count} copies within {hours} hours"
    )
    fix = N_(
        "adapt each post to the network it goes to: its length, tone, format and "
        "audience, instead of pasting one text everywhere"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Group brand posts by identical or near-identical text across networks."""
        items = evidence.items
        posts = items.filter(
            (items.author_kind == "brand")
            & (items.kind == "post")
            & (items.text.fill_null("") != "")
        )
        rows = (
            posts.select(
                "item_id", "network", "created_at", "content_hash", "fingerprint", "tokens"
            )
            .order_by(["created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        window = dt.timedelta(hours=self.settings["window_hours"])
        # Give every text a key: identical texts share one, and so do near-identical long ones.
        # Keys are joined on distinct values only, so a text posted a thousand times costs no
        # more than once (pairs of copies would grow with the square).
        hash_key: dict[str, int] = {}
        row_key = [hash_key.setdefault(str(r["content_hash"]), len(hash_key)) for r in rows]
        parent = list(range(len(hash_key)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        print_key: dict[int, int] = {}
        for index, row in enumerate(rows):
            if (row["tokens"] or 0) >= self.settings["min_tokens"] and row[
                "fingerprint"
            ] is not None:
                first = print_key.setdefault(int(row["fingerprint"]), row_key[index])
                parent[root(row_key[index])] = root(first)
        values = list(print_key)
        for a, b in near_pairs(values, self.settings["max_distance"]):
            parent[root(print_key[values[a]])] = root(print_key[values[b]])
        # Within one text, link each copy to the next when they are close in time.
        by_text: dict[int, list[int]] = {}
        for index in range(len(rows)):
            by_text.setdefault(root(row_key[index]), []).append(index)
        pairs = (
            (a, b)
            for members in by_text.values()
            for a, b in itertools.pairwise(members)
            if rows[b]["created_at"] - rows[a]["created_at"] <= window
        )
        spread = [
            group
            for group in clusters(len(rows), pairs)
            if len({rows[i]["network"] for i in group}) > 1
        ]
        # One finding for the whole habit, shown by its largest group: a list of every copied
        # post would bury the other findings of the audit.
        groups = sorted(spread, key=lambda g: (-len(g), g))
        if groups:
            yield self._finding(evidence, [rows[i] for i in groups[0]], len(groups))

    def _finding(self, evidence: Evidence, copies: list[dict[str, Any]], groups: int) -> Violation:
        """One finding for a group of copies, at the channel that received a copy."""
        networks = list(dict.fromkeys(str(c["network"]) for c in copies))
        indexes = [evidence.channel_index(n) for n in [*networks[1:], networks[0]]]
        index = next((i for i in indexes if i is not None), None)
        ids = [str(c["item_id"]) for c in copies[: self.settings["examples"]]]
        items = evidence.items
        shown = (
            items.filter(items.item_id.isin(ids))
            .select("item_id", "account_id", "network", "created_at", "text")
            .order_by(["created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        times = [c["created_at"] for c in copies]
        span = (max(times) - min(times)).total_seconds() / 3600
        return self.found(
            ("channels", index) if index is not None else (),
            exhibits=[exhibit(r) for r in shown],
            groups=groups,
            networks=", ".join(NETWORKS[n].label if n in NETWORKS else n for n in networks),
            count=len(copies),
            hours=max(1, math.ceil(span)),
        )
