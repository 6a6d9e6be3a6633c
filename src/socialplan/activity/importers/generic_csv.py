"""The documented generic CSV: posts and comments, daily metrics, or moderation events.

What brands export from business tools (page insights, schedulers, social inboxes) maps onto one
of three layouts, recognised by their header; see docs/formats/generic-csv.md.
"""

from __future__ import annotations

import datetime as dt

from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import (
    BAD_NUMBER,
    BAD_TIME,
    hashtags_in,
    links_in,
    parse_time,
    read_csv,
    to_int,
)
from socialplan.activity.schema import (
    AUTHOR_KINDS,
    ITEM_KINDS,
    MODERATION_ACTIONS,
    Account,
    Extract,
    Item,
    Metric,
    Moderation,
)
from socialplan.activity.source import Member, Source
from socialplan.i18n import N_
from socialplan.strategy.networks import NETWORKS

ITEM_COLUMNS = ("network", "id", "author", "kind", "created_at", "text")
METRIC_COLUMNS = ("network", "account", "day")
MODERATION_COLUMNS = ("network", "id", "action", "at")
BAD_VALUE = N_("{column} is {value}; expected one of: {expected}")


def _layout(header: set[str]) -> str | None:
    if set(ITEM_COLUMNS) <= header:
        return "items"
    if set(MODERATION_COLUMNS) <= header:
        return "moderation"
    if set(METRIC_COLUMNS) <= header:
        return "metrics"
    return None


def _header(source: Source, member: Member) -> set[str]:
    first = source.peek(member).decode("utf-8-sig", errors="replace").splitlines()
    return {c.strip().lower() for c in first[0].split(",")} if first else set()


def _split(value: str) -> list[str]:
    """A space- or semicolon-separated list."""
    return [x.strip() for x in value.replace(";", " ").split() if x.strip()]


@register
class GenericCsv(Importer):
    """Posts and comments, daily metrics or moderation events in the documented CSV layouts."""

    name = "csv"
    label = N_("Generic CSV (posts and comments, daily metrics, moderation)")
    network = ""

    @classmethod
    def detect(cls, source: Source) -> bool:
        """Every member is a CSV file in one of the three layouts."""
        members = source.glob(".csv")
        return (
            bool(members)
            and len(members) == len(source.members)
            and all(_layout(_header(source, m)) for m in members)
        )

    def read(self, source: Source, brand: Brand) -> Extract:
        """Read every CSV member."""
        extract = Extract(source_format=self.name)
        for member in source.iter_members():
            layout = _layout(_header(source, member))
            rows = read_csv(source, member, ITEM_COLUMNS if layout in (None, "items") else ())
            for number, raw in enumerate(rows, start=2):
                row = {k.lower(): v.strip() for k, v in raw.items()}
                where = f"line {number}"
                network = self._choice(
                    source, member, where, "network", row["network"], tuple(NETWORKS)
                )
                if layout == "metrics":
                    extract.metrics.append(self._metric(source, member, where, network, row))
                elif layout == "moderation":
                    extract.moderation.append(self._moderation(source, member, where, network, row))
                else:
                    item = self._item(source, member, where, network, row, brand)
                    extract.items.append(item)
                    extract.accounts.append(
                        Account(network, item.author, is_brand=item.author_kind == "brand")
                    )
        return extract

    def _item(
        self,
        source: Source,
        member: Member,
        where: str,
        network: str,
        row: dict[str, str],
        brand: Brand,
    ) -> Item:
        text = row.get("text", "")
        kind = self._choice(source, member, where, "kind", row["kind"], ITEM_KINDS)
        declared = row.get("author_kind") or ""
        author_kind = (
            self._choice(source, member, where, "author_kind", declared, AUTHOR_KINDS)
            if declared
            else ("brand" if brand.owns(network, row["author"]) else "audience")
        )
        return Item(
            network=network,
            native_id=row["id"],
            author=row["author"],
            author_kind=author_kind,
            kind=kind,
            created_at=self._time(source, member, where, row["created_at"]),
            text=text,
            parent_native_id=row.get("parent_id") or None,
            thread_native_id=row.get("thread_id") or None,
            language=row.get("language") or None,
            links=_split(row.get("links", "")) or links_in(text),
            hashtags=[h.lstrip("#") for h in _split(row.get("hashtags", ""))] or hashtags_in(text),
            media=_split(row.get("media", "")),
            client=row.get("client") or None,
            likes=self._number(source, member, where, row.get("likes")),
            shares=self._number(source, member, where, row.get("shares")),
            replies=self._number(source, member, where, row.get("replies")),
            views=self._number(source, member, where, row.get("views")),
        )

    def _metric(
        self, source: Source, member: Member, where: str, network: str, row: dict[str, str]
    ) -> Metric:
        day = self._time(source, member, where, row["day"]).date()
        values = {
            k: self._number(source, member, where, row.get(k))
            for k in ("followers", "impressions", "reach", "engagements", "clicks")
        }
        return Metric(network=network, handle=row["account"], day=day, **values)

    def _moderation(
        self, source: Source, member: Member, where: str, network: str, row: dict[str, str]
    ) -> Moderation:
        return Moderation(
            network=network,
            native_id=row["id"],
            action=self._choice(source, member, where, "action", row["action"], MODERATION_ACTIONS),
            at=self._time(source, member, where, row["at"]),
            actor=row.get("actor") or None,
            reason=row.get("reason") or None,
        )

    @staticmethod
    def _choice(
        source: Source,
        member: Member,
        where: str,
        column: str,
        value: str,
        allowed: tuple[str, ...],
    ) -> str:
        norm = value.strip().lower()
        if norm not in allowed:
            raise source.problem(
                member,
                BAD_VALUE,
                path=where,
                column=column,
                value=repr(value),
                expected=", ".join(allowed),
            )
        return norm

    @staticmethod
    def _time(source: Source, member: Member, where: str, value: str) -> dt.datetime:
        try:
            return parse_time(value)
        except ValueError:
            raise source.problem(member, BAD_TIME, path=where, value=repr(value)) from None

    @staticmethod
    def _number(source: Source, member: Member, where: str, value: str | None) -> int | None:
        if value is None or value.strip() == "":
            return None
        number = to_int(value)
        if number is None:
            raise source.problem(member, BAD_NUMBER, path=where, value=repr(value))
        return number
