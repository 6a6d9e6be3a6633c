"""Facebook "Download your information" JSON: posts, comments, profile, mojibake and bad input."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.activity.helpers import mutate_json, utc, zipped

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import UNREADABLE, Brand
from socialplan.activity.importers.common import (
    BAD_TIME,
    NOT_JSON,
    NOT_UTF8_EXPORT,
    UNEXPECTED_SHAPE,
)
from socialplan.activity.importers.facebook import NOTHING_TO_READ, Facebook, hashtags
from socialplan.activity.importers.instagram import Instagram
from socialplan.activity.importers.youtube import YouTube
from socialplan.activity.ingest import choose
from socialplan.activity.schema import AUTHOR_KINDS, ITEM_KINDS, Account, Extract
from socialplan.activity.source import Source
from socialplan.activity.store import Store
from socialplan.errors import EMPTY_FILE, FILE_TOO_LARGE, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
FIXTURE = FIXTURES / "facebook"
POSTS = "your_facebook_activity/posts/your_posts_1.json"
POSTS_2 = "your_facebook_activity/posts/your_posts_2.json"
COMMENTS = "your_facebook_activity/comments_and_reactions/comments.json"
PROFILE = "personal_information/profile_information/profile_information.json"
OWNER = "Công ty Hoa Sen"


def with_member(tmp: Path, member: str, data: bytes | None) -> Path:
    """A copy of the fixture with one member (a path) replaced or removed."""
    root = tmp / "export"
    shutil.copytree(FIXTURE, root)
    if data is None:
        (root / member).unlink()
    else:
        (root / member).write_bytes(data)
    return root


def load(path: Path, brand: Brand | None = None) -> Extract:
    """What the Facebook importer reads from *path*."""
    with Source(path) as source:
        return Facebook().load(source, brand or Brand())


def failure(path: Path) -> InputError:
    """The error reading *path* gives."""
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value


def summary(extract: Extract) -> list[tuple[Any, ...]]:
    """Each item as (id, kind, author, author kind, time, text, links, hashtags, media, client)."""
    return [
        (i.native_id, i.kind, i.author, i.author_kind, i.created_at, i.text, i.links, i.hashtags,
         i.media, i.client)
        for i in extract.items
    ]  # fmt: skip


POST_ROWS = [
    ("post:1704067200:2f30153484", "post", OWNER, "brand", utc(2024, 1, 1),
     "Chúc mừng năm mới 2024! 🎉 #TếtNguyênĐán https://hoasen.example.vn/tet",
     ["https://hoasen.example.vn/tet"], ["TếtNguyênĐán"], [], None),
    ("post:1704153600:6c24517231", "post", OWNER, "brand", utc(2024, 1, 2), "", [], [],
     ["image"], None),
    ("post:1704153600:135132d6cb", "post", OWNER, "brand", utc(2024, 1, 2), "", [], [],
     ["image"], None),
    ("post:1704240000:bd3a76dc07", "post", OWNER, "brand", utc(2024, 1, 3),
     "Đọc bài phỏng vấn mới nhất của chúng tôi", ["https://news.example.org/phong-van?id=42"],
     [], [], None),
    ("post:1704326400:fa767cd408", "post", OWNER, "brand", utc(2024, 1, 4),
     "สวัสดีปีใหม่ 😀 #สุขสันต์วันปีใหม่", [], ["สุขสันต์วันปีใหม่"], [], None),
    ("post:1704412800:c3bdb41f44", "post", OWNER, "brand", utc(2024, 1, 5),
     "新品上市！欢迎光临 #新品 #上海", [], ["新品", "上海"], [], None),
    ("post:1704499200:9b4e609ec9", "post", OWNER, "brand", utc(2024, 1, 6),
     "Καλημέρα Αθήνα! #Ελλάδα #καφές", [], ["Ελλάδα", "καφές"], ["video"], None),
    ("post:1704585600:fc2221cff4", "post", OWNER, "brand", utc(2024, 1, 7),
     "سلام دوستان، نوروز مبارک! #نوروز_مبارک می\u200cخواهیم", [], ["نوروز_مبارک"], [], None),
    ("post:1704672000:da39a3ee5e", "post", OWNER, "brand", utc(2024, 1, 8), "", [], [], [],
     None),
    ("post:1704758400:78e4330a4a", "post", OWNER, "brand", utc(2024, 1, 9), "Album mới 📸",
     ["https://shop.example.vn/album"], [], ["image", "image"], "IG cross-post"),
    ("post:1704844800:a6f1ba8374", "post", OWNER, "brand", utc(2024, 1, 10), "Café ☕ sáng nay",
     [], [], [], None),
    ("post:1704931200:da39a3ee5e", "post", OWNER, "brand", utc(2024, 1, 11), "", [], [], [],
     None),
    ("post:1705017600:febcff9a06", "post", OWNER, "brand", utc(2024, 1, 12),
     "Ảnh đẹp ở Đà Lạt #DaLat", [], ["DaLat"], ["image"], None),
    ("post:1672531200:24ada92fb8", "post", OWNER, "brand", utc(2023, 1, 1), "Bài viết cũ", [],
     [], [], None),
    ("post:1672617600:d60cb8a6c9", "post", OWNER, "brand", utc(2023, 1, 2),
     "Xem video mới: https://youtu.be/abc123.", ["https://youtu.be/abc123"], [], [], None),
]  # fmt: skip
COMMENT_ROWS = [
    ("comment:1704100000:e55f3182b7", "comment", OWNER, "brand", utc(2024, 1, 1, 9, 6, 40),
     "Cảm ơn bạn đã ủng hộ! ❤️", [], [], [], None),
    ("comment:1704200000:a1dc6a9265", "comment", OWNER, "brand", utc(2024, 1, 2, 12, 53, 20),
     "ขอบคุณครับ", [], [], [], None),
    ("comment:1704300000:cb97fbdf05", "comment", "Nguyễn Văn An", "audience",
     utc(2024, 1, 3, 16, 40), "Giá bao nhiêu vậy shop?", [], [], [], None),
    ("comment:1704400000:e4d1c4fa9e", "comment", OWNER, "brand", utc(2024, 1, 4, 20, 26, 40), "",
     [], [], ["image"], None),
    ("comment:1704600000:8f0ce4737e", "comment", OWNER, "brand", utc(2024, 1, 7, 4),
     "Δείτε εδώ https://example.gr/προσφορά #προσφορά", ["https://example.gr/προσφορά"],
     ["προσφορά"], [], None),
    ("comment:1704700000:a940fdbe08", "comment", OWNER, "brand", utc(2024, 1, 8, 7, 46, 40),
     "谢谢！", [], [], [], None),
]  # fmt: skip


# -- recognising the export ---------------------------------------------------------------------


def test_detects_the_folder_and_the_zip(tmp_path: Path) -> None:
    with Source(FIXTURE) as source:
        assert Facebook.detect(source)
        assert choose(source, None) is Facebook
    with Source(zipped(FIXTURE, tmp_path / "facebook-hoasen.zip")) as source:
        assert Facebook.detect(source)


OTHER_FORMATS = {
    "data/tweets.js": b'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1"}} ]',
    "outbox.json": b'{"type": "OrderedCollection", "orderedItems": []}',
    "result.json": b'{"name": "Kenh", "type": "public_channel", "id": 1, "messages": []}',
    "twcs.csv": b"tweet_id,author_id,inbound,created_at,text\n1,a,True,x,y\n",
    "Takeout/YouTube and YouTube Music/comments/comments.csv":
        b"Comment ID,Channel ID,Comment Create Timestamp,Price,Video ID,Comment Text\n",
    "your_instagram_activity/content/posts_1.json":
        b'[{"media": [{"uri": "a.jpg", "creation_timestamp": 1}]}]',
    "comments.json": b'{"comments": [{"text": "a comments.json of another tool"}]}',
    "notes.txt": b"nothing here",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(OTHER_FORMATS))
def test_does_not_claim_other_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(OTHER_FORMATS[name])
    with Source(tmp_path) as source:
        assert not Facebook.detect(source)


@pytest.mark.parametrize("other", ["instagram", "youtube/2025"])
def test_does_not_claim_my_sibling_fixtures(other: str) -> None:
    with Source(FIXTURES / other) as source:
        assert not Facebook.detect(source)
    with Source(FIXTURE) as source:
        assert not Instagram.detect(source)
        assert not YouTube.detect(source)


@pytest.mark.parametrize(
    ("name", "posts"),
    [
        ("your_posts_1.json", True),
        ("your_posts_12.json", True),
        ("your_posts__check_ins__photos_and_videos_1.json", True),
        ("Your_Posts_2.JSON", True),
        ("your_posts.json", False),
        ("posts_1.json", False),
        ("your_posts_1.json.bak", False),
    ],
)
def test_posts_file_names(tmp_path: Path, name: str, posts: bool) -> None:
    (tmp_path / name).write_bytes((FIXTURE / POSTS_2).read_bytes())
    with Source(tmp_path) as source:
        assert Facebook.detect(source) is posts


def test_detects_a_single_posts_file_and_the_newer_name(tmp_path: Path) -> None:
    single = tmp_path / "your_posts__check_ins__photos_and_videos_1.json"
    single.write_bytes((FIXTURE / POSTS_2).read_bytes())
    with Source(single) as source:
        assert Facebook.detect(source)
    assert [i.text for i in load(single).items] == [
        "Bài viết cũ", "Xem video mới: https://youtu.be/abc123."]  # fmt: skip
    assert load(single).accounts == [Account("facebook", "me", display_name="me", is_brand=True)]


# -- reading ------------------------------------------------------------------------------------


def test_reads_every_post_and_comment_exactly() -> None:
    extract = load(FIXTURE)
    assert extract.source_format == "facebook"
    assert summary(extract) == POST_ROWS + COMMENT_ROWS
    assert {i.network for i in extract.items} == {"facebook"}
    assert all(i.parent_native_id is None and i.thread_native_id is None for i in extract.items)
    assert all(i.language is None and i.likes is None for i in extract.items)
    assert extract.accounts == [
        Account("facebook", OWNER, display_name=OWNER, is_brand=True),
        Account("facebook", "Nguyễn Văn An", is_brand=False),
    ]
    assert extract.metrics == []
    assert extract.moderation == []


def test_the_zip_reads_the_same(tmp_path: Path) -> None:
    assert summary(load(zipped(FIXTURE, tmp_path / "fb.zip"))) == POST_ROWS + COMMENT_ROWS


def test_brand_accounts_make_other_authors_brand() -> None:
    extract = load(FIXTURE, Brand.of([("facebook", "nguyễn văn an")]))
    an = [i for i in extract.items if i.author == "Nguyễn Văn An"]
    assert [i.author_kind for i in an] == ["brand"]
    assert Account("facebook", "Nguyễn Văn An", is_brand=True) in extract.accounts


def test_without_a_profile_the_owner_is_me(tmp_path: Path) -> None:
    extract = load(with_member(tmp_path, PROFILE, None))
    assert extract.accounts[0] == Account("facebook", "me", display_name="me", is_brand=True)
    assert {i.author for i in extract.items if i.kind == "post"} == {"me"}
    # The owner's name in comments no longer matches "me": those comments count as audience.
    assert [i.author_kind for i in extract.items if i.kind == "comment"] == [
        "audience", "brand", "audience", "audience", "audience", "audience"]  # fmt: skip


def test_ids_are_stable_when_a_post_is_edited(tmp_path: Path) -> None:
    data = json.loads((FIXTURE / POSTS).read_text("ascii"))
    data[3]["data"][0]["post"] = "edited"
    data[9]["data"][0]["post"] = "edited"
    extract = load(with_member(tmp_path, POSTS, json.dumps(data).encode()))
    assert extract.items[3].native_id == POST_ROWS[3][0]
    assert extract.items[9].native_id == POST_ROWS[9][0]


def test_mojibake_is_repaired_only_when_it_is_mojibake(tmp_path: Path) -> None:
    posts = [
        {"timestamp": 1, "data": [{"post": "Ti\u00e1\u00ba\u00bfng Vi\u00e1\u00bb\u0087t"}]},
        {"timestamp": 2, "data": [{"post": "Caf\u00e9"}]},  # correct Latin-1 text, not UTF-8
        {"timestamp": 3, "data": [{"post": "\u00f0\u009f\u0098\u0080 \u00e2\u0098\u0095"}]},
        {"timestamp": 4, "data": [{"post": "broken \ud83d"}]},  # a lone surrogate cannot be stored
    ]
    path = tmp_path / "your_posts_1.json"
    path.write_text(json.dumps(posts), "ascii")
    assert [i.text for i in load(path).items] == ["Tiếng Việt", "Café", "😀 ☕", "broken \ufffd"]


def test_old_comments_key_and_bare_entries(tmp_path: Path) -> None:
    comments = {"comments": [
        {"timestamp": 10, "data": [{"comment": {"timestamp": 10, "comment": "old key"}}]},
        {"timestamp": 11},
        {"timestamp": 12, "data": [{"reaction": "LIKE"}]},
    ]}  # fmt: skip
    path = tmp_path / "comments.json"
    path.write_text(json.dumps(comments), "ascii")
    assert [(i.text, i.author) for i in load(path).items] == [("old key", "me")]


def test_hashtags_keep_combining_marks() -> None:
    assert hashtags("ดู #สุขสันต์ และ #हिन्दी, #Tết") == ["สุขสันต์", "हिन्दी", "Tết"]


def test_stores_as_parquet(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    batch = store.add(load(FIXTURE), str(FIXTURE), "fingerprint")  # no text signals needed here
    assert batch is not None
    assert batch.rows["items"] == len(POST_ROWS) + len(COMMENT_ROWS)
    items = store.read("items").to_pylist()
    assert items[0]["account_id"] == "facebook:công ty hoa sen"
    assert items[0]["thread_id"] == items[0]["item_id"]


# -- bad input ----------------------------------------------------------------------------------


def test_truncated_json_names_the_file_and_line(tmp_path: Path) -> None:
    data = (FIXTURE / POSTS).read_bytes()
    root = with_member(tmp_path, POSTS, data[: len(data) // 2])
    problem = failure(root).problems[0]
    assert problem.file == f"{root}:{POSTS}"
    assert problem.message == NOT_JSON
    assert problem.line is not None
    assert problem.line > 1


def test_corrupt_bytes(tmp_path: Path) -> None:
    root = with_member(tmp_path, COMMENTS, bytes(range(256)) * 4)
    problem = failure(root).problems[0]
    assert (problem.file, problem.message) == (f"{root}:{COMMENTS}", NOT_UTF8_EXPORT)


def test_corrupt_zip(tmp_path: Path) -> None:
    archive = zipped(FIXTURE, tmp_path / "fb.zip")
    broken = tmp_path / "broken.zip"
    data = archive.read_bytes()
    broken.write_bytes(data[:200] + b"\0" * 64 + data[264:])
    with pytest.raises(InputError) as caught:
        load(broken)
    assert caught.value.problems[0].file.startswith(str(broken))


def test_wrong_format_names_what_was_expected(tmp_path: Path) -> None:
    root = with_member(tmp_path, POSTS, b'{"status_updates": []}')
    problem = failure(root).problems[0]
    assert (problem.file, problem.message) == (f"{root}:{POSTS}", UNEXPECTED_SHAPE)
    assert problem.args == {"expected": "a list", "found": "dict"}


def test_a_bad_item_is_named(tmp_path: Path) -> None:
    data = json.loads((FIXTURE / POSTS).read_text("ascii"))
    data[2] = "not an object"
    data[4]["timestamp"] = "yesterday"
    problem = failure(with_member(tmp_path, POSTS, json.dumps(data).encode())).problems[0]
    assert (problem.message, problem.path) == (UNEXPECTED_SHAPE, "item 3")


@pytest.mark.parametrize(
    ("value", "path"),
    [("yesterday", "item 5"), (None, "item 5"), (1e300, "item 5"), (True, "item 5")],
)
def test_a_bad_time_is_named(tmp_path: Path, value: object, path: str) -> None:
    data = json.loads((FIXTURE / POSTS).read_text("ascii"))
    data[4]["timestamp"] = value
    problem = failure(with_member(tmp_path, POSTS, json.dumps(data).encode())).problems[0]
    assert (problem.message, problem.path) == (BAD_TIME, path)


def test_a_bad_comment_is_named(tmp_path: Path) -> None:
    data = json.loads((FIXTURE / COMMENTS).read_text("ascii"))
    data["comments_v2"][1]["data"] = {"comment": "not a list"}
    problem = failure(with_member(tmp_path, COMMENTS, json.dumps(data).encode())).problems[0]
    assert (problem.file, problem.path) == (f"{tmp_path / 'export'}:{COMMENTS}", "item 2")


def test_empty_file(tmp_path: Path) -> None:
    problem = failure(with_member(tmp_path, POSTS_2, b"  \n")).problems[0]
    assert problem.message == EMPTY_FILE
    assert problem.file.endswith(POSTS_2)


def test_nothing_to_read(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", "utf-8")
    problem = failure(tmp_path).problems[0]
    assert (problem.file, problem.message) == (str(tmp_path), NOTHING_TO_READ)


def test_huge_member(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 1024)
    # read_bytes binds its default limit when defined, so the default is patched too.
    monkeypatch.setattr(Source.read_bytes, "__defaults__", (1024,))
    problem = failure(FIXTURE).problems[0]
    assert problem.message == FILE_TOO_LARGE
    assert problem.file.endswith(".json")


@pytest.mark.parametrize("codec", ["latin-1", "utf-16-le", "utf-16-be"])
def test_wrongly_encoded(tmp_path: Path, codec: str) -> None:
    text = json.dumps([{"timestamp": 1, "data": [{"post": "Café crème ไทย"}]}], ensure_ascii=False)
    data = text.encode(codec, errors="replace")
    problem = failure(with_member(tmp_path, POSTS, data)).problems[0]
    assert problem.file.endswith(POSTS)
    assert problem.message in (NOT_UTF8_EXPORT, NOT_JSON)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    text = json.dumps([{"timestamp": 1, "data": [{"post": "Tiếng Việt"}]}], ensure_ascii=False)
    path = tmp_path / "your_posts_1.json"
    path.write_bytes(text.encode("utf-16"))
    assert [i.text for i in load(path).items] == ["Tiếng Việt"]


# -- whatever the mutation, only InputError ------------------------------------------------------

MEMBERS = [POSTS, POSTS_2, COMMENTS, PROFILE]
ORIGINALS = {m: json.loads((FIXTURE / m).read_text("ascii")) for m in MEMBERS}


def check_only_input_errors(root: Path) -> None:
    """Loading *root* succeeds with sane records or fails with an InputError naming a file."""
    error = None
    with Source(root) as source:
        try:
            extract = Facebook().load(source, Brand())
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
        assert isinstance(item.text, str)
        assert all(isinstance(x, str) for x in item.links + item.hashtags + item.media)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MEMBERS), st.data())
def test_mutated_json_gives_only_input_errors(member: str, data: st.DataObject) -> None:
    mutated = mutate_json(ORIGINALS[member], data.draw)
    with tempfile.TemporaryDirectory() as tmp:
        root = with_member(Path(tmp), member, json.dumps(mutated).encode())
        check_only_input_errors(root)


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
