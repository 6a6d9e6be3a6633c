"""Customer-care conversations in the Kaggle "Customer Support on Twitter" CSV layout.

Columns ``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id``. ``inbound`` False marks the brand (``author_id`` is its handle, e.g.
AppleSupport), True a customer. The layout has no network column; it comes from X, so items are
on "x". Ids may arrive as floats ("3.0", pandas wrote them) and ``response_tweet_id`` may list
several ids. The thread is the root of the reply chain, followed within the export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import (
    BAD_ITEM,
    BAD_TIME,
    EMPTY_VALUE,
    MISSING_COLUMNS,
    decode,
    hashtags_in,
    links_in,
    parse_time,
)
from socialplan.activity.importers.generic_csv import BAD_VALUE
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Member, Source
from socialplan.i18n import N_

NETWORK = "x"
REQUIRED = ("tweet_id", "author_id", "inbound", "created_at", "text")
BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
#: "Tue Oct 31 22:10:47 +0000 2017"; parsed by hand because strptime's %b follows the locale.
TWITTER_TIME = re.compile(
    r"^[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d) (\d{4})$"
)
FLOAT_ID = re.compile(r"^(\d+)\.0*$")


def _header(source: Source, member: Member) -> set[str]:
    """Column names of the first line, from a peek at the start of the file."""
    head = source.read_bytes(member, source_module.MAX_MEMBER_BYTES)[:4096]
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    lines = head.decode(encoding, errors="replace").splitlines()
    try:
        return {c.strip().lower() for c in next(csv.reader(lines[:1]), [])}
    except csv.Error:  # detect() must answer, not fail; read() reports the damage
        return set()


@register
class Conversations(Importer):
    """Customer-care threads: customers' mentions and replies, and the brand's answers."""

    name = "conversations"
    label = N_("Customer-care conversations CSV (tweet_id, author_id, inbound, ...)")
    network = NETWORK

    @classmethod
    def detect(cls, source: Source) -> bool:
        """Some CSV file has the layout's columns."""
        return any(set(REQUIRED) <= _header(source, m) for m in source.glob(".csv"))

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every CSV file in the layout; kinds and threads are decided once all rows are in."""
        members = source.glob(".csv") or list(source.iter_members())
        wanted = [m for m in members if set(REQUIRED) <= _header(source, m)]
        if not wanted:
            missing = [c for c in REQUIRED if c not in _header(source, members[0])]
            raise source.problem(members[0], MISSING_COLUMNS, columns=", ".join(missing))
        extract = Extract(source_format=self.name)
        answers: dict[str, str] = {}
        brand_ids: set[str] = set()
        for member in wanted:
            for item, responses, inbound in _items(source, member):
                extract.items.append(item)
                if not inbound or brand.owns(NETWORK, item.author):
                    brand_ids.add(item.native_id)
                for response in responses:
                    answers.setdefault(response, item.native_id)
        # a row without in_response_to_tweet_id is still an answer when another row lists it
        parents = {
            i.native_id: i.parent_native_id or answers.get(i.native_id) for i in extract.items
        }
        roots = _roots(parents)
        seen: set[str] = set()
        for item in extract.items:
            item.parent_native_id = parents[item.native_id]
            item.thread_native_id = roots[item.native_id]
            is_brand = item.native_id in brand_ids
            item.author_kind = "brand" if is_brand else "audience"
            item.kind = "reply" if item.parent_native_id else ("post" if is_brand else "mention")
            if item.author.lower() not in seen:
                seen.add(item.author.lower())
                extract.accounts.append(Account(NETWORK, item.author, is_brand=is_brand))
        return extract


def _items(source: Source, member: Member) -> Iterator[tuple[Item, list[str], bool]]:
    """Each row as an item (kind and thread settled later), the ids answering it, inbound."""
    text = decode(source, member, source.read_bytes(member, source_module.MAX_MEMBER_BYTES))
    # strict: a quoted text cut off by a truncated download is an error, not a short row
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    try:
        header = [c.strip().lower() for c in next(reader, [])]
        last = reader.line_num
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            columns.setdefault(name, index)
        for record in reader:
            # a quoted text may span lines: name the line where the record starts
            where, last = f"line {last + 1}", reader.line_num
            if not any(c.strip() for c in record):
                continue
            row = {n: record[i].strip() if i < len(record) else "" for n, i in columns.items()}
            for column in ("tweet_id", "author_id"):
                if not row[column]:
                    raise source.problem(member, EMPTY_VALUE, path=where, column=column)
            flag = BOOLEANS.get(row["inbound"].lower())
            if flag is None:
                raise source.problem(
                    member,
                    BAD_VALUE,
                    path=where,
                    column="inbound",
                    value=repr(row["inbound"]),
                    expected="True, False",
                )
            responses = [_id(r) for r in row.get("response_tweet_id", "").split(",") if r.strip()]
            body = row["text"]
            yield (
                Item(
                    network=NETWORK,
                    native_id=_id(row["tweet_id"]),
                    author=row["author_id"],
                    author_kind="audience",
                    kind="mention",
                    created_at=_time(source, member, where, row["created_at"]),
                    text=body,
                    parent_native_id=_id(row.get("in_response_to_tweet_id", "")) or None,
                    links=links_in(body),
                    hashtags=hashtags_in(body),
                    replies=len(responses) if "response_tweet_id" in columns else None,
                ),
                responses,
                flag,
            )
    except csv.Error as exc:
        raise source.problem(member, BAD_ITEM, path=f"line {last + 1}", detail=str(exc)) from None


def _id(value: str) -> str:
    """A tweet id as text; "3.0" (a float written by pandas) is "3"."""
    value = value.strip()
    match = FLOAT_ID.match(value)
    return match[1] if match else value


def _time(source: Source, member: Member, where: str, value: str) -> dt.datetime:
    """Twitter's ``Tue Oct 31 22:10:47 +0000 2017``, or ISO 8601; as UTC."""
    try:
        match = TWITTER_TIME.match(value)
        if match is None:
            return parse_time(value)
        month, day, hour, minute, second, sign, zh, zm, year = match.groups()
        offset = dt.timedelta(hours=int(zh), minutes=int(zm)) * (-1 if sign == "-" else 1)
        moment = dt.datetime(
            int(year),
            MONTHS[month.lower()],
            int(day),
            int(hour),
            int(minute),
            int(second),
            tzinfo=dt.timezone(offset),
        )
        return moment.astimezone(dt.UTC)
    except (ValueError, KeyError, OverflowError):
        raise source.problem(member, BAD_TIME, path=where, value=repr(value)) from None


def _roots(parents: dict[str, str | None]) -> dict[str, str]:
    """For each id, the first id of its reply chain (a parent missing from the file counts)."""
    roots: dict[str, str] = {}
    for start in parents:
        path: list[str] = []
        visited: set[str] = set()  # a loop of replies ends the walk instead of hanging it
        node = start
        while node not in roots and parents.get(node) and node not in visited:
            path.append(node)
            visited.add(node)
            node = parents[node] or node
        root = roots.get(node, node)
        for step in path:
            roots[step] = root
        roots.setdefault(start, root)
    return roots
