"""The X (Twitter) archive: detection, exact records, bad input and mutated archives.

The helpers at the top (zips, JSON mutations, the only-InputError check) are shared with
``test_mastodon.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import UNREADABLE, Brand, Importer
from socialplan.activity.importers.common import (
    BAD_NUMBER,
    BAD_TIME,
    NOT_JSON,
    NOT_UTF8_EXPORT,
    UNEXPECTED_SHAPE,
)
from socialplan.activity.importers.mastodon import Mastodon
from socialplan.activity.importers.x_archive import Reader, XArchive, thread_roots
from socialplan.activity.ingest import choose, import_path
from socialplan.activity.schema import Account, Extract, Moderation
from socialplan.activity.source import Source
from socialplan.activity.store import Store
from socialplan.errors import (
    EMPTY_FILE,
    FILE_NOT_FOUND,
    FILE_TOO_LARGE,
    NOT_READABLE,
    InputError,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
ARCHIVE = FIXTURES / "x" / "archive-2023"
OLD_ARCHIVE = FIXTURES / "x" / "archive-2019"
TWEETS = "data/tweets.js"
UTC = dt.UTC
BRAND = Brand.of([("x", "lotus_tea_th")])
PREFIX = re.compile(r"^(window\.[\w$.]+ = )", re.MULTILINE)

# ---------------------------------------------------------------------------- shared helpers


def copy_export(folder: Path, tmp: Path) -> Path:
    """A writable copy of a fixture folder."""
    target = tmp / folder.name
    shutil.copytree(folder, target)
    return target


def zip_export(folder: Path, target: Path) -> Path:
    """*folder* zipped the way platforms ship exports (paths relative to the folder)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def read_export(importer: type[Importer], path: Path, brand: Brand | None = None) -> Extract:
    """What *importer* reads from the export at *path*."""
    with Source(path) as source:
        return importer().load(source, brand or Brand())


def failure(importer: type[Importer], path: Path) -> InputError:
    """The InputError importing *path* gives (the test fails if there is none)."""
    with pytest.raises(InputError) as caught, Source(path) as source:
        importer().read(source, Brand())
    return caught.value


def only_input_errors(importer: type[Importer], path: Path) -> None:
    """Loading *path* succeeds or raises InputError that the importer itself raised."""
    try:
        with Source(path) as source:
            importer().load(source, Brand())
    except InputError as exc:
        problems = exc.problems
    else:
        return
    assert problems
    # The importer must catch bad shapes itself; Importer.load's net is only a last resort.
    assert all(p.message != UNREADABLE for p in problems), problems


JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["", "1e999", "inf", "RT @x: y", "<![if x[", "Thu Nov 99 08:50:26 +0000 2022",
         "Fri Nov 04 02:15:00 +9900 2022", "Mon Jan 01 00:00:00 +0100 0001", "abc", "12",
         "http://[", "https://www.w3.org/ns/activitystreams#Public", "Create", "Announce",
         "Note", "Hashtag", "Mention", "@", "/activity"]
    )
)  # fmt: skip
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _slots(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON tree, the places a mutation can hit."""
    found: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        keys = (
            list(node)
            if isinstance(node, dict)
            else range(len(node))
            if isinstance(node, list)
            else []
        )
        for key in keys:
            found.append((node, key))
            stack.append(node[key])
    return found


def mutate(tree: Any, data: st.DataObject) -> Any:
    """*tree* after 1-4 random deletions, duplications, truncations, replacements, retypings."""
    tree = copy.deepcopy(tree)
    for _ in range(data.draw(st.integers(1, 4))):
        slots = _slots(tree)
        if not slots:
            return data.draw(JSON_VALUES)
        node, key = data.draw(st.sampled_from(slots))
        value = node[key]
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "truncate", "replace", "retype"])
        )
        if action == "delete":
            del node[key]
        elif action == "duplicate" and isinstance(node, list):
            node.insert(key, copy.deepcopy(value))
        elif action == "truncate" and isinstance(value, str | list):
            node[key] = value[: data.draw(st.integers(0, len(value)))]
        elif action == "retype":
            node[key] = (
                str(value) if isinstance(value, int | float | bool)
                else [value] if isinstance(value, str | dict)
                else dict(enumerate(value)) if isinstance(value, list)
                else 0
            )  # fmt: skip
        else:
            node[key] = data.draw(JSON_VALUES)
    return tree


def mutate_bytes(data: bytes, draw: st.DataObject) -> bytes:
    """*data* with a slice deleted, duplicated or replaced by random bytes, or cut short."""
    start = draw.draw(st.integers(0, len(data)))
    end = draw.draw(st.integers(start, min(len(data), start + 64)))
    action = draw.draw(st.sampled_from(["delete", "duplicate", "replace", "cut"]))
    if action == "delete":
        return data[:start] + data[end:]
    if action == "duplicate":
        return data[:end] + data[start:end] + data[end:]
    if action == "replace":
        return data[:start] + draw.draw(st.binary(max_size=16)) + data[end:]
    return data[:start]


# ---------------------------------------------------------------------------- detection


def test_detects_its_archives(tmp_path: Path) -> None:
    for folder in (ARCHIVE, OLD_ARCHIVE):
        with Source(folder) as source:
            assert XArchive.detect(source)
        with Source(zip_export(folder, tmp_path / f"{folder.name}.zip")) as source:
            assert XArchive.detect(source)
            assert choose(source, None) is XArchive
    with Source(ARCHIVE / TWEETS) as source:  # the lone file
        assert XArchive.detect(source)


TYPICAL_OTHERS: dict[str, bytes] = {
    "outbox.json": b'{"@context":"https://www.w3.org/ns/activitystreams","id":"outbox.json",'
    b'"type":"OrderedCollection","totalItems":1,"orderedItems":[]}',
    "result.json": '{"name": "Kênh", "type": "public_channel", "id": 1, "messages": []}'.encode(),
    "your_posts_1.json": b'[{"timestamp": 1700000000, "data": [{"post": "Tr\\u00c3\\u00a0"}]}]',
    "comments.csv": b"Comment ID,Channel ID,Comment create timestamp,Price,Post ID,Video ID,"
    b'Comment text\nUgx1,UC1,2024-01-01T00:00:00+00:00,0,,vid1,"{""text"":""hi""}"\n',
    "posts.csv": b"network,id,author,kind,created_at,text\nx,1,a,post,2024-01-01T00:00:00Z,hi\n",
    "repo.car": b"\x3a\xa2eroots\x81\xd8\x2aX\x25\x00\x01q\x12\x20" + bytes(32) + b"gversion\x01",
    "tweets.js": b"(function(){ var tweets = []; module.exports = tweets; })();",
    "tweet.js": b"",
    "like.js": b'window.YTD.like.part0 = [ { "like" : { "tweetId" : "1" } } ]',
}


@pytest.mark.parametrize("name", sorted(TYPICAL_OTHERS))
def test_ignores_other_formats(tmp_path: Path, name: str) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / name).write_bytes(TYPICAL_OTHERS[name])
    with Source(tmp_path / "export") as source:
        assert not XArchive.detect(source)


@pytest.mark.parametrize(
    "folder", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "x")
)
def test_ignores_the_other_fixtures(folder: str) -> None:
    if not any(p.is_file() for p in (FIXTURES / folder).rglob("*")):
        pytest.skip("another importer's fixtures are not written yet")
    with Source(FIXTURES / folder) as source:
        assert not XArchive.detect(source)


# ---------------------------------------------------------------------------- records


def _t(text: str) -> dt.datetime:
    """An archive time as UTC."""
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


BUFFER, WEB, IPHONE = "Buffer", "Twitter Web App", "Twitter for iPhone"
P = "1590000000000000"
EXPECTED = [
    # id, kind, parent, thread, created, text, language, links, hashtags, media, client,
    # likes, shares
    (P + "112", "post", None, None, "2022-11-11 07:45:00",
     "Cảm ơn @greek_foodie đã giới thiệu! 🙏", "vi", [], [], [], BUFFER, 25, 1),
    (P + "111", "reply", None, None, "2022-11-10 11:11:11",
     "@lotus_tea_th chúc mừng khai trương chi nhánh Bangkok! 🇹🇭", "vi", [], [], [], WEB, 15, 4),
    (P + "110", "post", None, None, "2022-11-09 00:00:01", "🎉🎉🎉", None, [], [], [], IPHONE,
     None, 0),
    (P + "109", "post", None, None, "2022-11-08 04:03:00",
     "ชาบัวหลวงหอมมาก ลองชิมได้วันนี้ที่ร้าน 🍵", "th", [], [], [], "Twitter for Android", 9, 1),
    (P + "107", "post", None, None, "2022-11-07 09:00:00", "", None, [], [], ["video"], "IFTTT",
     31, 5),
    (P + "106", "post", None, None, "2022-11-06 15:00:00",
     "چای نیلوفر آبی، هدیه\u200cای از ویتنام 🌸 #چای #ویتنام", "fa", [], ["چای", "ویتنام"], [],
     "Hootsuite Inc.", 7, 2),
    (P + "105", "share", None, None, "2022-11-05 10:00:00",
     "RT @greek_foodie: Καλημέρα! Το τσάι λωτού από το Βιετνάμ είναι υπέροχο ☕ #τσάι", "el", [],
     ["τσάι"], [], IPHONE, None, None),
    (P + "104", "reply", "1589999999999999001", "1589999999999999001", "2022-11-04 02:15:00",
     "@cha_lover_88 谢谢您的支持！下周我们会推出新的茉莉花茶 🌼", "zh", [], [], [], WEB, 1, 0),
    (P + "103", "post", P + "102", P + "101", "2022-11-03 08:53:00",
     "Địa chỉ: 12 Thanh Niên, Hà Nội 🗺️ <gần hồ>", "vi", [], [], [], WEB, 2, 1),
    (P + "102", "post", P + "101", P + "101", "2022-11-03 08:52:10",
     "Giờ mở cửa: 7:00–21:00 mỗi ngày, kể cả Chủ nhật.", "vi", [], [], [], WEB, 4, 0),
    (P + "101", "post", None, None, "2022-11-03 08:50:26",
     "Trà sen Tây Hồ & bánh cốm 🍵 — mở bán sáng nay! #TràSen #HàNội "
     "https://lotustea.example/vi/tra-sen?utm_source=buffer", "vi",
     ["https://lotustea.example/vi/tra-sen?utm_source=buffer"], ["TràSen", "HàNội"], [], BUFFER,
     12, 3),
    ("1580000000000000202", "reply", "1579999999999999500", "1579999999999999500",
     "2022-10-11 19:20:00", "@greek_foodie Ευχαριστούμε πολύ! 🙏", "el", [], [], [], IPHONE, 3, 0),
    ("1580000000000000201", "post", None, None, "2022-10-10 01:02:03",
     "Our lotus tea, reviewed 👇 #tea https://twitter.com/cha_lover_88/status/1579999999999999999",
     "en", ["https://twitter.com/cha_lover_88/status/1579999999999999999"], ["tea"], [], IPHONE,
     8, 2),
    ("1585000000000000301", "post", None, None, "2022-10-25 12:08:42",
     "Khuyến mãi 50% hôm nay!!! (nhầm giá)", "vi", [], [], [], BUFFER, 0, 0),
]  # fmt: skip


def _rows(extract: Extract) -> list[tuple[Any, ...]]:
    return [
        (i.native_id, i.kind, i.parent_native_id, i.thread_native_id,
         i.created_at.strftime("%Y-%m-%d %H:%M:%S"), i.text, i.language, i.links, i.hashtags,
         i.media, i.client, i.likes, i.shares)
        for i in extract.items
    ]  # fmt: skip


def test_reads_every_tweet_exactly() -> None:
    extract = read_export(XArchive, ARCHIVE, BRAND)
    assert extract.source_format == "x"
    assert _rows(extract) == EXPECTED
    for item in extract.items:
        assert (item.network, item.author, item.author_kind) == ("x", "lotus_tea_vn", "brand")
        assert item.created_at.tzinfo is UTC
        assert item.replies is None
        assert item.views is None
    # The superseded version of the edited tweet is gone; only the newest remains.
    assert P + "108" not in {i.native_id for i in extract.items}


def test_accounts_and_deletions() -> None:
    extract = read_export(XArchive, ARCHIVE, BRAND)
    assert extract.accounts == [
        Account("x", "lotus_tea_vn", "Lotus Tea 🍵 Trà Sen", "Trà sen Hà Nội — ชาบัว — 荷花茶 🍵",
                is_brand=True),
        Account("x", "greek_foodie", "Greek Foodie 🇬🇷"),
        Account("x", "lotus_tea_th", "Lotus Tea ชาบัว", is_brand=True),
        Account("x", "cha_lover_88", "茶爱好者"),
    ]  # fmt: skip
    assert extract.moderation == [
        Moderation("x", "1585000000000000301", "deleted",
                   dt.datetime(2022, 10, 25, 12, 20, tzinfo=UTC), actor="lotus_tea_vn")
    ]  # fmt: skip
    assert extract.metrics == []


def test_zip_reads_like_the_folder(tmp_path: Path) -> None:
    assert read_export(XArchive, zip_export(ARCHIVE, tmp_path / "a.zip"), BRAND) == read_export(
        XArchive, ARCHIVE, BRAND
    )


def test_imports_into_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    outcome = import_path(zip_export(ARCHIVE, tmp_path / "archive.zip"), store, BRAND)
    assert outcome.importer == "x"
    assert outcome.batch is not None
    assert outcome.batch.rows["items"] == len(EXPECTED)
    assert outcome.batch.rows["moderation"] == 1


def test_2019_archive_without_wrappers() -> None:
    extract = read_export(XArchive, OLD_ARCHIVE)
    assert [(i.native_id, i.kind, i.parent_native_id, i.text, i.hashtags, i.client)
            for i in extract.items] == [
        ("1100000000000000002", "reply", "1099999999999999999",
         "@lotus_tea_vn Xin chào từ Sài Gòn! #trà", ["trà"], "Twitter Web Client"),
        ("1100000000000000001", "post", None, "First tweet 🎉", [], "Twitter Web Client"),
    ]  # fmt: skip
    assert extract.items[0].created_at == dt.datetime(2019, 2, 27, 14, 5, 9, tzinfo=UTC)
    assert extract.accounts[0] == Account("x", "saigon_chai", "Sài Gòn Chai", is_brand=True)
    assert extract.accounts[1] == Account("x", "lotus_tea_vn", "Lotus Tea", is_brand=False)


def test_owner_from_manifest_when_account_js_is_missing(tmp_path: Path) -> None:
    folder = copy_export(ARCHIVE, tmp_path)
    (folder / "data" / "account.js").unlink()
    owner = read_export(XArchive, folder).accounts[0]
    assert owner == Account("x", "lotus_tea_vn", "Lotus Tea 🍵 Trà Sen",
                            "Trà sen Hà Nội — ชาบัว — 荷花茶 🍵", is_brand=True)  # fmt: skip


def test_no_owner_anywhere(tmp_path: Path) -> None:
    folder = copy_export(ARCHIVE, tmp_path)
    (folder / "data" / "account.js").unlink()
    (folder / "data" / "manifest.js").unlink()
    problem = failure(XArchive, folder).problems[0]
    assert (problem.file, problem.message) == (f"{folder}:data/account.js", FILE_NOT_FOUND)


def test_hand_converted_json_and_utf16_with_bom(tmp_path: Path) -> None:
    folder = copy_export(ARCHIVE, tmp_path)
    tweets = folder / TWEETS
    text = tweets.read_text("utf-8")
    tweets.write_text(PREFIX.sub("", text, count=1) + ";\n", "utf-8")
    assert _rows(read_export(XArchive, folder, BRAND)) == EXPECTED
    tweets.write_bytes(text.encode("utf-16"))
    assert _rows(read_export(XArchive, folder, BRAND)) == EXPECTED


def test_times_with_offsets_are_converted_to_utc() -> None:
    with Source(ARCHIVE) as source:
        doc = Reader(source, source.find("tweets.js")[0])
        assert doc.time("Thu Nov 03 08:50:26 +0330 2022", "") == dt.datetime(
            2022, 11, 3, 5, 20, 26, tzinfo=UTC
        )
        assert doc.time("Thu Nov 03 20:50:26 -0500 2022", "") == dt.datetime(
            2022, 11, 4, 1, 50, 26, tzinfo=UTC
        )
        assert doc.time("2022-11-03T08:50:26.000Z", "") == dt.datetime(
            2022, 11, 3, 8, 50, 26, tzinfo=UTC
        )


def test_thread_roots_survive_cycles_and_long_chains() -> None:
    assert thread_roots({"a": None, "b": "a", "c": "b", "d": "x", "e": "f", "f": "e"}) == {
        "b": "a", "c": "a", "d": "x", "e": "f",
    }  # fmt: skip
    chain: dict[str, str | None] = {str(n): str(n - 1) if n else None for n in range(50_000)}
    roots = thread_roots(dict(reversed(chain.items())))
    assert len(roots) == 49_999
    assert set(roots.values()) == {"0"}


# ---------------------------------------------------------------------------- bad input


def _break(tmp_path: Path, content: bytes | Callable[[bytes], bytes], name: str = TWEETS) -> Path:
    """A copy of the archive with one file replaced or transformed."""
    folder = copy_export(ARCHIVE, tmp_path)
    target = folder / name
    target.write_bytes(content(target.read_bytes()) if callable(content) else content)
    return folder


def test_truncated_file_names_file_line_and_column(tmp_path: Path) -> None:
    folder = _break(tmp_path, lambda b: b[: len(b) // 2])
    problem = failure(XArchive, folder).problems[0]
    assert (problem.file, problem.message) == (f"{folder}:{TWEETS}", NOT_JSON)
    assert problem.line
    assert problem.line > 100
    assert problem.column


def test_json_error_columns_count_the_prefix(tmp_path: Path) -> None:
    folder = _break(tmp_path, b"window.YTD.tweets.part0 = [ {,} ]")
    problem = failure(XArchive, folder).problems[0]
    assert (problem.line, problem.column) == (1, 30)  # the comma, counted from the file's start


def test_truncated_zip(tmp_path: Path) -> None:
    archive = zip_export(ARCHIVE, tmp_path / "archive.zip")
    archive.write_bytes(archive.read_bytes()[:2000])
    with Source(archive) as source:  # no central directory left: not recognisable as a zip
        with pytest.raises(InputError):
            choose(source, None)
        with pytest.raises(InputError) as caught:
            XArchive().read(source, Brand())
    assert caught.value.problems[0].file.startswith(str(archive))


def test_corrupt_zip_member(tmp_path: Path) -> None:
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for path in sorted(ARCHIVE.rglob("*")):
            out.write(path, path.relative_to(ARCHIVE).as_posix())
    original = "Khuyến mãi 50%".encode()
    archive.write_bytes(archive.read_bytes().replace(original, b"X" * len(original)))
    problem = failure(XArchive, archive).problems[0]
    assert (problem.file, problem.message) == (f"{archive}:data/deleted-tweets.js", NOT_READABLE)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", EMPTY_FILE),
        (b"  \n", EMPTY_FILE),
        (b"tweet_id,text\n1,hello\n", UNEXPECTED_SHAPE),
        (b'window.YTD.tweets.part0 = {"tweet": {}}', UNEXPECTED_SHAPE),
        (b"window.YTD.tweets.part0 = ", NOT_JSON),
        ('window.YTD.tweets.part0 = ["Trà"]'.encode("latin-1"), NOT_UTF8_EXPORT),
        ("window.YTD.tweets.part0 = [ ]".encode("utf-16-le"), NOT_UTF8_EXPORT),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", NOT_UTF8_EXPORT),
    ],
)
def test_bad_tweets_file(tmp_path: Path, content: bytes, message: str) -> None:
    folder = _break(tmp_path, content)
    problem = failure(XArchive, folder).problems[0]
    assert (problem.file, problem.message) == (f"{folder}:{TWEETS}", message)


def test_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 4000)
    archive = zip_export(ARCHIVE, tmp_path / "archive.zip")
    problem = failure(XArchive, archive).problems[0]
    assert (problem.file, problem.message) == (f"{archive}:{TWEETS}", FILE_TOO_LARGE)


def _edit_first_tweet(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    """A transformation of tweets.js that changes the first tweet."""

    def apply(data: bytes) -> bytes:
        prefix, body = data.decode().split(" = ", 1)
        entries = json.loads(body)
        change(entries[0]["tweet"])
        return f"{prefix} = {json.dumps(entries, ensure_ascii=False)}".encode()

    return apply


@pytest.mark.parametrize(
    ("change", "message", "path"),
    [
        (lambda t: t.update(created_at="yesterday"), BAD_TIME, f"item 1 (id {P}112)"),
        (lambda t: t.update(created_at="Fri Nov 31 07:45:00 +0000 2022"), BAD_TIME,
         f"item 1 (id {P}112)"),
        (lambda t: t.update(favorite_count="many"), BAD_NUMBER, f"item 1 (id {P}112)"),
        (lambda t: t.update(retweet_count="1e999"), BAD_NUMBER, f"item 1 (id {P}112)"),
        (lambda t: t["entities"].update(urls={"url": 1}), UNEXPECTED_SHAPE,
         f"item 1 (id {P}112): url"),
        (lambda t: t["entities"].update(user_mentions="greek_foodie"), UNEXPECTED_SHAPE,
         f"item 1 (id {P}112): user_mentions"),
        (lambda t: t.update(full_text=["Cảm ơn"]), UNEXPECTED_SHAPE,
         f"item 1 (id {P}112): full_text"),
        (lambda t: [t.pop("id_str"), t.pop("id")], UNEXPECTED_SHAPE, "item 1: id_str"),
        (lambda t: t.update(id_str="12ab"), UNEXPECTED_SHAPE, "item 1: id_str"),
        (lambda t: t.update(lang=7), UNEXPECTED_SHAPE, f"item 1 (id {P}112): lang"),
    ],
)  # fmt: skip
def test_bad_tweet_names_the_item(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str, path: str
) -> None:
    folder = _break(tmp_path, _edit_first_tweet(change))
    problem = failure(XArchive, folder).problems[0]
    assert (problem.file, problem.message, problem.path) == (f"{folder}:{TWEETS}", message, path)


def test_entry_that_is_not_an_object(tmp_path: Path) -> None:
    folder = _break(tmp_path, b'window.YTD.tweets.part0 = [ {"tweet": {}}, 5 ]')
    problem = failure(XArchive, folder).problems[0]
    assert (problem.message, problem.path) == (UNEXPECTED_SHAPE, "item 2")
    folder = _break(tmp_path / "b", b'window.YTD.tweets.part0 = [ {"tweet": {}} ]')
    assert failure(XArchive, folder).problems[0].path == "item 1: id_str"
    folder = _break(tmp_path / "c", b'window.YTD.tweets.part0 = [ {"tweet": null} ]')
    assert failure(XArchive, folder).problems[0].path == "item 1: tweet"


def test_bad_account_file(tmp_path: Path) -> None:
    folder = _break(tmp_path, b'window.YTD.account.part0 = [ {"account": {"username": 5}} ]',
                    "data/account.js")  # fmt: skip
    problem = failure(XArchive, folder).problems[0]
    assert (problem.file, problem.path) == (f"{folder}:data/account.js", "item 1: username")


def test_bad_deletion_time(tmp_path: Path) -> None:
    folder = _break(tmp_path, lambda b: b.replace(b'"Tue Oct 25 12:20:00', b'"soon'),
                    "data/deleted-tweets.js")  # fmt: skip
    problem = failure(XArchive, folder).problems[0]
    assert (problem.file, problem.message, problem.path) == (
        f"{folder}:data/deleted-tweets.js",
        BAD_TIME,
        "item 1 (id 1585000000000000301)",
    )


def test_mastodon_does_not_claim_an_x_archive() -> None:
    with Source(ARCHIVE) as source:
        assert not Mastodon.detect(source)


# ---------------------------------------------------------------------------- properties

FILES = {
    path.relative_to(ARCHIVE).as_posix(): path.read_text("utf-8")
    for path in sorted(ARCHIVE.rglob("*.js"))
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FILES)), st.data())
def test_mutated_json_gives_only_input_errors(name: str, data: st.DataObject) -> None:
    prefix, body = FILES[name].split(" = ", 1)
    tree = mutate(json.loads(body), data)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        shutil.copytree(ARCHIVE, folder)
        (folder / name).write_text(f"{prefix} = {json.dumps(tree, ensure_ascii=False)}", "utf-8")
        only_input_errors(XArchive, folder)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FILES)), st.data())
def test_mutated_bytes_give_only_input_errors(name: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        shutil.copytree(ARCHIVE, folder)
        (folder / name).write_bytes(mutate_bytes(FILES[name].encode(), data))
        only_input_errors(XArchive, folder)
