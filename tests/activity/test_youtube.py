"""YouTube Takeout CSV: comments, replies, live chats, old and new headers, and bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.activity.helpers import utc

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import UNREADABLE, Brand
from socialplan.activity.importers.common import BAD_TIME, MISSING_COLUMNS, NOT_UTF8_EXPORT
from socialplan.activity.importers.facebook import NOTHING_TO_READ, Facebook
from socialplan.activity.importers.generic_csv import GenericCsv
from socialplan.activity.importers.instagram import Instagram
from socialplan.activity.importers.youtube import EMPTY_VALUE, YouTube
from socialplan.activity.ingest import choose
from socialplan.activity.schema import AUTHOR_KINDS, ITEM_KINDS, Account, Extract
from socialplan.activity.source import Source
from socialplan.activity.store import Store
from socialplan.errors import EMPTY_FILE, FILE_TOO_LARGE, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
FIXTURE = FIXTURES / "youtube" / "2025"
OLD = FIXTURES / "youtube" / "2023"
YT = "Takeout/YouTube and YouTube Music"
COMMENTS = f"{YT}/comments/comments.csv"
COMMENTS_1 = f"{YT}/comments/comments(1).csv"
LIVE = f"{YT}/live chats/live chats.csv"
CHANNEL = "UCHoaSenTea0000000000001"
HEADER = (
    "Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Post ID,Video ID,"
    "Comment Text,Top-Level Comment ID\r\n"
)


def zipped(folder: Path, target: Path) -> Path:
    """*folder* as a zip file, the way Takeout hands it over."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def with_member(tmp: Path, member: str, data: bytes | None) -> Path:
    """A copy of the fixture with one member (a path) replaced or removed."""
    root = tmp / "export"
    shutil.copytree(FIXTURE, root)
    if data is None:
        (root / member).unlink()
    else:
        (root / member).write_bytes(data)
    return root


def load(path: Path) -> Extract:
    """What the YouTube importer reads from *path*."""
    with Source(path) as source:
        return YouTube().load(source, Brand())


def failure(path: Path) -> InputError:
    """The error reading *path* gives."""
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value


def summary(extract: Extract) -> list[tuple[Any, ...]]:
    """Each item as (id, kind, time, text, parent, thread, links, hashtags)."""
    return [
        (i.native_id, i.kind, i.created_at, i.text, i.parent_native_id, i.thread_native_id,
         i.links, i.hashtags)
        for i in extract.items
    ]  # fmt: skip


ROWS = [
    # comments(1).csv sorts before comments.csv: Takeout's second part.
    ("UgxSplit0009AaABAg", "comment", dt.datetime(2023, 12, 24, 23, 59, 59, 999000, tzinfo=dt.UTC),
     "🎄🎄🎄", None, "vid00000005", [], []),
    ("UgxSplit0010AaABAg", "comment", utc(2023, 12, 25, 0, 0, 1),
     "Giáng sinh an lành https://hoasen.example.vn/noel", None, "vid00000005",
     ["https://hoasen.example.vn/noel"], []),
    ("UgxTopLevel0001AaABAg", "comment", dt.datetime(2024, 1, 1, 8, 30, 0, 123456, tzinfo=dt.UTC),
     "Cảm ơn mọi người đã xem! #TràSen", None, "vid00000001", [], ["TràSen"]),
    ("UgzParent0002AaABAg.A1b2C3", "reply", utc(2024, 1, 2, 9),
     "@nguyenvanan cảm ơn bạn, xem đoạn 14:04", "UgzParent0002AaABAg", "vid00000002",
     ["https://www.youtube.com/watch?v=vid00000002&t=844s"], []),
    ("UgyThai0003AaABAg", "comment", dt.datetime(2024, 1, 3, 10, 15, 30, 155440, tzinfo=dt.UTC),
     "ดูเพิ่มเติม hoasen.example.vn/th #ชาไทย", None, "vid00000003",
     ["https://hoasen.example.vn/th"], ["ชาไทย"]),
    ("UgwChinese0004AaABAg", "comment", utc(2024, 1, 4, 11), "第一行\n第二行 #茶", None,
     "vid00000004", [], ["茶"]),
    ("UgxPost0005AaABAg", "comment", utc(2024, 1, 5, 5),
     "Ευχαριστούμε! Δείτε https://example.gr/tsai.", None, "UgkxCommunityPost0001",
     ["https://example.gr/tsai"], []),
    ("UgzReplyToReply0006AaABAg.B2", "reply", utc(2024, 1, 6, 13), "عالی بود 👏 #چای",
     "UgzTop0006AaABAg", "vid00000001", [], ["چای"]),
    ("UgzPlain0007AaABAg", "comment", utc(2015, 1, 1), "123", None, "vid00000009", [], []),
    ("UgzQuote0008AaABAg", "comment", utc(2024, 1, 8), 'ends with a quote "', None,
     "vid00000001", [], []),
    ("ChwKGkNMaXZlMDAwMQ", "message", dt.datetime(2024, 3, 1, 12, 0, 0, 500000, tzinfo=dt.UTC),
     "Chào cả nhà 👋", None, "live0000001", [], []),
    ("ChwKGkNMaXZlMDAwMg", "message", utc(2024, 3, 1, 12, 5), 'thanks, "streamer"', None,
     "live0000001", [], []),
    ("ChwKGkNMaXZlMDAwMw", "message", utc(2024, 3, 1, 12, 6), "สวัสดีครับ #ไลฟ์สด", None,
     "live0000001", [], ["ไลฟ์สด"]),
]  # fmt: skip


# -- recognising the export ---------------------------------------------------------------------


def test_detects_the_folder_and_the_zip(tmp_path: Path) -> None:
    for folder in (FIXTURE, OLD):
        with Source(folder) as source:
            assert YouTube.detect(source)
            assert choose(source, None) is YouTube
    with Source(zipped(FIXTURE, tmp_path / "takeout-20250101T000000Z-001.zip")) as source:
        assert YouTube.detect(source)


def test_detects_a_single_file_under_a_localised_name(tmp_path: Path) -> None:
    path = tmp_path / "коментарі.csv"
    path.write_bytes((FIXTURE / COMMENTS).read_bytes())
    with Source(path) as source:
        assert YouTube.detect(source)
    assert len(load(path).items) == 8


OTHER_FORMATS = {
    "data/tweets.js": b'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1"}} ]',
    "outbox.json": b'{"type": "OrderedCollection", "orderedItems": []}',
    "twcs.csv": b"tweet_id,author_id,inbound,created_at,text\n1,a,True,x,y\n",
    "items.csv": b"network,id,author,kind,created_at,text\nyoutube,1,a,comment,2024-01-01,hi\n",
    "subscriptions.csv": b"Channel Id,Channel Url,Channel Title\nUC1,http://x,Y\n",
    "your_posts_1.json": b'[{"timestamp": 1, "data": []}]',
    "binary.csv": b"\x00\x01\x02\xff\xfe\x00",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(OTHER_FORMATS))
def test_does_not_claim_other_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(OTHER_FORMATS[name])
    with Source(tmp_path) as source:
        assert not YouTube.detect(source)


@pytest.mark.parametrize("other", ["facebook", "instagram"])
def test_does_not_claim_my_sibling_fixtures(other: str) -> None:
    with Source(FIXTURES / other) as source:
        assert not YouTube.detect(source)
    with Source(FIXTURE) as source:
        assert not Facebook.detect(source)
        assert not Instagram.detect(source)
        assert not GenericCsv.detect(source)


# -- reading ------------------------------------------------------------------------------------


def test_reads_every_comment_reply_and_chat_exactly() -> None:
    extract = load(FIXTURE)
    assert extract.source_format == "youtube"
    assert summary(extract) == ROWS
    assert {(i.network, i.author, i.author_kind) for i in extract.items} == {
        ("youtube", CHANNEL, "brand")}  # fmt: skip
    assert all(i.client is None and i.media == [] and i.likes is None for i in extract.items)
    assert extract.accounts == [Account("youtube", CHANNEL, is_brand=True)]


def test_the_zip_reads_the_same(tmp_path: Path) -> None:
    assert summary(load(zipped(FIXTURE, tmp_path / "takeout.zip"))) == ROWS


def test_reads_the_older_lower_case_header_and_segments() -> None:
    assert summary(load(OLD)) == [
        ("UgxOld0001AaABAg", "comment", utc(2023, 5, 12, 10, 15, 30),
         "Bài cũ https://hoasen.example.vn/cu", None, "vid00000011",
         ["https://hoasen.example.vn/cu"], []),
        ("UgxOld0002AaABAg", "comment", utc(2023, 5, 13, 8), "Hay quá #trà", None,
         "vid00000011", [], ["trà"]),
    ]  # fmt: skip


def test_rows_without_a_channel_belong_to_the_takeout_channel(tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_text(
        HEADER + 'c1,,2024-01-01T00:00:00Z,,,,v1,"{""text"":""a""}",\r\n'
        'c2,UCme,2024-01-01T00:00:00Z,,,,v1,"{""text"":""b""}",\r\n', "utf-8")  # fmt: skip
    extract = load(path)
    assert [i.author for i in extract.items] == ["UCme", "UCme"]
    assert extract.accounts == [Account("youtube", "UCme", is_brand=True)]


def test_stores_as_parquet(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    batch = store.add(load(FIXTURE), str(FIXTURE), "fingerprint")
    assert batch is not None
    assert batch.rows["items"] == len(ROWS)
    threads = {r["item_id"]: r["thread_id"] for r in store.read("items").to_pylist()}
    assert threads["youtube:UgzParent0002AaABAg.A1b2C3"] == "youtube:vid00000002"


# -- bad input ----------------------------------------------------------------------------------


def test_truncated_file_names_the_row(tmp_path: Path) -> None:
    data = (FIXTURE / COMMENTS).read_bytes()
    cut = data.index(b"UgxPost0005") + 30  # inside the time of row 6
    problem = failure(with_member(tmp_path, COMMENTS, data[:cut])).problems[0]
    assert (problem.file, problem.message, problem.path) == (
        f"{tmp_path / 'export'}:{COMMENTS}", BAD_TIME, "row 6")  # fmt: skip


def test_an_empty_id_is_named(tmp_path: Path) -> None:
    data = (FIXTURE / LIVE).read_bytes().replace(b"ChwKGkNMaXZlMDAwMg", b"")
    problem = failure(with_member(tmp_path, LIVE, data)).problems[0]
    assert (problem.message, problem.path, problem.args) == (
        EMPTY_VALUE, "row 3", {"column": "Live Chat ID"})  # fmt: skip


def test_corrupt_bytes(tmp_path: Path) -> None:
    root = with_member(tmp_path, COMMENTS_1, b"Comment ID,\xff\xfeChannel\x00" + bytes(range(256)))
    problem = failure(root).problems[0]
    assert (problem.file, problem.message) == (f"{root}:{COMMENTS_1}", NOT_UTF8_EXPORT)


def test_wrong_format_under_the_right_name(tmp_path: Path) -> None:
    root = with_member(tmp_path, COMMENTS, b"Video ID,Title\r\nvid1,Hello\r\n")
    problem = failure(root).problems[0]
    assert (problem.file, problem.message) == (f"{root}:{COMMENTS}", MISSING_COLUMNS)
    assert problem.args == {"columns": "Comment ID / Live Chat ID"}


def test_empty_file(tmp_path: Path) -> None:
    problem = failure(with_member(tmp_path, LIVE, b"")).problems[0]
    assert (problem.file, problem.message) == (f"{tmp_path / 'export'}:{LIVE}", EMPTY_FILE)


def test_header_only_is_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_text(HEADER, "utf-8")
    assert load(path).items == []


def test_nothing_to_read(tmp_path: Path) -> None:
    (tmp_path / "subscriptions.csv").write_bytes(OTHER_FORMATS["subscriptions.csv"])
    problem = failure(tmp_path).problems[0]
    assert (problem.file, problem.message) == (str(tmp_path), NOTHING_TO_READ)


def test_huge_member(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 1024)
    # read_bytes binds its default limit when defined, so the default is patched too.
    monkeypatch.setattr(Source.read_bytes, "__defaults__", (1024,))
    archive = zipped(FIXTURE, tmp_path / "takeout.zip")
    with Source(archive) as source, pytest.raises(InputError) as caught:
        YouTube().load(source, Brand())
    problem = caught.value.problems[0]
    assert problem.message == FILE_TOO_LARGE
    assert problem.file.startswith(f"{archive}:{YT}/")


@pytest.mark.parametrize("codec", ["latin-1", "cp1258"])
def test_wrongly_encoded_single_byte(tmp_path: Path, codec: str) -> None:
    text = HEADER + 'c1,UCme,2024-01-01T00:00:00Z,,,,v1,"{""text"":""Cà phê crème""}",\r\n'
    path = tmp_path / "comments.csv"
    path.write_bytes(text.encode(codec))
    problem = failure(path).problems[0]
    assert (problem.file, problem.message) == (str(path), NOT_UTF8_EXPORT)


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_bytes((HEADER + "c1,UCme,2024-01-01T00:00:00Z,,,,v1,hi,\r\n").encode("utf-16-le"))
    problem = failure(path).problems[0]
    assert problem.file == str(path)
    assert problem.message == MISSING_COLUMNS


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_bytes((HEADER + "c1,UCme,2024-01-01T00:00:00Z,,,,v1,Xin chào,\r\n").encode("utf-16"))
    assert [i.text for i in load(path).items] == ["Xin chào"]


@pytest.mark.parametrize(
    "stamp", ["yesterday", "", "0001-01-01T00:00:00+05:00", "2024-13-01T00:00:00Z"]
)
def test_bad_times_are_named(tmp_path: Path, stamp: str) -> None:
    path = tmp_path / "comments.csv"
    path.write_text(
        HEADER + f"c1,UCme,2024-01-01T00:00:00Z,,,,v1,a,\r\nc2,UCme,{stamp},,,,v1,b,\r\n", "utf-8"
    )
    problem = failure(path).problems[0]
    assert (problem.message, problem.path) == (BAD_TIME, "row 3")


@pytest.mark.parametrize(
    ("cell", "text", "links"),
    [
        ('{"text":"a"},{"text":"b"', '{"text":"a"},{"text":"b"', []),  # cut: kept as typed
        ('{"takeoutSegments":"oops"}', '{"takeoutSegments":"oops"}', []),
        ('{"text":1},{"text":"x","link":{"linkUrl":5}}', "x", []),
        ('{"text":"t","videoLink":{"externalVideoId":"v9","startTimeSeconds":"x"}}', "t",
         ["https://www.youtube.com/watch?v=v9"]),
        ('{"text":"\\ud83d"}', "\ufffd", []),
        ("see http://a.example/x", "see http://a.example/x", ["http://a.example/x"]),
    ],
)  # fmt: skip
def test_odd_text_cells(tmp_path: Path, cell: str, text: str, links: list[str]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["c1", "UCme", "2024-01-01T00:00:00Z", "", "", "", "v1", cell, ""])
    path = tmp_path / "comments.csv"
    path.write_text(HEADER + buffer.getvalue(), "utf-8")
    [item] = load(path).items
    assert (item.text, item.links) == (text, links)


# -- whatever the mutation, only InputError ------------------------------------------------------

MEMBERS = [COMMENTS, COMMENTS_1, LIVE]
CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "{", '{"text":', '{"text":"a"}', "2024-02-30T00:00:00Z", "1e999",
                     "\x00", '"', "\r\n", "UC" + "x" * 22, "9" * 5000]),
)  # fmt: skip


def check_only_input_errors(root: Path) -> None:
    """Loading *root* succeeds with sane records or fails with an InputError naming a file."""
    error = None
    with Source(root) as source:
        try:
            extract = YouTube().load(source, Brand())
        except InputError as exc:
            error = exc
    if error is not None:
        assert error.problems
        for problem in error.problems:
            assert problem.message != UNREADABLE, problem  # read() itself raised no slip
            assert problem.file.startswith(source.label)
        return
    for item in extract.items:
        assert item.kind in ITEM_KINDS
        assert item.author_kind in AUTHOR_KINDS
        assert item.created_at.tzinfo is not None
        assert item.native_id
        assert all(isinstance(x, str) for x in item.links + item.hashtags)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MEMBERS), st.data())
def test_mutated_cells_give_only_input_errors(member: str, data: st.DataObject) -> None:
    rows = list(csv.reader(io.StringIO((FIXTURE / member).read_text("utf-8"), newline="")))
    for _ in range(data.draw(st.integers(1, 4))):
        row = rows[data.draw(st.integers(0, len(rows) - 1))]
        action = data.draw(st.sampled_from(["delete", "duplicate", "replace", "truncate", "row"]))
        at = data.draw(st.integers(0, max(len(row) - 1, 0)))
        if action == "delete" and row:
            del row[at]
        elif action == "duplicate" and row:
            row.insert(at, row[at])
        elif action == "replace" and row:
            row[at] = data.draw(CELLS)
        elif action == "truncate" and row:
            row[at] = row[at][: data.draw(st.integers(0, len(row[at])))]
        elif action == "row":
            rows.insert(at, [data.draw(CELLS) for _ in range(data.draw(st.integers(0, 10)))])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    with tempfile.TemporaryDirectory() as tmp:
        check_only_input_errors(with_member(Path(tmp), member, buffer.getvalue().encode()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MEMBERS), st.data())
def test_mutated_bytes_give_only_input_errors(member: str, data: st.DataObject) -> None:
    raw = bytearray((FIXTURE / member).read_bytes())
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        action = data.draw(st.sampled_from(["cut", "flip", "insert"]))
        if action == "cut":
            del raw[at:]
        elif action == "flip" and raw:
            raw[at] = data.draw(st.integers(0, 255))
        else:
            raw[at:at] = data.draw(st.binary(max_size=8))
    with tempfile.TemporaryDirectory() as tmp:
        check_only_input_errors(with_member(Path(tmp), member, bytes(raw)))
