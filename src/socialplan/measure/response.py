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


def stats(delays: pa.ChunkedArray | pa.Array) -> ResponseStats:
    """Statistics of a column of delays in seconds, null meaning unanswered."""
    total = len(delays)
    answered = pc.drop_null(delays)
    if len(answered) == 0:
        return ResponseStats(total, 0, None, None)
    quantiles = pc.quantile(answered, q=[0.5, 0.9], interpolation="linear").to_pylist()
    return ResponseStats(total, len(answered), quantiles[0] / 3600, quantiles[1] / 3600)


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
    data = table.select("network", "delay", "question", "sentiment").to_pyarrow()
    groups: dict[str, dict[str, ResponseStats]] = {"overall": {}, "questions": {}, "negative": {}}
    networks = ["*", *sorted(set(data.column("network").to_pylist()))]
    for network in networks:
        part = data if network == "*" else data.filter(pc.equal(data["network"], network))
        groups["overall"][network] = stats(part["delay"])
        groups["questions"][network] = stats(
            part.filter(pc.fill_null(part["question"], False))["delay"]
        )
        negative = pc.equal(pc.fill_null(part["sentiment"], ""), "negative")
        groups["negative"][network] = stats(part.filter(negative)["delay"])
    return ResponseReport(**groups)
