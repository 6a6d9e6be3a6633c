"""Cadence measures: how often the brand posts on each network, when, and where it falls silent.

A brand post is a post or share the brand wrote itself. The engine counts them (one row per
network and UTC day, or per network and hour); gaps, weekly rates and bursts are finished in
Python over those few rows, so DuckDB, PostgreSQL and Spark give the same answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pyarrow as pa

#: The kinds of item that count as the brand publishing something.
BRAND_POSTS = ("post", "share")
#: The columns fetched for posts quoted as evidence.
ROW = ("item_id", "account_id", "network", "created_at", "text")

Row = dict[str, object]


def at(row: Row) -> dt.datetime:
    """The creation time of a fetched item row."""
    value = row["created_at"]
    if not isinstance(value, dt.datetime):
        raise TypeError(f"created_at is {value!r}")
    return value


def brand_posts(items: ir.Table) -> ir.Table:
    """The brand's own posts and shares."""
    return items.filter((items.author_kind == "brand") & items.kind.isin(BRAND_POSTS))


def within(table: ir.Table, start: dt.datetime | None, end: dt.datetime | None) -> ir.Table:
    """Rows created in [*start*, *end*); either bound may be open."""
    if start is not None:
        table = table.filter(table.created_at >= ibis.literal(start))
    if end is not None:
        table = table.filter(table.created_at < ibis.literal(end))
    return table


def until(items: ir.Table, day: dt.date) -> ir.Table:
    """Items created up to the end of *day* (UTC): what was known on the day of an audit."""
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)
    return within(items, None, end)


def daily_posts(
    items: ir.Table, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> ir.Table:
    """Brand posts per network and UTC day: columns ``network``, ``day`` and ``posts``."""
    posts = within(brand_posts(items), start, end)
    return posts.group_by(posts.network, day=posts.created_at.date()).aggregate(posts=posts.count())


def weekly_posts(items: ir.Table) -> ir.Table:
    """Brand posts per network and week (starting Monday): ``network``, ``week`` and ``posts``."""
    posts = brand_posts(items)
    return posts.group_by(posts.network, week=posts.created_at.truncate("W").date()).aggregate(
        posts=posts.count()
    )


def daily_counts(
    items: ir.Table, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> dict[str, dict[dt.date, int]]:
    """Brand posts per day on each network, only days with posts, in day order."""
    rows = daily_posts(items, start, end).order_by("network", "day").to_pyarrow().to_pylist()
    counts: dict[str, dict[dt.date, int]] = {}
    for row in rows:
        counts.setdefault(str(row["network"]), {})[row["day"]] = int(row["posts"])
    return counts


def weekly_rates(items: ir.Table, start: dt.datetime, end: dt.datetime) -> dict[str, float]:
    """Brand posts per week on each network over [*start*, *end*); networks without posts absent."""
    posts = within(brand_posts(items), start, end)
    rows = posts.group_by("network").aggregate(posts=posts.count()).to_pyarrow().to_pylist()
    weeks = (end - start).total_seconds() / (7 * 86400)
    return {str(r["network"]): int(r["posts"]) / weeks for r in rows} if weeks > 0 else {}


@dataclass(frozen=True)
class Gap:
    """A silence on a network: the last posting day before it and the first after it."""

    network: str
    after: dt.date
    before: dt.date

    @property
    def days(self) -> int:
        """Days from the last post before the silence to the first post after it."""
        return (self.before - self.after).days


def gaps_between(network: str, days: Iterable[dt.date]) -> list[Gap]:
    """The gaps between consecutive posting *days*, longest first (earliest first on ties)."""
    ordered = sorted(set(days))
    gaps = [Gap(network, a, b) for a, b in itertools.pairwise(ordered)]
    return sorted(gaps, key=lambda g: (-g.days, g.after))


def silent_gaps(items: ir.Table, longer_than: int = 0) -> dict[str, list[Gap]]:
    """Per network, the gaps between posting days longer than *longer_than* days, longest first."""
    found: dict[str, list[Gap]] = {}
    for network, counts in daily_counts(items).items():
        gaps = [g for g in gaps_between(network, counts) if g.days > longer_than]
        if gaps:
            found[network] = gaps
    return found


def busiest_hours(items: ir.Table, top: int = 3) -> dict[str, list[tuple[int, int]]]:
    """Per network, the UTC hours of the day with the most brand posts, as (hour, posts)."""
    posts = brand_posts(items)
    rows = (
        posts.group_by(posts.network, hour=posts.created_at.hour())
        .aggregate(posts=posts.count())
        .to_pyarrow()
        .to_pylist()
    )
    hours: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        hours.setdefault(str(row["network"]), []).append((int(row["hour"]), int(row["posts"])))
    return {n: sorted(h, key=lambda p: (-p[1], p[0]))[:top] for n, h in sorted(hours.items())}


def posts_on_days(items: ir.Table, days: Mapping[str, Sequence[dt.date]]) -> ir.Table:
    """The brand's posts on the given UTC days of each network: one query for many networks."""
    posts = brand_posts(items)
    day = posts.created_at.date()
    wanted = [(posts.network == network) & day.isin(list(on)) for network, on in days.items()]
    return posts.filter(functools.reduce(operator.or_, wanted))


def posts_on(
    items: ir.Table, network: str, days: Sequence[dt.date], limit: int | None = None
) -> list[Row]:
    """The brand's posts on *network* on the given UTC *days*, oldest first."""
    posts = posts_on_days(items, {network: days})
    query = posts.select(*ROW).order_by("created_at", "item_id")
    return list((query.limit(limit) if limit else query).to_pyarrow().to_pylist())


@dataclass(frozen=True)
class Burst:
    """Many brand posts close together: the fullest window of a run of crowded windows."""

    network: str
    posts: int
    rows: tuple[Row, ...]


def bursts(items: ir.Table, limit: int, minutes: int) -> dict[str, list[Burst]]:
    """Per network, the runs of more than *limit* posts within *minutes*, biggest first.

    The window slides: any stretch of *minutes* counts, not only clock hours. The engine first
    counts posts per fixed bucket of *minutes*; a crowded window lies within two neighbouring
    buckets, so only posts of bucket pairs holding more than *limit* posts are fetched.
    """
    width = minutes * 60
    posts = brand_posts(items)
    posts = posts.mutate(bucket=posts.created_at.epoch_seconds() // width)
    counts = posts.group_by("network", "bucket").aggregate(n=posts.count())
    ahead = counts.select(net=counts.network, prev=counts.bucket - 1, n_next=counts.n)
    pairs = counts.left_join(
        ahead, (counts.network == ahead.net) & (counts.bucket == ahead.prev)
    ).select("network", "bucket", total=counts.n + ahead.n_next.fill_null(0))
    crowded = pairs.filter(pairs.total > limit)
    hot = ibis.union(
        crowded.select("network", "bucket"),
        crowded.select("network", bucket=crowded.bucket + 1),
        distinct=True,
    ).rename(hot_network="network", hot_bucket="bucket")
    joined = posts.inner_join(
        hot, (posts.network == hot.hot_network) & (posts.bucket == hot.hot_bucket)
    )
    table = joined.select(*ROW).order_by("network", "created_at", "item_id").to_pyarrow()
    # Times as microseconds, rows as dicts only for the windows kept: a datetime and a dict per
    # fetched post cost more than the query on a million items.
    networks = table["network"].to_pylist()
    times = epoch_micros(table["created_at"])
    window = minutes * 60 * 10**6
    found: dict[str, list[Burst]] = {}
    for network, span in itertools.groupby(range(len(networks)), key=networks.__getitem__):
        positions = list(span)
        rows = table.slice(positions[0], len(positions))
        found[str(network)] = [
            Burst(str(network), end - start, tuple(rows.slice(start, end - start).to_pylist()))
            for start, end in _runs(times[positions[0] : positions[-1] + 1], limit, window)
        ]
    return {n: b for n, b in sorted(found.items()) if b}


def _runs(times: list[int], limit: int, width: int) -> list[tuple[int, int]]:
    """Overlapping crowded windows merged into runs, each kept as its fullest window.

    *times* are sorted microseconds; a window is its [start, end) positions in them.
    """
    runs: list[tuple[int, int]] = []
    run_end = -1
    end = 0
    for start, first in enumerate(times):
        while end < len(times) and times[end] - first < width:
            end += 1
        if end - start <= limit:
            continue
        if start < run_end and runs:
            if end - start > runs[-1][1] - runs[-1][0]:
                runs[-1] = (start, end)
        else:
            runs.append((start, end))
        run_end = end
    return sorted(runs, key=lambda w: w[0] - w[1])


def epoch_micros(times: pa.ChunkedArray) -> list[int]:
    """A column of timestamps as whole microseconds since the epoch (UTC).

    Exact to subtract and compare, like datetimes, and much cheaper to read for many rows.
    """
    micros: list[int] = times.cast(pa.timestamp("us", times.type.tz)).cast(pa.int64()).to_pylist()
    return micros


@dataclass(frozen=True)
class NetworkCadence:
    """One network's posting over a period."""

    posts: int
    active_days: int
    per_week: float
    longest_gap: Gap | None
    busiest_hours: list[tuple[int, int]]


def cadence_report(
    items: ir.Table, start: dt.datetime, end: dt.datetime
) -> dict[str, NetworkCadence]:
    """Posts, posting days, posts per week, the longest gap and busiest hours, per network."""
    period = within(items, start, end)
    counts = daily_counts(period)
    rates = weekly_rates(period, start, end)
    hours = busiest_hours(period)
    report = {}
    for network, days in counts.items():
        gaps = gaps_between(network, days)
        report[network] = NetworkCadence(
            posts=sum(days.values()),
            active_days=len(days),
            per_week=rates.get(network, 0.0),
            longest_gap=gaps[0] if gaps else None,
            busiest_hours=hours.get(network, []),
        )
    return report
