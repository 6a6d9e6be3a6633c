"""The documented generic CSV: posts and comments, daily metrics, moderation events or KPIs.

What brands export from business tools (page insights, schedulers, social inboxes, CRM, web
analytics) maps onto one of four layouts, recognised by their header; see
docs/formats/generic-csv.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from socialplan.activity.columnar import CHUNK, compact
from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import (
    BAD_NUMBER,
    BAD_TIME,
    EMPTY_VALUE,
    hashtags_in,
    iter_csv,
    links_in,
    parse_time,
    read_csv,
    text_encoding,
    to_int,
)
from socialplan.activity.schema import (
    AUTHOR_KINDS,
    ITEM_KINDS,
    MODERATION_ACTIONS,
    Account,
    Extract,
    Item,
    KpiFigure,
    Metric,
    Moderation,
)
from socialplan.activity.source import Member, Source
from socialplan.i18n import N_
from socialplan.strategy.model.metrics import kpi_reference, quarter_days
from socialplan.strategy.networks import NETWORKS

ITEM_COLUMNS = ("network", "id", "author", "kind", "created_at", "text")
METRIC_COLUMNS = ("network", "account", "day")
MODERATION_COLUMNS = ("network", "id", "action", "at")
KPI_COLUMNS = ("kpi", "period", "value")
#: A column the KPI layout does not know is a typo that would silently lose a figure's place.
KPI_KNOWN_COLUMNS = (*KPI_COLUMNS, "network", "channel")
QUARTER = re.compile(r"\d{4}-Q[1-4]", re.IGNORECASE)
#: Commas only where they group thousands (1,234.5), so a decimal comma (3,5) is an error.
GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
BAD_VALUE = N_("{column} is {value}; expected one of: {expected}")
NOT_A_NUMBER = N_("{column} is {value}; expected a number")
BAD_PERIOD = N_("{column} is {value}; expected a day (YYYY-MM-DD) or a quarter (YYYY-Qn)")
UNKNOWN_COLUMNS = N_("unknown columns: {columns}; expected only: {expected}")


def _layout(header: set[str]) -> str | None:
    if "kpi" in header:
        return "kpis"
    if set(ITEM_COLUMNS) <= header:
        return "items"
    if set(MODERATION_COLUMNS) <= header:
        return "moderation"
    if set(METRIC_COLUMNS) <= header:
        return "metrics"
    return None


def _header(source: Source, member: Member) -> set[str]:
    head = source.peek(member)
    first = head.decode(text_encoding(head), errors="replace").splitlines()
    return {c.strip().lower() for c in first[0].split(",")} if first else set()


def _split(value: str) -> list[str]:
    """A space- or semicolon-separated list."""
    return [x.strip() for x in value.replace(";", " ").split() if x.strip()]


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a day (YYYY-MM-DD) or a quarter (YYYY-Qn); None if neither."""
    if QUARTER.fullmatch(value):
        return quarter_days(value.upper())
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day, day


def _decimal(value: str) -> float | None:
    """A finite number, its thousands optionally grouped by commas; None for anything else."""
    try:
        number = float(value.replace(",", "") if GROUPED.fullmatch(value) else value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


@register
class GenericCsv(Importer):
    """Posts and comments, daily metrics, moderation events or KPIs in the documented layouts."""

    name = "csv"
    label = N_("Generic CSV (posts and comments, daily metrics, moderation, KPI figures)")
    network = ""

    @classmethod
    def detect(cls, source: Source) -> bool:
        """Every member is a CSV file in one of the four layouts."""
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
            if layout == "kpis":
                extract.kpis.extend(self._kpi_figures(source, member))
                continue
            rows = iter_csv(source, member, ITEM_COLUMNS if layout in (None, "items") else ())
            for number, raw in enumerate(rows, start=2):
                if number % CHUNK == 0:
                    compact(extract)  # a million rows as objects would take gigabytes
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

    def _kpi_figures(self, source: Source, member: Member) -> list[KpiFigure]:
        """The figures of a file in the KPI layout; rows with an empty value give none."""
        rows = read_csv(source, member, KPI_COLUMNS, strict=True)
        columns = {k.lower() for k in rows[0] if k} if rows else set()
        unknown = sorted(columns - set(KPI_KNOWN_COLUMNS))
        if unknown:
            raise source.problem(
                member,
                UNKNOWN_COLUMNS,
                path="line 1",
                columns=", ".join(unknown),
                expected=", ".join(KPI_KNOWN_COLUMNS),
            )
        figures = []
        for number, raw in enumerate(rows, start=2):
            row = {k.lower(): v.strip() for k, v in raw.items()}
            figure = self._kpi_figure(source, member, f"line {number}", row)
            if figure is not None:
                figures.append(figure)
        return figures

    def _kpi_figure(
        self, source: Source, member: Member, where: str, row: dict[str, str]
    ) -> KpiFigure | None:
        """One row's figure; None when its value is empty."""
        if not row["kpi"]:
            raise source.problem(member, EMPTY_VALUE, path=where, column="kpi")
        first_day, last_day = self._days(source, member, where, row["period"])
        value = self._figure(source, member, where, row["value"])
        network = (
            self._choice(source, member, where, "network", row["network"], tuple(NETWORKS))
            if row.get("network")
            else None
        )
        handle = row.get("channel") or None
        if handle and network is None:  # a handle names an account only on its network
            raise source.problem(member, EMPTY_VALUE, path=where, column="network")
        if value is None:  # a template may list periods whose figures are not in yet
            return None
        return KpiFigure(kpi_reference(row["kpi"]), first_day, last_day, value, network, handle)

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
    def _days(source: Source, member: Member, where: str, value: str) -> tuple[dt.date, dt.date]:
        """The first and last day of the period *value*; anything else is an error."""
        days = _period(value)
        if days is None:
            raise source.problem(member, BAD_PERIOD, path=where, column="period", value=repr(value))
        return days

    @staticmethod
    def _figure(source: Source, member: Member, where: str, value: str) -> float | None:
        """The number *value*, None when empty; anything else is an error."""
        if value == "":
            return None
        number = _decimal(value)
        if number is None:
            raise source.problem(
                member, NOT_A_NUMBER, path=where, column="value", value=repr(value)
            )
        return number

    @staticmethod
    def _number(source: Source, member: Member, where: str, value: str | None) -> int | None:
        if value is None or value.strip() == "":
            return None
        number = to_int(value)
        if number is None:
            raise source.problem(member, BAD_NUMBER, path=where, value=repr(value))
        return number
