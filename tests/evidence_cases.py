"""Building a real store from the rows of an evidence rule's case, for the case runner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa

from socialplan.activity.columnar import content_hash
from socialplan.activity.schema import Account, Extract, Item, Metric, Moderation
from socialplan.activity.signals import SIGNALS_SCHEMA
from socialplan.activity.store import Store


def _time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def build_store(root: Path, case: dict[str, Any]) -> Store:
    """A store holding the case's items, metrics and moderation, with the signals it states."""
    extract = Extract(source_format="case")
    declared: dict[str, dict[str, Any]] = {}
    for row in case.get("items") or []:
        item = Item(
            network=row.get("network", "facebook"),
            native_id=str(row["id"]),
            author=row.get("author", "someone"),
            author_kind=row.get("author_kind", "audience"),
            kind=row.get("kind", "comment"),
            created_at=_time(row["at"]),
            text=row.get("text", ""),
            parent_native_id=row.get("parent"),
            links=row.get("links", []),
            hashtags=row.get("hashtags", []),
            media=row.get("media", []),
            client=row.get("client"),
        )
        extract.items.append(item)
        declared[content_hash(item.text)] = row
    for row in case.get("accounts") or []:
        extract.accounts.append(
            Account(
                network=row.get("network", "facebook"),
                handle=row["handle"],
                display_name=row.get("display_name"),
                bio=row.get("bio"),
                url=row.get("url"),
                is_brand=row.get("is_brand", True),
            )
        )
    for row in case.get("metrics") or []:
        extract.metrics.append(
            Metric(
                network=row.get("network", "facebook"),
                handle=row.get("account", "acme"),
                day=dt.date.fromisoformat(str(row["day"])),
                followers=row.get("followers"),
                impressions=row.get("impressions"),
                engagements=row.get("engagements"),
            )
        )
    for row in case.get("moderation") or []:
        extract.moderation.append(
            Moderation(
                network=row.get("network", "facebook"),
                native_id=str(row["id"]),
                action=row["action"],
                at=_time(row["at"]),
                actor=row.get("actor"),
            )
        )

    def signals(items: pa.Table, store: Store, batch_id: str) -> pa.Table:
        rows = []
        for digest in sorted(set(items.column("content_hash").to_pylist())):
            row = declared[digest]
            rows.append(
                {
                    "content_hash": digest,
                    "language": row.get("language", "en"),
                    "question": row.get("question", False),
                    "sentiment": row.get("sentiment", "neutral"),
                    "promotional": row.get("promotional", False),
                    "refusal": row.get("refusal", False),
                    "forbidden": row.get("forbidden", []),
                    "review": row.get("review", False),
                    "fingerprint": row.get("fingerprint", int(digest[:15], 16)),
                    "tokens": len(str(row.get("text", "")).split()),
                    "batch_id": batch_id,
                }
            )
        return pa.Table.from_pylist(rows, SIGNALS_SCHEMA)

    store = Store(root)
    store.add(extract, "case", "case-fingerprint", signals=signals)
    return store
