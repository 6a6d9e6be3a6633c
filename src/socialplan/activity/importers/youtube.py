"""YouTube Takeout: the comments and live chat messages the channel wrote, from its CSV files.

``comments/comments.csv`` (split into ``comments(1).csv``... in large Takeouts, and named in the
account's language) and ``live chats/live chats.csv``. Headers changed over the years, so
columns are matched case-insensitively under their old and new names.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import (
    BAD_TIME,
    EMPTY_VALUE,
    MISSING_COLUMNS,
    links_in,
    parse_time,
    read_csv,
)
from socialplan.activity.importers.common import hashtags_in as hashtags
from socialplan.activity.importers.facebook import nothing_to_read
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Member, Source
from socialplan.errors import EMPTY_FILE
from socialplan.i18n import N_

NETWORK = "youtube"
#: Each column under its names, old and new; comments first, then live chats.
ID = ("Comment ID", "Live Chat ID")
TIME = ("Comment Create Timestamp", "Live Chat Create Timestamp")
TEXT = ("Comment Text", "Live Chat Text")
NAMES = re.compile(r"(?:comments|live chats)(?:\s*\(\d+\))?\.csv", re.IGNORECASE)


def _header(source: Source, member: Member) -> set[str]:
    """The lower-cased column names of a CSV member, from a peek at its first line."""
    head = source.read_bytes(member)[:4096]
    codec = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    lines = head.decode(codec, errors="replace").splitlines()
    try:
        return {c.strip().lower() for c in next(csv.reader(lines[:1]), [])}
    except csv.Error:
        return set()


def _is_takeout(header: set[str]) -> bool:
    """A comments or live chats header: a channel id and the text column."""
    return "channel id" in header and any(n.lower() in header for n in TEXT)


def _pick(row: dict[str, str], names: tuple[str, ...]) -> str:
    """The first of *names* present in *row*."""
    return next((row[n.lower()] for n in names if n.lower() in row), "")


@register
class YouTube(Importer):
    """Comments and live chat messages from a YouTube Takeout (CSV)."""

    name = "youtube"
    label = N_("YouTube Takeout comments and live chats (CSV)")
    network = NETWORK

    @classmethod
    def detect(cls, source: Source) -> bool:
        """A CSV member with the Takeout's comments or live chats header."""
        return any(_is_takeout(_header(source, m)) for m in source.glob(".csv"))

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every comment, reply and live chat message; the Takeout's channel is the brand."""
        tables = []
        for member in source.glob(".csv"):
            # Other Takeout CSVs (subscriptions, playlists...) are not ours; a damaged comments
            # file is, so it is read by name even when its header does not match.
            if NAMES.fullmatch(member.basename) or _is_takeout(_header(source, member)):
                tables.append((member, self._rows(source, member)))
        if not tables:
            raise nothing_to_read(source, "comments.csv, live chats.csv")
        channels = [r["channel id"] for _m, rows in tables for _n, r in rows if r.get("channel id")]
        owner = channels[0] if channels else "me"
        extract = Extract(source_format=self.name)
        for channel in dict.fromkeys([owner, *channels]):
            extract.accounts.append(Account(NETWORK, channel, is_brand=True))
        for member, rows in tables:
            for number, row in rows:
                extract.items.append(_item(source, member, f"row {number}", row, owner))
        return extract

    @staticmethod
    def _rows(source: Source, member: Member) -> list[tuple[int, dict[str, str]]]:
        """The non-empty rows with lower-cased keys, numbered as a spreadsheet shows them."""
        if not source.read_bytes(member).strip():
            raise source.problem(member, EMPTY_FILE)
        rows = read_csv(source, member)
        header = {k.lower() for k in rows[0]} if rows else _header(source, member)
        for names in (ID, TIME, TEXT):
            if not any(n.lower() in header for n in names):
                raise source.problem(member, MISSING_COLUMNS, columns=" / ".join(names))
        return [
            (number, {k.lower(): v.strip() for k, v in raw.items()})
            for number, raw in enumerate(rows, start=2)
            if any(v.strip() for v in raw.values())
        ]


def _item(source: Source, member: Member, where: str, row: dict[str, str], owner: str) -> Item:
    """One row: a live chat message, a reply (it has a parent) or a comment."""
    native = _pick(row, ID)
    if not native:
        column = ID[1] if "live chat id" in row else ID[0]
        raise source.problem(member, EMPTY_VALUE, path=where, column=column)
    stamp = _pick(row, TIME)
    try:
        # Takeouts have written both ISO times and "2021-03-04 05:06:07 UTC".
        created = parse_time(stamp.removesuffix(" UTC"))
    except (ValueError, OverflowError):  # overflow: year 1 or 9999 moved to UTC
        raise source.problem(member, BAD_TIME, path=where, value=repr(stamp)[:60]) from None
    parent = row.get("parent comment id") or None
    top = row.get("top-level comment id") or None
    if parent is None and top not in (None, native):
        parent = top
    text, links = _content(_pick(row, TEXT))
    kind = "message" if "live chat id" in row else "reply" if parent else "comment"
    return Item(
        network=NETWORK,
        native_id=native,
        author=row.get("channel id") or owner,
        author_kind="brand",
        kind=kind,
        created_at=created,
        text=text,
        parent_native_id=parent,
        thread_native_id=row.get("video id") or row.get("post id") or None,
        links=links,
        hashtags=hashtags(text),
    )


def _segments(raw: str) -> list[dict[str, Any]] | None:
    """The JSON fragments of a text cell, or None when the cell is plain text."""
    cell = raw.strip()
    if not cell.startswith("{"):
        return None
    try:
        # Fragments are joined by commas, not a list; their strings hold raw line breaks.
        parsed = json.loads(f"[{cell}]", strict=False)
    except (ValueError, RecursionError):
        return None
    if len(parsed) == 1 and isinstance(parsed[0], dict) and "takeoutSegments" in parsed[0]:
        # The 2023 layout: one object wrapping the list of fragments.
        parsed = parsed[0]["takeoutSegments"]
        return [p for p in parsed if isinstance(p, dict)] if isinstance(parsed, list) else None
    segments = [p for p in parsed if isinstance(p, dict)]
    return segments if any("text" in s for s in segments) else None


def _content(raw: str) -> tuple[str, list[str]]:
    """Plain text and links of a text cell: fragments joined, link targets collected."""
    segments = _segments(raw)
    if segments is None:  # plain text, as in Takeouts before 2023
        return raw.replace("\r\n", "\n"), links_in(raw)
    parts, links = [], []
    for segment in segments:
        text = segment.get("text")
        text = text if isinstance(text, str) else ""
        parts.append(text)
        link, video = segment.get("link"), segment.get("videoLink")
        if isinstance(link, dict) and isinstance(link.get("linkUrl"), str):
            links.append(link["linkUrl"])
        elif isinstance(video, dict):
            links.extend(_video_url(video))
        else:
            # A link fragment shows a shortened URL; only plain text is searched for links.
            links.extend(links_in(text))
    text = "".join(parts).replace("\r\n", "\n")
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # lone surrogates
    return text, list(dict.fromkeys(links))


def _video_url(video: dict[str, Any]) -> list[str]:
    """The URL a ``videoLink`` fragment points to (a video, often at a moment)."""
    url = video.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return [url]
    vid = video.get("videoId") or video.get("externalVideoId")
    if not isinstance(vid, str) or not vid:
        return []
    start = str(video.get("startTimeSeconds", ""))
    moment = f"&t={start}s" if start.isascii() and start.isdigit() and start.strip("0") else ""
    return [f"https://www.youtube.com/watch?v={vid}{moment}"]
