"""SE301 content.cross_posted: one text copied to several networks within a few days."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterator, Sequence

import pyarrow as pa

from socialplan.i18n import N_
from socialplan.measure.cadence import epoch_micros
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

MASK = (1 << 64) - 1


class Groups:
    """Indexes 0..size-1 joined into groups (a union-find)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        """The representative of *i*'s group."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Put the groups of *i* and *j* together."""
        self.parent[self.root(i)] = self.root(j)

    def groups(self) -> list[list[int]]:
        """The groups of more than one index, each in index order, ordered by first index."""
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.root(i), []).append(i)
        return [g for g in found.values() if len(g) > 1]


def clusters(size: int, pairs: Iterator[tuple[int, int]]) -> list[list[int]]:
    """Connected groups of indexes 0..size-1 linked by *pairs* (singletons left out)."""
    linked = Groups(size)
    for i, j in pairs:
        linked.join(i, j)
    return linked.groups()


def near_groups(prints: Sequence[int], max_distance: int) -> list[list[int]]:
    """Groups of indexes whose 64-bit fingerprints are chained by ones at most *max_distance* apart.

    Two prints are near when they differ in at most *max_distance* bits; a group holds the
    prints linked by a chain of near pairs, as :func:`clusters` of all near pairs would.
    """
    values = [value & MASK for value in prints]
    # Pigeonhole: cut into max_distance + 1 blocks, near prints share at least one whole block.
    width = -(-64 // (max_distance + 1))
    linked = Groups(len(values))
    for shift in range(0, 64, width):
        buckets: dict[int, list[int]] = {}
        for index, value in enumerate(values):
            buckets.setdefault((value >> shift) & ((1 << width) - 1), []).append(index)
        for members in buckets.values():
            if len(members) > 1:
                _link_bucket(members, values, max_distance, linked)
    return linked.groups()


#: Prints of one bucket found linked so far: their group's root, and their values.
_Met = tuple[int, list[int]]


def _near_any(value: int, prints: list[int], max_distance: int) -> bool:
    """Whether one of *prints* is at most *max_distance* bits from *value*."""
    # A loop, not any() over a generator: this runs millions of times on a million items.
    for other in prints:  # noqa: SIM110
        if (value ^ other).bit_count() <= max_distance:
            return True
    return False


def _link_bucket(members: list[int], values: list[int], max_distance: int, linked: Groups) -> None:
    """Join the near prints among *members*, one bucket of a block."""
    # Compare a print with each group met so far in the bucket until one member is near, not
    # with every print: a bucket of near copies becomes one group after a few comparisons,
    # where comparing every pair grew with the square of the bucket (millions of pairs on a
    # million items).
    met: list[_Met] = []
    for new in members:
        value, root = values[new], linked.root(new)
        prints, apart = [value], []
        for group_root, group_prints in met:
            if group_root == root or _near_any(value, group_prints, max_distance):
                # The group's root now points to the new print's, which stays the root.
                linked.join(group_root, new)
                prints += group_prints
            else:
                apart.append((group_root, group_prints))
        met = [*apart, (root, prints)]


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
        table = (
            posts.select(
                "item_id", "network", "created_at", "content_hash", "fingerprint", "tokens"
            )
            .order_by(["created_at", "item_id"])
            .to_pyarrow()
        )
        # Column lists and whole microseconds: a dict and a datetime per post cost more than
        # the whole grouping on a million items.
        networks = table["network"].to_pylist()
        times = epoch_micros(table["created_at"])
        window = dt.timedelta(hours=self.settings["window_hours"]) // dt.timedelta(microseconds=1)
        # Within one text, link each copy to the next when they are close in time.
        pairs = (
            (a, b)
            for members in self._same_texts(table).values()
            for a, b in itertools.pairwise(members)
            if times[b] - times[a] <= window
        )
        spread = [
            group for group in clusters(len(times), pairs) if len({networks[i] for i in group}) > 1
        ]
        # One finding for the whole habit, shown by its largest group: a list of every copied
        # post would bury the other findings of the audit.
        groups = sorted(spread, key=lambda g: (-len(g), g))
        if groups:
            ids = table["item_id"].to_pylist()
            copies = groups[0]
            # Microseconds to hours as timedelta.total_seconds() / 3600 computes them.
            span = (max(times[i] for i in copies) - min(times[i] for i in copies)) / 10**6
            yield self._finding(
                evidence,
                [str(ids[i]) for i in copies],
                [networks[i] for i in copies],
                span / 3600,
                len(groups),
            )

    def _same_texts(self, table: pa.Table) -> dict[int, list[int]]:
        """The posts (row numbers) of each text, near-identical long texts counting as one."""
        # Give every text a key: identical texts share one, and so do near-identical long ones.
        # Keys are joined on distinct values only, so a text posted a thousand times costs no
        # more than once (pairs of copies would grow with the square).
        hash_key: dict[str, int] = {}
        row_key = [
            hash_key.setdefault(str(h), len(hash_key)) for h in table["content_hash"].to_pylist()
        ]
        texts = Groups(len(hash_key))
        print_key: dict[int, int] = {}
        long = self.settings["min_tokens"]
        for index, (fingerprint, tokens) in enumerate(
            zip(table["fingerprint"].to_pylist(), table["tokens"].to_pylist(), strict=True)
        ):
            if (tokens or 0) >= long and fingerprint is not None:
                first = print_key.setdefault(int(fingerprint), row_key[index])
                texts.join(row_key[index], first)
        values = list(print_key)
        for group in near_groups(values, self.settings["max_distance"]):
            for member in group[1:]:
                texts.join(print_key[values[member]], print_key[values[group[0]]])
        by_text: dict[int, list[int]] = {}
        for index, key in enumerate(row_key):
            by_text.setdefault(texts.root(key), []).append(index)
        return by_text

    def _finding(
        self, evidence: Evidence, ids: list[str], networks: list[str], hours: float, groups: int
    ) -> Violation:
        """One finding for a group of copies, at the channel that received a copy."""
        named = list(dict.fromkeys(networks))
        indexes = [evidence.channel_index(n) for n in [*named[1:], named[0]]]
        index = next((i for i in indexes if i is not None), None)
        items = evidence.items
        shown = (
            items.filter(items.item_id.isin(ids[: self.settings["examples"]]))
            .select("item_id", "account_id", "network", "created_at", "text")
            .order_by(["created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        return self.found(
            ("channels", index) if index is not None else (),
            exhibits=[exhibit(r) for r in shown],
            groups=groups,
            networks=", ".join(NETWORKS[n].label if n in NETWORKS else n for n in named),
            count=len(ids),
            hours=max(1, math.ceil(hours)),
        )
