"""The canonical records every importer produces, and their Parquet schemas.

One row per fact, whatever the network: accounts, items (posts, comments, replies, shares,
mentions, messages), account metrics by day, moderation events, and KPI figures from elsewhere
(CRM, web analytics). Times are UTC.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pyarrow as pa

ITEM_KINDS = ("post", "comment", "reply", "share", "mention", "message")
AUTHOR_KINDS = ("brand", "audience")
MODERATION_ACTIONS = ("deleted", "hidden", "restored")


@dataclass(slots=True)
class Account:
    """An account seen in an export."""

    network: str
    handle: str
    display_name: str | None = None
    bio: str | None = None
    url: str | None = None
    is_brand: bool = False

    @property
    def account_id(self) -> str:
        """Stable id across imports: network and handle, lower-cased, without a leading @."""
        return account_id(self.network, self.handle)


@dataclass(slots=True)
class Item:
    """A post, comment, reply, share, mention or message."""

    network: str
    native_id: str
    author: str
    author_kind: str
    kind: str
    created_at: dt.datetime
    text: str = ""
    parent_native_id: str | None = None
    thread_native_id: str | None = None
    language: str | None = None
    links: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    client: str | None = None
    likes: int | None = None
    shares: int | None = None
    replies: int | None = None
    views: int | None = None

    @property
    def item_id(self) -> str:
        """Stable id across imports."""
        return f"{self.network}:{self.native_id}"


@dataclass(slots=True)
class Metric:
    """An account's figures on one day."""

    network: str
    handle: str
    day: dt.date
    followers: int | None = None
    impressions: int | None = None
    reach: int | None = None
    engagements: int | None = None
    clicks: int | None = None


@dataclass(slots=True)
class Moderation:
    """An item deleted, hidden or restored, by whom and when."""

    network: str
    native_id: str
    action: str
    at: dt.datetime
    actor: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class KpiFigure:
    """A KPI's figure from elsewhere (CRM, web analytics) for one day or one whole quarter."""

    kpi: str
    first_day: dt.date
    last_day: dt.date
    value: float
    network: str | None = None
    handle: str | None = None

    @property
    def account_id(self) -> str | None:
        """The channel the figure belongs to, when it names one."""
        return account_id(self.network, self.handle) if self.network and self.handle else None

    @property
    def figure_id(self) -> str:
        """Stable id across imports: the KPI, the period and where the figure belongs."""
        # JSON: KPI names may hold any separator, and network and channel may be missing.
        period = [self.first_day.isoformat(), self.last_day.isoformat()]
        return json.dumps([self.kpi, *period, self.network, self.account_id], ensure_ascii=False)


@dataclass
class Extract:
    """Everything one importer read from one export."""

    source_format: str
    accounts: list[Account] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    moderation: list[Moderation] = field(default_factory=list)
    kpis: list[KpiFigure] = field(default_factory=list)
    #: Records already converted to Arrow, per table; they were read before those in the lists.
    columnar: dict[str, list[pa.RecordBatch]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Rows per table, converted to Arrow or not."""
        return {
            table: len(getattr(self, table))
            + sum(batch.num_rows for batch in self.columnar.get(table, []))
            for table in SCHEMAS
        }


def account_id(network: str, handle: str) -> str:
    """``network:handle`` with the handle normalised."""
    return f"{network}:{handle.strip().lstrip('@').lower()}"


UTC_TS = pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    "accounts": pa.schema(
        [
            ("account_id", pa.string()),
            ("network", pa.string()),
            ("handle", pa.string()),
            ("display_name", pa.string()),
            ("bio", pa.string()),
            ("url", pa.string()),
            ("is_brand", pa.bool_()),
            ("batch_id", pa.string()),
        ]
    ),
    "items": pa.schema(
        [
            ("item_id", pa.string()),
            ("network", pa.string()),
            ("account_id", pa.string()),
            ("author_kind", pa.string()),
            ("kind", pa.string()),
            ("parent_id", pa.string()),
            ("thread_id", pa.string()),
            ("created_at", UTC_TS),
            ("text", pa.string()),
            ("language", pa.string()),
            ("links", pa.list_(pa.string())),
            ("hashtags", pa.list_(pa.string())),
            ("media", pa.list_(pa.string())),
            ("client", pa.string()),
            ("likes", pa.int64()),
            ("shares", pa.int64()),
            ("replies", pa.int64()),
            ("views", pa.int64()),
            ("content_hash", pa.string()),
            ("batch_id", pa.string()),
        ]
    ),
    "metrics": pa.schema(
        [
            ("account_id", pa.string()),
            ("network", pa.string()),
            ("day", pa.date32()),
            ("followers", pa.int64()),
            ("impressions", pa.int64()),
            ("reach", pa.int64()),
            ("engagements", pa.int64()),
            ("clicks", pa.int64()),
            ("batch_id", pa.string()),
        ]
    ),
    "moderation": pa.schema(
        [
            ("item_id", pa.string()),
            ("network", pa.string()),
            ("action", pa.string()),
            ("at", UTC_TS),
            ("actor_id", pa.string()),
            ("reason", pa.string()),
            ("batch_id", pa.string()),
        ]
    ),
    "kpis": pa.schema(
        [
            ("figure_id", pa.string()),
            ("kpi", pa.string()),
            ("network", pa.string()),
            ("account_id", pa.string()),
            ("first_day", pa.date32()),
            ("last_day", pa.date32()),
            ("value", pa.float64()),
            ("batch_id", pa.string()),
        ]
    ),
}
