"""Helpers every importer shares: decoding, JSON with positions, times, text, links, hashtags."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from socialplan.activity.source import Member, Source
from socialplan.errors import InputError, Problem
from socialplan.i18n import N_

NOT_JSON = N_("this is not valid JSON: {detail}")
NOT_UTF8_EXPORT = N_("this file is not UTF-8 text")
UNEXPECTED_SHAPE = N_("expected {expected}, found {found}")
BAD_ITEM = N_("cannot read this item: {detail}")
MISSING_COLUMNS = N_("missing columns: {columns}")
BAD_TIME = N_("cannot read the time {value}")
BAD_NUMBER = N_("cannot read the number {value}")
EMPTY_VALUE = N_("{column} is empty")
EXTRA_VALUES = N_("more values than the header has columns: {values}")

URL = re.compile(r"https?://[^\s<>\"'\])}]+", re.IGNORECASE)


def text_encoding(data: bytes) -> str:
    """The codec of an export's text: UTF-16 where a byte-order mark says so, else UTF-8."""
    return "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"


def decode(source: Source, member: Member, data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is an error."""
    try:
        return data.decode(text_encoding(data))
    except UnicodeDecodeError:
        raise source.problem(member, NOT_UTF8_EXPORT) from None


def load_json(source: Source, member: Member, text: str | None = None) -> Any:
    """Parse a member as JSON; errors give the line and column."""
    if text is None:
        text = decode(source, member, source.read_bytes(member))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    file=source.where(member),
                    message=NOT_JSON,
                    args={"detail": exc.msg},
                    line=exc.lineno,
                    column=exc.colno,
                )
            ]
        ) from None
    except RecursionError:
        raise source.problem(member, NOT_JSON, detail="nested too deeply") from None


def expect(
    source: Source, member: Member, value: Any, kind: type, expected: str, path: str | None = None
) -> Any:
    """*value* if it is of *kind*, else an error naming what was expected."""
    if not isinstance(value, kind):
        raise source.problem(
            member, UNEXPECTED_SHAPE, path=path, expected=expected, found=type(value).__name__
        )
    return value


def read_csv(
    source: Source, member: Member, required: tuple[str, ...] = (), *, strict: bool = False
) -> list[dict[str, str]]:
    """Every row of :func:`iter_csv` at once."""
    return list(iter_csv(source, member, required, strict=strict))


def iter_csv(
    source: Source, member: Member, required: tuple[str, ...] = (), *, strict: bool = False
) -> Iterator[dict[str, str]]:
    """Rows of a CSV member as dicts, header names stripped; missing columns are an error.

    Values beyond the header's columns are dropped, or with *strict* an error: there they are
    usually a figure split by a decimal comma, and dropping half of it would misread it.
    Rows are decoded and parsed as they are asked for: a million-row file as text and as
    rows at once would take gigabytes.
    """
    data = source.read_bytes(member)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=text_encoding(data), newline="")
    try:
        reader = csv.DictReader(stream)
        fields = [f.strip() for f in reader.fieldnames or []]
        reader.fieldnames = fields
        lowered = {f.lower() for f in fields}
        missing = [c for c in required if c.lower() not in lowered]
        if missing:
            raise source.problem(member, MISSING_COLUMNS, columns=", ".join(missing))
        for number, row in enumerate(reader, start=2):
            extra = [v for v in row.pop(None, None) or [] if v.strip()]
            if strict and extra:
                values = ", ".join(map(repr, extra))
                raise source.problem(member, EXTRA_VALUES, path=f"line {number}", values=values)
            yield {k: (v or "") for k, v in row.items()}
    except csv.Error as exc:
        raise source.problem(member, BAD_ITEM, detail=str(exc)) from None
    except UnicodeDecodeError:
        raise source.problem(member, NOT_UTF8_EXPORT) from None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 bytes written as Latin-1 escapes (Meta exports), only where that is the case."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def from_epoch(value: Any) -> dt.datetime:
    """Seconds since the epoch (number or numeric string) as an aware UTC time."""
    return dt.datetime.fromtimestamp(float(value), tz=dt.UTC)


def parse_time(value: str) -> dt.datetime:
    """An ISO 8601 time; a time without zone is taken as UTC."""
    text = value.strip().replace("Z", "+00:00")
    parsed = dt.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def links_in(text: str) -> list[str]:
    """The URLs in *text*, trailing punctuation removed."""
    return [u.rstrip(".,;:!?…") for u in URL.findall(text)]


def _tag_char(char: str) -> bool:
    # Letters, combining marks (Thai vowels, Persian diacritics), digits, _ and the ZWNJ.
    return char in "_\u200c" or unicodedata.category(char)[0] in "LMN"


def hashtags_in(text: str) -> list[str]:
    """The hashtags in *text*, without the #, in any script."""
    found = []
    for match in re.finditer(r"(?:^|(?<=[\s(]))[#＃]", text):
        end = match.end()
        while end < len(text) and _tag_char(text[end]):
            end += 1
        tag = text[match.end() : end]
        if tag and not tag.isdigit():
            found.append(tag)
    return found


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p") and self.parts:
            self.parts.append("\n")
        if tag == "a":
            href = dict(attrs).get("href")
            classes = dict(attrs).get("class") or ""
            if href and "mention" not in classes and "hashtag" not in classes:
                self.links.append(href)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, list[str]]:
    """Plain text and the links of an HTML fragment (Mastodon content)."""
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:
        # html.parser asserts on some malformed markup; fall back to dropping the tags.
        return html.unescape(re.sub(r"<[^>]*>", " ", markup)).strip(), []
    return html.unescape("".join(parser.parts)).strip(), parser.links


def to_int(value: Any) -> int | None:
    """Counters arrive as numbers, numeric strings or nothing."""
    if value is None or value == "":
        return None
    try:
        number = int(float(str(value).replace(",", "")))
    except (ValueError, OverflowError):
        return None
    # Counters are stored as 64-bit integers; anything outside is not a real counter.
    return number if -(2**63) <= number < 2**63 else None


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    """*items* in lists of at most *size*."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
