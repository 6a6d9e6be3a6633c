"""LinkedIn page analytics workbooks: ``<page>_content_<epoch>.xls`` and ``_followers_``.

Content: "All posts" rows become the page's posts (impressions as views, likes, comments as
replies, reposts as shares); "Metrics" rows become daily impressions, unique impressions (reach),
clicks and engagements (reactions + comments + reposts). Followers: the daily "Total followers"
column becomes ``Metric.followers``; LinkedIn counts followers *gained* that day there, not the
audience size. Demographic sheets and ``_visitors_`` files (page views by section) are skipped: no
field of the schema means page views. Dates are US month/day/year ("11/03/2026" is 3 November),
taken as midnight UTC. The ``.xls`` files are usually xlsx in disguise, so the bytes decide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import unquote

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import (
    BAD_NUMBER,
    BAD_TIME,
    MISSING_COLUMNS,
    hashtags_in,
    links_in,
)
from socialplan.activity.schema import Account, Extract, Item, Metric
from socialplan.activity.source import Member, Source
from socialplan.errors import (
    EMPTY_FILE,
    FILE_TOO_LARGE,
    NOT_READABLE,
    InputError,
    Problem,
    human_size,
)
from socialplan.i18n import N_

NETWORK = "linkedin"
#: Browsers add " (1)" to a second download of the same file name.
FILE_NAME = re.compile(
    r"^(?P<page>.+)_(?P<kind>content|followers|visitors)_\d{9,13}(?: ?\(\d+\))?\.xlsx?$",
    re.IGNORECASE,
)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_WORKBOOK = N_(
    "this is not an Excel workbook (.xlsx or .xls); open it in a spreadsheet "
    "program and save it as .xlsx"
)
BAD_WORKBOOK = N_("this Excel workbook cannot be read: {reason}")
TOO_MANY_ROWS = N_("more than {limit} rows")
NO_LINKEDIN_FILES = N_("no file here is named like a LinkedIn export ({pattern})")
EXAMPLE_NAME = "<page>_content_<number>.xls, <page>_followers_<number>.xls"
#: A page's export holds a few years of days and posts; far more means it is something else.
MAX_ROWS = 100_000
#: LinkedIn puts a description line above some headers; look this far down for the header.
HEADER_SCAN = 10
EMPTY_CELLS = {"", "-", "–", "n/a", "na"}
POSTS = ("Post link", "Created date")
METRICS = ("Date", "Impressions (total)")
FOLLOWERS = ("Date", "Total followers")
ACTIVITY = re.compile(r"urn:li:(?:activity|share|ugcPost):\d+|activity-(\d{10,})", re.IGNORECASE)
US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)

Rows = list[list[Any]]
ENGAGEMENTS = ("reactions", "comments", "reposts")


@register
class LinkedIn(Importer):
    """LinkedIn page analytics exports: posts, daily metrics and daily new followers."""

    name = "linkedin"
    label = N_("LinkedIn page analytics (content and followers .xls/.xlsx)")
    network = NETWORK

    @classmethod
    def detect(cls, source: Source) -> bool:
        """Some file is named ``<page>_content|followers|visitors_<epoch>.xls(x)``."""
        return any(FILE_NAME.match(f.name) for f in _files(source))

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every content and followers workbook of the export."""
        extract = Extract(source_format=self.name)
        days: dict[tuple[str, dt.date], Metric] = {}
        matches = [(f, FILE_NAME.match(f.name)) for f in _files(source)]
        if not any(match for _, match in matches):
            raise InputError.one(source.label, NO_LINKEDIN_FILES, pattern=EXAMPLE_NAME)
        for file, match in matches:
            if match is None:
                continue
            page, kind = match["page"], match["kind"].lower()
            if not any(a.handle == page for a in extract.accounts):
                extract.accounts.append(Account(NETWORK, page, is_brand=True))
            if kind == "visitors":
                continue  # page views by section: nothing in the schema means that
            sheets = _workbook(file)
            if kind == "followers":
                for row in _rows(file.where, sheets, FOLLOWERS, "New followers"):
                    _merge(days, page, row.when("date"), followers=row.count("total followers"))
                continue
            for row in _rows(file.where, sheets, POSTS, "All posts"):
                extract.items.append(_post(page, row))
            for row in _rows(file.where, sheets, METRICS, "Metrics"):
                parts = [row.count(f"{n} (total)", f"{n} (organic)") for n in ENGAGEMENTS]
                known = [p for p in parts if p is not None]
                _merge(
                    days,
                    page,
                    row.when("date"),
                    engagements=sum(known) if known else None,
                    impressions=row.count("impressions (total)", "impressions (organic)"),
                    reach=row.count("unique impressions (total)", "unique impressions (organic)"),
                    clicks=row.count("clicks (total)", "clicks (organic)"),
                )
        extract.metrics = list(days.values())
        return extract


@dataclass(frozen=True)
class _Row:
    """One sheet row: cells by lower-cased column name, and its place for errors."""

    file: str
    where: str
    cells: dict[str, Any]

    def text(self, column: str) -> str:
        """A cell as stripped text."""
        return _text(self.cells.get(column))

    def when(self, column: str) -> dt.datetime:
        """A date cell: a real date, an Excel serial, month/day/year or ISO text; as UTC."""
        cell = self.cells.get(column)
        try:
            if isinstance(cell, dt.datetime):
                moment = cell
            elif isinstance(cell, dt.date):
                moment = dt.datetime.combine(cell, dt.time())
            elif isinstance(cell, int | float) and not isinstance(cell, bool) and 1 <= cell < 3e6:
                moment = EXCEL_EPOCH + dt.timedelta(days=cell)
            elif match := US_DATE.match(_text(cell)):
                moment = dt.datetime(int(match[3]), int(match[1]), int(match[2]))
            else:
                moment = dt.datetime.fromisoformat(_text(cell))
            if moment.tzinfo is None:
                return moment.replace(tzinfo=dt.UTC)
            return moment.astimezone(dt.UTC)
        except (ValueError, OverflowError):
            raise _problem(self.file, BAD_TIME, self.where, value=repr(_text(cell))) from None

    def count(self, *columns: str) -> int | None:
        """The first present of *columns* as a counter: a number, "1,234", or empty."""
        present = [c for c in columns if c in self.cells]
        cell = self.cells[present[0]] if present else None
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            number = float(cell)
        elif _text(cell).lower() in EMPTY_CELLS:
            return None
        else:
            try:
                number = float(re.sub(r"[,\s'\u00a0\u202f]", "", _text(cell)))
            except ValueError:
                number = math.nan
        if not math.isfinite(number) or abs(number) >= 2**63:  # the store keeps int64
            raise _problem(self.file, BAD_NUMBER, self.where, value=repr(_text(cell)))
        return round(number)


def _post(page: str, row: _Row) -> Item:
    """An "All posts" row as the page's post."""
    created, title, link = row.when("created date"), row.text("post title"), row.text("post link")
    return Item(
        network=NETWORK,
        native_id=_post_id(link or title, created),
        author=page,
        author_kind="brand",
        kind="post",
        created_at=created,
        text=title,
        links=links_in(title),
        hashtags=hashtags_in(title),
        likes=row.count("likes"),
        replies=row.count("comments"),
        shares=row.count("reposts"),
        # "Views" counts video plays only; impressions are what other networks call views
        views=row.count("impressions"),
    )


def _post_id(key: str, created: dt.datetime) -> str:
    """The post's URN from its link; else a stable hash of link (or title) and date."""
    match = ACTIVITY.search(unquote(key))
    if match:
        return f"urn:li:activity:{match[1]}" if match[1] else match[0]
    return "hash:" + hashlib.sha256(f"{key}|{created.isoformat()}".encode()).hexdigest()[:24]


def _merge(
    days: dict[tuple[str, dt.date], Metric], page: str, when: dt.datetime, **values: int | None
) -> None:
    """One Metric per page and day, filled from every file: the store keeps a day's first row."""
    metric = days.setdefault((page, when.date()), Metric(NETWORK, page, when.date()))
    for field, value in values.items():
        if value is not None:
            setattr(metric, field, value)


@dataclass(frozen=True)
class _File:
    """One file of the export: its name, how errors name it, and its bytes on demand."""

    name: str
    where: str
    load: Callable[[], bytes]


def _files(source: Source) -> list[_File]:
    """The export's files; a lone .xlsx is one file, although Source opens it as a zip."""
    if source.path.is_file() and FILE_NAME.match(source.path.name):
        return [_File(source.path.name, source.label, lambda: _whole(source))]
    return [_File(m.basename, source.where(m), _loader(source, m)) for m in source.iter_members()]


def _loader(source: Source, member: Member) -> Callable[[], bytes]:
    """Reads *member* when called, under the limit in force then."""
    return lambda: source.read_bytes(member, source_module.MAX_MEMBER_BYTES)


def _whole(source: Source) -> bytes:
    """The bytes of a single-file export, with the limits Source applies to members."""
    try:
        size = source.path.stat().st_size
        if size > source_module.MAX_MEMBER_BYTES:
            limit = human_size(source_module.MAX_MEMBER_BYTES)
            raise _problem(source.label, FILE_TOO_LARGE, size=human_size(size), limit=limit)
        return source.path.read_bytes()
    except OSError as exc:
        raise _problem(source.label, NOT_READABLE, reason=exc.strerror or str(exc)) from None


def _problem(file: str, message: str, path: str | None = None, **args: object) -> InputError:
    """An error naming the file and, where known, the sheet and row."""
    return InputError([Problem(file=file, message=message, args=args, path=path)])


def _workbook(file: _File) -> list[tuple[str, Rows]]:
    """Every sheet's rows; the bytes, not the name, say whether it is xlsx or BIFF xls."""
    data = file.load()
    if not data:
        raise _problem(file.where, EMPTY_FILE)
    if not data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise _problem(file.where, NOT_WORKBOOK)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not need
            sheets = _xlsx(data) if data.startswith(ZIP_MAGIC) else _xls(data)
    except Exception as exc:  # parsers of damaged binaries raise anything (zlib, XML, struct...)
        reason = f"{type(exc).__name__}: {str(exc)[:120]}"
        raise _problem(file.where, BAD_WORKBOOK, reason=reason) from None
    for name, rows in sheets:
        if len(rows) > MAX_ROWS:
            raise _problem(file.where, TOO_MANY_ROWS, f"sheet {name}", limit=MAX_ROWS)
    return sheets


def _xlsx(data: bytes) -> list[tuple[str, Rows]]:
    """Sheets of an Office Open XML workbook."""
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # generators write wrong dimensions; trust the rows
            rows = islice(sheet.iter_rows(values_only=True), MAX_ROWS + 1)
            sheets.append((sheet.title, [list(r) for r in rows]))
        return sheets
    finally:
        book.close()


def _xls(data: bytes) -> list[tuple[str, Rows]]:
    """Sheets of a legacy BIFF workbook, date cells as datetimes."""
    import xlrd  # type: ignore[import-untyped]

    book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO())

    def value(cell: Any) -> Any:
        if cell.ctype == xlrd.XL_CELL_DATE:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        return None if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_ERROR) else cell.value

    return [
        (s.name, [[value(c) for c in s.row(r)] for r in range(min(s.nrows, MAX_ROWS + 1))])
        for s in book.sheets()
    ]


def _rows(
    file: str, sheets: list[tuple[str, Rows]], required: tuple[str, ...], sheet: str
) -> list[_Row]:
    """Non-empty rows below the header of the sheet with *required* columns (*sheet* first)."""
    wanted = [r.lower() for r in required]
    for name, rows in sorted(sheets, key=lambda s: _norm(s[0]) != sheet.lower()):
        for header, row in enumerate(rows[:HEADER_SCAN]):
            columns: dict[str, int] = {}
            for position, cell in enumerate(row):
                columns.setdefault(_norm(cell), position)
            if all(w in columns for w in wanted):
                return [
                    _Row(file, f"sheet {name}, row {index + 1}", _cells(rows[index], columns))
                    for index in range(header + 1, len(rows))
                    if any(_text(c) for c in rows[index])
                ]
    missing = ", ".join(required)
    raise _problem(file, MISSING_COLUMNS, f"sheet {sheet}", columns=missing)


def _cells(row: list[Any], columns: dict[str, int]) -> dict[str, Any]:
    """A row's cells by column name; short rows end in empty cells."""
    return {c: row[i] if i < len(row) else None for c, i in columns.items()}


def _norm(cell: Any) -> str:
    """A header cell compared case- and space-insensitively."""
    return " ".join(_text(cell).split()).lower()


def _text(cell: Any) -> str:
    """A cell as stripped text; numbers and dates as Python writes them."""
    return "" if cell is None else str(cell).strip()
