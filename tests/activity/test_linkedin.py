"""LinkedIn page analytics workbooks: xlsx, xlsx named .xls, real BIFF .xls, and bad input."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan.activity import source as source_module
from socialplan.activity.importers import linkedin as linkedin_module
from socialplan.activity.importers.base import Brand
from socialplan.activity.importers.care_csv import Conversations
from socialplan.activity.importers.common import BAD_NUMBER, BAD_TIME, MISSING_COLUMNS
from socialplan.activity.importers.generic_csv import GenericCsv
from socialplan.activity.importers.linkedin import (
    BAD_WORKBOOK,
    NO_LINKEDIN_FILES,
    NOT_WORKBOOK,
    TOO_MANY_ROWS,
    LinkedIn,
)
from socialplan.activity.ingest import choose
from socialplan.activity.schema import Account, Extract, Item, Metric
from socialplan.activity.source import Source
from socialplan.errors import EMPTY_FILE, FILE_TOO_LARGE, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
FIXTURE = FIXTURES / "linkedin"
CONTENT = "acme-coffee_content_1762819200000.xlsx"
#: xlsx bytes under a .xls name, as LinkedIn writes them
FOLLOWERS = "acme-coffee_followers_1762819200000.xls"
VISITORS = "acme-coffee_visitors_1762819200000.xls"
UTC = dt.UTC

Sheets = dict[str, list[list[Any]]]

# fmt: off
METRICS_HEADER = [
    "Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
    "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)", "Clicks (total)",
    "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
    "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)",
    "Reposts (total)", "Engagement rate (organic)", "Engagement rate (sponsored)",
    "Engagement rate (total)",
]
POSTS_HEADER = [
    "Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date",
    "Campaign start date", "Campaign end date", "Audience", "Impressions", "Views",
    "Offsite Views", "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts",
    "Follows", "Engagement rate", "Content Type",
]
FEED = "https://www.linkedin.com/feed/update/"


def content_sheets() -> Sheets:
    """The content export: a description line above each header, messy cells."""
    return {
        "Metrics": [
            ["Aggregated metrics for the selected period; engagement rate counts clicks too."],
            METRICS_HEADER,
            ["11/01/2026", 1520, 0, 1520, 1100, 35, 0, 35, 40, 0, 40, 3, 0, 3, 2, 0, 2,
             0.0526, 0, 0.0526],
            ["11/02/2026", "2,345", "0", "2,345", "1,870", "12", None, "12", "51", None, "51",
             None, None, None, "4", None, "4", "2.8%", None, "2.8%"],
            [None] * 20,
            [dt.datetime(2026, 11, 3), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            ["11/12/2026", 10, "-", 10],
        ],
        "All posts": [
            ["All posts published in the selected period."],
            POSTS_HEADER,
            ["Chào buổi sáng! Cà phê mới ☕ #CàPhê https://acme.example/vn",
             FEED + "urn:li:activity:7254000000000000001", "Organic", None, "Mai Nguyễn",
             "11/03/2026", None, None, "All followers", "1,234", None, None, 56, 0.045, 40, "3",
             2, 1, 0.082, "Image"],
            ["สวัสดีครับ กาแฟใหม่ 🇹🇭 #กาแฟ", FEED + "urn:li:ugcPost:7254000000000000002",
             "Sponsored", "Autumn launch", "Somchai P.", dt.datetime(2026, 11, 4), "11/04/2026",
             "11/30/2026", "All followers", 9876, "512", None, 300, 0.03, "1,020", None, "-", 7,
             0.13, "Video"],
            [None, None, None],
            ["新品咖啡上市 🎉 #咖啡",
             "https://www.linkedin.com/posts/acme-coffee_新品-activity-7254000000000000003-AbCd",
             "Organic", None, "王伟", "11/12/2026", None, None, "All followers", 300, None, None,
             "8", None, "15", "0", "1"],
            ["Καλημέρα από την Αθήνα ☀️ #καφές", FEED + "urn%3Ali%3Ashare%3A7254000000000000004",
             "Organic", None, "Νίκος", "2026-11-05", None, None, "All followers", "0", None, None,
             "0", "0%", "0", "0", "0", "0", "0%", "Text"],
            ["قهوه تازه رسید ☕️ #قهوه", None, "Organic", None, "سارا", "11/05/2026", None, None,
             "All followers", None, None, None, None, None, None, None, None],
        ],
    }


def followers_sheets() -> Sheets:
    """Daily new followers, then demographic sheets (which have no Date column)."""
    return {
        "New followers": [
            ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers",
             "Total followers"],
            ["11/01/2026", 0, 12, 0, 12],
            ["11/02/2026", "1", "1,204", None, "1,205"],
            ["11/20/2026", None, 3, None, 3],
        ],
        "Location": [["Location", "Total followers"], ["Hà Nội, Việt Nam", 420]],
        "Job function": [["Job function", "Total followers"], ["Marketing", 77]],
    }


def visitors_sheets() -> Sheets:
    """Page views by section: recognised and skipped."""
    return {
        "Visitor metrics": [
            ["Date", "Overview page views (desktop)", "Overview page views (mobile)",
             "Total page views (total)", "Total unique visitors (total)"],
            ["11/01/2026", 5, 7, 12, 9],
        ],
    }


# fmt: on


def xlsx_bytes(sheets: Sheets) -> bytes:
    """An .xlsx workbook holding *sheets*."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _record(code: int, payload: bytes) -> bytes:
    return struct.pack("<HH", code, len(payload)) + payload


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _cell(row: int, col: int, value: Any) -> bytes:
    """A BIFF8 cell: NUMBER (XF 1 is a date format), LABEL for text, nothing for None."""
    if value is None:
        return b""
    if isinstance(value, dt.datetime):
        serial = (value - dt.datetime(1899, 12, 30)).days
        return _record(0x0203, struct.pack("<HHHd", row, col, 1, float(serial)))
    if isinstance(value, int | float):
        return _record(0x0203, struct.pack("<HHHd", row, col, 0, float(value)))
    text = str(value).encode("utf-16-le")
    return _record(0x0204, struct.pack("<HHHHB", row, col, 0, len(text) // 2, 1) + text)


def xls_bytes(sheets: Sheets) -> bytes:
    """A real BIFF8 .xls (an OLE2 compound file), written by hand: no xls writer is installed."""
    xfs = b"".join(
        _record(0x00E0, struct.pack("<HHHBBBBIiH", 0, fmt, 1, 0x20, 0, 0, 0, 0, 0, 0x20C0))
        for fmt in (0, 14)  # General, then the built-in m/d/yy date format
    )
    bodies = [
        _bof(0x0010)
        + b"".join(_cell(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row))
        + _record(0x000A, b"")
        for rows in sheets.values()
    ]

    def workbook_globals(offsets: list[int]) -> bytes:
        out = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + xfs
        for name, offset in zip(sheets, offsets, strict=True):
            encoded = name.encode("utf-16-le")
            head = struct.pack("<IBBBB", offset, 0, 0, len(encoded) // 2, 1)
            out += _record(0x0085, head + encoded)
        return out + _record(0x000A, b"")

    offsets, position = [], len(workbook_globals([0] * len(sheets)))
    for body in bodies:
        offsets.append(position)
        position += len(body)
    stream = workbook_globals(offsets) + b"".join(bodies)
    # at least 4096 bytes keeps the stream out of the mini-stream, which this writer lacks
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")
    sectors = len(stream) // 512
    fat = [0xFFFFFFFD, *range(2, sectors + 1), 0xFFFFFFFE, 0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<9I", 0, 1, sectors + 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0)
        + b"\xff" * 4 * 108
    )

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
            + b"\0" * 36
            + struct.pack("<III", start, size, 0)
        )

    directory = (
        entry("Root Entry", 5, 1, 0xFFFFFFFE, 0)
        + entry("Workbook", 2, 0xFFFFFFFF, 1, len(stream))
        + entry("", 0, 0xFFFFFFFF, 0, 0) * 2
    )
    return header + struct.pack("<128I", *fat) + stream + directory


def post(
    native_id: str,
    day: dt.datetime,
    text: str,
    links: list[str],
    hashtags: list[str],
    likes: int | None,
    replies: int | None,
    shares: int | None,
    views: int | None,
) -> Item:
    """A post of the page as the importer should read it."""
    return Item(
        network="linkedin",
        native_id=native_id,
        author="acme-coffee",
        author_kind="brand",
        kind="post",
        created_at=day,
        text=text,
        links=links,
        hashtags=hashtags,
        likes=likes,
        replies=replies,
        shares=shares,
        views=views,
    )


# fmt: off
PERSIAN = "قهوه تازه رسید ☕️ #قهوه"
EXPECTED_ITEMS = [
    post("urn:li:activity:7254000000000000001", dt.datetime(2026, 11, 3, tzinfo=UTC),
         "Chào buổi sáng! Cà phê mới ☕ #CàPhê https://acme.example/vn",
         ["https://acme.example/vn"], ["CàPhê"], 40, 3, 2, 1234),
    post("urn:li:ugcPost:7254000000000000002", dt.datetime(2026, 11, 4, tzinfo=UTC),
         "สวัสดีครับ กาแฟใหม่ 🇹🇭 #กาแฟ", [], ["กาแฟ"], 1020, None, None, 9876),
    # US month/day/year: 11/12/2026 is 12 November, not 11 December
    post("urn:li:activity:7254000000000000003", dt.datetime(2026, 11, 12, tzinfo=UTC),
         "新品咖啡上市 🎉 #咖啡", [], ["咖啡"], 15, 0, 1, 300),
    post("urn:li:share:7254000000000000004", dt.datetime(2026, 11, 5, tzinfo=UTC),
         "Καλημέρα από την Αθήνα ☀️ #καφές", [], ["καφές"], 0, 0, 0, 0),
    post("hash:", dt.datetime(2026, 11, 5, tzinfo=UTC), PERSIAN, [], ["قهوه"], None, None, None,
         None),
]


# fmt: on


def metric(day: int, **values: int | None) -> Metric:
    """A day of November 2026 of the page."""
    return Metric("linkedin", "acme-coffee", dt.date(2026, 11, day), **values)


EXPECTED_METRICS = [
    metric(1, followers=12, impressions=1520, reach=1100, engagements=45, clicks=35),
    metric(2, followers=1205, impressions=2345, reach=1870, engagements=55, clicks=12),
    metric(3, impressions=0, reach=0, engagements=0, clicks=0),
    metric(12, impressions=10),
    metric(20, followers=3),
]


def write_export(folder: Path, xls: bool = False) -> Path:
    """The three files of one page as LinkedIn names them; *xls* writes real BIFF content."""
    folder.mkdir(parents=True, exist_ok=True)
    write = xls_bytes if xls else xlsx_bytes
    content = CONTENT.replace(".xlsx", ".xls") if xls else CONTENT
    (folder / content).write_bytes(write(content_sheets()))
    (folder / FOLLOWERS).write_bytes(write(followers_sheets()))
    (folder / VISITORS).write_bytes(write(visitors_sheets()))
    return folder


def read(path: Path) -> Extract:
    """What the importer makes of *path*, through the safety net users get."""
    with Source(path) as source:
        return LinkedIn().load(source, Brand())


def assert_expected(extract: Extract) -> None:
    """The records of the fixture, exactly; the link-less post gets a stable hash id."""
    items = sorted(extract.items, key=lambda i: (i.created_at, i.native_id))
    hashed = [i for i in items if i.native_id.startswith("hash:")]
    assert len(hashed) == 1
    assert len(hashed[0].native_id) == len("hash:") + 24
    hashed[0].native_id = "hash:"
    expected = sorted(EXPECTED_ITEMS, key=lambda i: (i.created_at, i.native_id))
    assert items == expected
    assert sorted(extract.metrics, key=lambda m: m.day) == EXPECTED_METRICS
    assert extract.accounts == [Account("linkedin", "acme-coffee", is_brand=True)]
    assert extract.moderation == []


def problem_of(path: Path) -> tuple[str, str, str | None]:
    """(file, message, path) of the single problem reading *path* gives."""
    with pytest.raises(InputError) as caught:
        read(path)
    (problem,) = caught.value.problems
    return problem.file, problem.message, problem.path


def test_committed_fixture_reads_exactly() -> None:
    assert_expected(read(FIXTURE))


def test_committed_fixture_is_current(tmp_path: Path) -> None:
    fresh = read(write_export(tmp_path / "fresh"))
    assert fresh.items == read(FIXTURE).items
    assert fresh.metrics == read(FIXTURE).metrics


@pytest.mark.parametrize("xls", [False, True], ids=["xlsx", "biff-xls"])
def test_generated_exports_read_exactly(tmp_path: Path, xls: bool) -> None:
    assert_expected(read(write_export(tmp_path, xls=xls)))


def test_zipped_export_reads_the_same(tmp_path: Path) -> None:
    folder = write_export(tmp_path / "files")
    archive = tmp_path / "linkedin.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in folder.iterdir():
            zipped.write(path, f"Downloads/{path.name}")
        zipped.writestr("notes.txt", "not part of the export")
    assert_expected(read(archive))


def test_second_download_name_and_single_file(tmp_path: Path) -> None:
    path = tmp_path / "acme-coffee_content_1762819200000 (1).xls"
    path.write_bytes(xlsx_bytes(content_sheets()))
    extract = read(path)
    assert len(extract.items) == 5
    assert {m.day.day for m in extract.metrics} == {1, 2, 3, 12}


def test_detect_own_fixture_only(tmp_path: Path) -> None:
    with Source(FIXTURE) as source:
        assert LinkedIn.detect(source)
        assert not GenericCsv.detect(source)
        assert not Conversations.detect(source)
        assert choose(source, None) is LinkedIn
    for other in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p != FIXTURE):
        if any(other.iterdir()):
            with Source(other) as source:
                assert not LinkedIn.detect(source), other
    stray = tmp_path / "content.xlsx"
    stray.write_bytes(xlsx_bytes(content_sheets()))
    with Source(stray) as source:
        assert not LinkedIn.detect(source)


def test_no_linkedin_file_when_forced(tmp_path: Path) -> None:
    (tmp_path / "report.xlsx").write_bytes(xlsx_bytes(content_sheets()))
    with pytest.raises(InputError) as caught:
        read(tmp_path)
    assert caught.value.problems[0].message == NO_LINKEDIN_FILES
    assert caught.value.problems[0].file == str(tmp_path)


def single(tmp_path: Path, data: bytes, name: str = CONTENT) -> Path:
    """A one-file export."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", EMPTY_FILE),
        (b"<html><table><tr><td>Date</td></tr></table></html>", NOT_WORKBOOK),
        ("Date,Impressions (total)\n11/01/2026,5\n".encode("cp1252"), NOT_WORKBOOK),
        ("Date\tNgày\n".encode("utf-16"), NOT_WORKBOOK),
        (b"PK\x03\x04" + b"\x00" * 200, BAD_WORKBOOK),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 600, BAD_WORKBOOK),
    ],
    ids=["empty", "html", "csv-cp1252", "utf16-text", "corrupt-zip", "corrupt-ole"],
)
def test_not_a_workbook(tmp_path: Path, data: bytes, message: str) -> None:
    path = single(tmp_path, data, "acme-coffee_content_1762819200000.xls")
    assert problem_of(path) == (str(path), message, None)


@pytest.mark.parametrize("xls", [False, True], ids=["xlsx", "biff-xls"])
def test_truncated_workbook(tmp_path: Path, xls: bool) -> None:
    data = (xls_bytes if xls else xlsx_bytes)(content_sheets())
    path = single(tmp_path, data[: len(data) // 2], "acme-coffee_content_1762819200000.xls")
    assert problem_of(path) == (str(path), BAD_WORKBOOK, None)


def test_wrong_format_gets_missing_sheet(tmp_path: Path) -> None:
    sheets = {"Sheet1": [["tweet_id", "author_id", "text"], ["1", "a", "hi"]]}
    path = single(tmp_path, xlsx_bytes(sheets))
    assert problem_of(path) == (str(path), MISSING_COLUMNS, "sheet All posts")
    followers = single(tmp_path, xlsx_bytes(sheets), FOLLOWERS)
    assert problem_of(followers) == (str(followers), MISSING_COLUMNS, "sheet New followers")


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "message"),
    [
        ("All posts", 3, 5, "31/12/2026", BAD_TIME),
        ("All posts", 4, 5, None, BAD_TIME),
        ("All posts", 3, 14, "lots", BAD_NUMBER),
        ("Metrics", 4, 3, "1e400", BAD_NUMBER),
        ("Metrics", 3, 0, "yesterday", BAD_TIME),
    ],
)
def test_bad_cells_name_sheet_and_row(
    tmp_path: Path, sheet: str, row: int, column: int, value: Any, message: str
) -> None:
    sheets = content_sheets()
    sheets[sheet][row - 1][column] = value
    path = single(tmp_path, xlsx_bytes(sheets))
    assert problem_of(path) == (str(path), message, f"sheet {sheet}, row {row}")


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_export(tmp_path)
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 1000)
    file, message, _ = problem_of(tmp_path)
    assert message == FILE_TOO_LARGE
    assert file == f"{tmp_path}:{CONTENT}"


def test_too_many_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = single(tmp_path, xlsx_bytes(content_sheets()))
    monkeypatch.setattr(linkedin_module, "MAX_ROWS", 5)
    assert problem_of(path) == (str(path), TOO_MANY_ROWS, "sheet Metrics")


def check_load(path: Path) -> None:
    """Loading gives records or an InputError naming the export; nothing else escapes."""
    try:
        read(path)
    except InputError as exc:
        problems = exc.problems
    else:
        return
    assert problems
    assert all(p.file.startswith(str(path)) for p in problems)


CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9000, 1, 1)),
    st.sampled_from(["11/31/2026", "1,234", "-", "N/A", "2.8%", "13/01/2026", "Date"]),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_cells_only_raise_input_errors(tmp_path: Path, data: st.DataObject) -> None:
    sheets = content_sheets()
    for _ in range(data.draw(st.integers(1, 6))):
        rows = sheets[data.draw(st.sampled_from(sorted(sheets)))]
        index = data.draw(st.integers(0, len(rows) - 1))
        action = data.draw(st.sampled_from(["cell", "delete", "duplicate", "truncate"]))
        if action == "cell":
            rows[index] = list(rows[index]) + [None] * 3
            rows[index][data.draw(st.integers(0, len(rows[index]) - 1))] = data.draw(CELL)
        elif action == "delete" and len(rows) > 1:
            del rows[index]
        elif action == "duplicate":
            rows.insert(index, list(rows[index]))
        else:
            rows[index] = rows[index][: data.draw(st.integers(0, len(rows[index])))]
    xls = data.draw(st.booleans())
    try:
        payload = (xls_bytes if xls else xlsx_bytes)(sheets)
    except (ValueError, TypeError, openpyxl.utils.exceptions.IllegalCharacterError):
        return  # the writer refuses the cell (control characters); nothing to import
    check_load(single(tmp_path, payload, "acme-coffee_content_1762819200000.xls"))


def mutate(data: st.DataObject, payload: bytes) -> bytes:
    """*payload* with a few bytes flipped, cut out or inserted."""
    out = bytearray(payload)
    for _ in range(data.draw(st.integers(1, 8))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        at = data.draw(st.integers(0, max(len(out) - 1, 0)))
        if action == "flip" and out:
            out[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del out[at : at + data.draw(st.integers(1, 64))]
        else:
            out[at:at] = data.draw(st.binary(min_size=1, max_size=16))
    return bytes(out)


def mutate_inside(data: st.DataObject, payload: bytes) -> bytes:
    """An xlsx with one of its XML parts damaged but the zip itself intact."""
    with zipfile.ZipFile(io.BytesIO(payload)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    parts[name] = mutate(data, parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, body in parts.items():
            target.writestr(part, body)
    return out.getvalue()


#: Fixed bytes: hypothesis replays draws, so the payload must not change between runs.
PAYLOADS = {
    "xlsx": (FIXTURE / CONTENT).read_bytes(),
    "xlsx-as-xls": (FIXTURE / FOLLOWERS).read_bytes(),
    "biff-xls": xls_bytes(followers_sheets()),
}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_bytes_only_raise_input_errors(tmp_path: Path, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(PAYLOADS)))
    payload = PAYLOADS[kind]
    if kind != "biff-xls" and data.draw(st.booleans()):
        payload = mutate_inside(data, payload)
    else:
        payload = mutate(data, payload)
    name = CONTENT if kind == "xlsx" else FOLLOWERS
    check_load(single(tmp_path, payload, name))
