"""Conversation measures: which audience messages the brand answered, and how fast.

An audience comment, reply, mention or message invites an answer; the brand's first direct reply
to it closes it. Delays are computed in the query engine; the summary statistics in Python, so
every backend gives the same medians.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

INVITING = ("comment", "reply", "mention", "message")


def conversations(items: ir.Table) -> ir.Table:
    """Audience items inviting an answer, with ``replied_at`` and ``delay`` (seconds) or null."""
    audience = items.filter((items.author_kind == "audience") & items.kind.isin(INVITING))
    brand = items.filter((items.author_kind == "brand") & items.parent_id.notnull())
    first = brand.group_by(answered_id=brand.parent_id).aggregate(replied_at=brand.created_at.min())
    joined = audience.left_join(first, audience.item_id == first.answered_id)
    return joined.mutate(
        delay=joined.replied_at.epoch_seconds() - joined.created_at.epoch_seconds()
    ).drop("answered_id")


@dataclass(frozen=True)
class ResponseStats:
    """Reply rate and first-response times of one group of audience items."""

    total: int
    answered: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def rate(self) -> float | None:
        """Answered share, or None when nothing invited an answer."""
        return self.answered / self.total if self.total else None


def stats(total: int, delays: pa.ChunkedArray | pa.Array) -> ResponseStats:
    """Statistics of *total* items, of which the answered ones took *delays* seconds."""
    if len(delays) == 0:
        return ResponseStats(total, 0, None, None)
    quantiles = pc.quantile(delays, q=[0.5, 0.9], interpolation="linear").to_pylist()
    return ResponseStats(total, len(delays), quantiles[0] / 3600, quantiles[1] / 3600)


@dataclass(frozen=True)
class ResponseReport:
    """Response measures per network: all audience items, questions, and negative comments."""

    overall: dict[str, ResponseStats]
    questions: dict[str, ResponseStats]
    negative: dict[str, ResponseStats]


def response_report(items: ir.Table, until: dt.datetime | None = None) -> ResponseReport:
    """Reply rate and first-response times per network (``*`` for all networks)."""
    table = conversations(items)
    if until is not None:
        table = table.filter(table.created_at <= ibis.literal(until))
    table = table.select(
        "network",
        "delay",
        questions=table.question.fill_null(False),
        negative=table.sentiment.fill_null("") == "negative",
    )
    # The engine counts the items of each group and delay: one row per distinct delay, not
    # per item, travels to Python (most items of a big store are never answered at all).
    counted = (
        table.group_by("network", "questions", "negative", "delay")
        .aggregate(n=table.count())
        .to_pyarrow()
    )
    report: dict[str, dict[str, ResponseStats]] = {"overall": {}, "questions": {}, "negative": {}}
    for network in ["*", *sorted(set(counted["network"].to_pylist()))]:
        part = counted
        if network != "*":
            part = counted.filter(pc.equal(counted["network"], network))
        for group, by_network in report.items():
            by_network[network] = _counted_stats(
                part if group == "overall" else part.filter(part[group])
            )
    return ResponseReport(**report)


def _counted_stats(counted: pa.Table) -> ResponseStats:
    """Statistics of items counted per delay (column ``n``), a null delay meaning unanswered."""
    answered = counted.filter(pc.is_valid(counted["delay"]))
    # Each delay as many times as items waited that long: the quantiles of the items.
    delays = np.repeat(answered["delay"].to_numpy(), answered["n"].to_numpy())
    return stats(pc.sum(counted["n"]).as_py() or 0, pa.array(delays))
