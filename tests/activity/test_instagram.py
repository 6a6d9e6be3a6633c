"""Instagram "Download your information" JSON: posts, reels, comments, owner and bad input."""

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
from socialplan.activity.importers.facebook import NOTHING_TO_READ, Facebook
from socialplan.activity.importers.instagram import Instagram
from socialplan.activity.importers.youtube import YouTube
from socialplan.activity.ingest import choose
from socialplan.activity.schema import AUTHOR_KINDS, ITEM_KINDS, Account, Extract
from socialplan.activity.source import Source
from socialplan.activity.store import Store
from socialplan.errors import EMPTY_FILE, FILE_TOO_LARGE, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
FIXTURE = FIXTURES / "instagram"
POSTS = "your_instagram_activity/content/posts_1.json"
REELS = "your_instagram_activity/content/reels.json"
COMMENTS = "your_instagram_activity/comments/post_comments_1.json"
PROFILE = "personal_information/personal_information/personal_information.json"
OWNER = "hoasen.tea"
FIRST_POST = "post:1704067200:a5291804a8"


def with_member(tmp: Path, member: str, data: bytes | None) -> Path:
    """A copy of the fixture with one member (a path) replaced or removed."""
    root = tmp / "export"
    shutil.copytree(FIXTURE, root)
    if data is None:
        (root / member).unlink()
    else:
        (root / member).parent.mkdir(parents=True, exist_ok=True)
        (root / member).write_bytes(data)
    return root


def load(path: Path, brand: Brand | None = None) -> Extract:
    """What the Instagram importer reads from *path*."""
    with Source(path) as source:
        return Instagram().load(source, brand or Brand())


def failure(path: Path) -> InputError:
    """The error reading *path* gives."""
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value


def summary(extract: Extract) -> list[tuple[Any, ...]]:
    """Each item as (id, kind, time, text, links, hashtags, media, client, parent)."""
    return [
        (i.native_id, i.kind, i.created_at, i.text, i.links, i.hashtags, i.media, i.client,
         i.parent_native_id)
        for i in extract.items
    ]  # fmt: skip


POST_ROWS = [
    (FIRST_POST, "post", utc(2024, 1, 1), "Trà sen Tây Hồ 🌸 #trà #TếtNguyênĐán", [],
     ["trà", "TếtNguyênĐán"], ["image"], "FB cross-post", None),
    ("post:1704153600:3522ff6664", "post", utc(2024, 1, 2), "ชาไทยเย็นๆ 🧋 #ชาไทย", [],
     ["ชาไทย"], ["image", "video", "image"], None, None),
    ("post:1704240000:bcd4dbb333", "post", utc(2024, 1, 3), "", [], [], ["image"], None, None),
    ("post:1704326400:03b1ff4bf0", "post", utc(2024, 1, 4),
     "新茶到了 #新茶 https://hoasen.example.vn/cha", ["https://hoasen.example.vn/cha"], ["新茶"],
     ["image"], "FB cross-post", None),
    ("post:1704412800:f2af52707d", "post", utc(2024, 1, 5), "Τσάι με μέλι 🍯 #τσάι", [],
     ["τσάι"], ["image"], None, None),
    ("post:1704499200:5799022a8e", "post", utc(2024, 1, 6), "چای ایرانی ☕ #چای", [], ["چای"],
     ["image", "image"], None, None),
    ("post:1704585600:8a31a7ab6f", "post", utc(2024, 1, 7), "Bài không ảnh", [], [], [], None,
     None),
    ("post:1704672000:d851f3962d", "post", utc(2024, 1, 8), "Pha trà 60 giây ⏱️ #reels", [],
     ["reels"], ["video"], None, None),
]  # fmt: skip
COMMENT_ROWS = [
    ("comment:1704100000:d283ac58b5", "comment", utc(2024, 1, 1, 9, 6, 40),
     "Cảm ơn bạn nhiều! 🙏", [], [], [], None, None),
    ("comment:1704110000:3817dfe9c0", "comment", utc(2024, 1, 1, 11, 53, 20),
     "@nguyenvanan hẹn gặp bạn ở cửa hàng", [], [], [], None, FIRST_POST),
    ("comment:1704200000:d58620e79d", "comment", utc(2024, 1, 2, 12, 53, 20), "ขอบคุณค่ะ", [],
     [], [], None, None),
    ("comment:1704300000:9796b90439", "comment", utc(2024, 1, 3, 16, 40), "好看！ #茶", [],
     ["茶"], [], None, None),
    ("comment:1704400000:6a25b8293a", "comment", utc(2024, 1, 4, 20, 26, 40), "", [], [], [],
     None, None),
    ("comment:1704500000:949e2fab6b", "comment", utc(2024, 1, 6, 0, 13, 20),
     "Ωραίο! https://example.gr/tsai", ["https://example.gr/tsai"], [], [], None, None),
]  # fmt: skip


# -- recognising the export ---------------------------------------------------------------------


def test_detects_the_folder_and_the_zip(tmp_path: Path) -> None:
    with Source(FIXTURE) as source:
        assert Instagram.detect(source)
        assert choose(source, None) is Instagram
    with Source(zipped(FIXTURE, tmp_path / "instagram-hoasen.zip")) as source:
        assert Instagram.detect(source)


OTHER_FORMATS = {
    "data/tweets.js": b'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1"}} ]',
    "outbox.json": b'{"type": "OrderedCollection", "orderedItems": []}',
    "result.json": b'{"name": "Kenh", "type": "public_channel", "id": 1, "messages": []}',
    "twcs.csv": b"tweet_id,author_id,inbound,created_at,text\n1,a,True,x,y\n",
    "your_facebook_activity/posts/your_posts_1.json": b'[{"timestamp": 1, "data": []}]',
    "blog/posts_1.json": b'{"posts": [{"title": "a blog engine dump", "date": "2024"}]}',
    "notes.txt": b"nothing here",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(OTHER_FORMATS))
def test_does_not_claim_other_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(OTHER_FORMATS[name])
    with Source(tmp_path) as source:
        assert not Instagram.detect(source)


@pytest.mark.parametrize("other", ["facebook", "youtube/2025"])
def test_does_not_claim_my_sibling_fixtures(other: str) -> None:
    with Source(FIXTURES / other) as source:
        assert not Instagram.detect(source)
    with Source(FIXTURE) as source:
        assert not Facebook.detect(source)
        assert not YouTube.detect(source)


# -- reading ------------------------------------------------------------------------------------


def test_reads_every_post_reel_and_comment_exactly() -> None:
    extract = load(FIXTURE)
    assert extract.source_format == "instagram"
    assert summary(extract) == POST_ROWS + COMMENT_ROWS
    assert {(i.network, i.author, i.author_kind) for i in extract.items} == {
        ("instagram", OWNER, "brand")}  # fmt: skip
    assert extract.items[-5].thread_native_id == FIRST_POST
    assert extract.accounts == [
        Account("instagram", OWNER, display_name="Trà Hoa Sen 🌸",
                bio="Trà ngon mỗi ngày · ชาไทย · 茶", url="https://hoasen.example.vn",
                is_brand=True),
        Account("instagram", "nguyenvanan", is_brand=False),
        Account("instagram", "somchai.j", is_brand=False),
    ]  # fmt: skip


def test_the_zip_reads_the_same(tmp_path: Path) -> None:
    assert summary(load(zipped(FIXTURE, tmp_path / "ig.zip"))) == POST_ROWS + COMMENT_ROWS


def test_brand_accounts_among_media_owners() -> None:
    extract = load(FIXTURE, Brand.of([("instagram", "@SomChai.J")]))
    assert Account("instagram", "somchai.j", is_brand=True) in extract.accounts


def test_without_personal_information_the_owner_is_me(tmp_path: Path) -> None:
    extract = load(with_member(tmp_path, PROFILE, None))
    assert extract.accounts[0] == Account("instagram", "me", is_brand=True)
    assert {i.author for i in extract.items} == {"me"}
    # hoasen.tea is now a stranger: its media owner row is an account, and no parent is known.
    assert Account("instagram", OWNER, is_brand=False) in extract.accounts
    assert all(i.parent_native_id is None for i in extract.items)


def test_older_wrapped_lists_and_comments_folder(tmp_path: Path) -> None:
    posts = {"ig_posts": [{"media": [{"uri": "a.mp4", "creation_timestamp": 5, "title": "x"}]}]}
    comments = {"comments_media_comments": [
        {"string_map_data": {"Comment": {"value": "y"}, "Time": {"timestamp": 6}}}]}  # fmt: skip
    (tmp_path / "posts_1.json").write_text(json.dumps(posts), "ascii")
    (tmp_path / "comments").mkdir()
    (tmp_path / "comments" / "post_comments.json").write_text(json.dumps(comments), "ascii")
    extract = load(tmp_path)
    assert [(i.kind, i.text, i.media) for i in extract.items] == [
        ("post", "x", ["video"]), ("comment", "y", [])]  # fmt: skip


def test_an_empty_posts_list_is_an_export_without_posts(tmp_path: Path) -> None:
    (tmp_path / "posts_1.json").write_text("[]", "ascii")
    with Source(tmp_path) as source:
        assert Instagram.detect(source)
    assert load(tmp_path).items == []


def test_stores_as_parquet(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    batch = store.add(load(FIXTURE), str(FIXTURE), "fingerprint")
    assert batch is not None
    assert batch.rows["items"] == len(POST_ROWS) + len(COMMENT_ROWS)
    assert batch.rows["accounts"] == 3


# -- bad input ----------------------------------------------------------------------------------


def test_truncated_json_names_the_file_and_line(tmp_path: Path) -> None:
    data = (FIXTURE / POSTS).read_bytes()
    root = with_member(tmp_path, POSTS, data[: len(data) // 2])
    problem = failure(root).problems[0]
    assert (problem.file, problem.message) == (f"{root}:{POSTS}", NOT_JSON)
    assert problem.line is not None
    assert problem.line > 1


def test_corrupt_bytes(tmp_path: Path) -> None:
    root = with_member(tmp_path, COMMENTS, b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)))
    problem = failure(root).problems[0]
    assert (problem.file, problem.message) == (f"{root}:{COMMENTS}", NOT_UTF8_EXPORT)


def test_wrong_format(tmp_path: Path) -> None:
    root = with_member(tmp_path, REELS, b'{"ig_reels_media": {"media": []}}')
    problem = failure(root).problems[0]
    assert (problem.file, problem.message) == (f"{root}:{REELS}", UNEXPECTED_SHAPE)
    assert problem.args == {"expected": "a list", "found": "dict"}


def test_a_bad_post_is_named(tmp_path: Path) -> None:
    data = json.loads((FIXTURE / POSTS).read_text("ascii"))
    data[1]["media"] = "10002.jpg"
    problem = failure(with_member(tmp_path, POSTS, json.dumps(data).encode())).problems[0]
    assert (problem.message, problem.path) == (UNEXPECTED_SHAPE, "item 2")


def test_a_post_without_any_time_is_named(tmp_path: Path) -> None:
    data = json.loads((FIXTURE / POSTS).read_text("ascii"))
    del data[2]["media"][0]["creation_timestamp"]
    problem = failure(with_member(tmp_path, POSTS, json.dumps(data).encode())).problems[0]
    assert (problem.message, problem.path, problem.args) == (BAD_TIME, "item 3", {"value": "None"})


def test_a_bad_comment_is_named(tmp_path: Path) -> None:
    data = json.loads((FIXTURE / COMMENTS).read_text("ascii"))
    data[3]["string_map_data"]["Time"]["timestamp"] = "3 Jan"
    data[4]["string_map_data"] = ["Comment", "Time"]
    problem = failure(with_member(tmp_path, COMMENTS, json.dumps(data).encode())).problems[0]
    assert (problem.file, problem.message, problem.path) == (
        f"{tmp_path / 'export'}:{COMMENTS}", BAD_TIME, "item 4")  # fmt: skip


def test_a_bad_profile_is_named(tmp_path: Path) -> None:
    problem = failure(with_member(tmp_path, PROFILE, b'[{"Username": "x"}]')).problems[0]
    assert (problem.message, problem.file) == (UNEXPECTED_SHAPE, f"{tmp_path / 'export'}:{PROFILE}")


def test_empty_file(tmp_path: Path) -> None:
    problem = failure(with_member(tmp_path, REELS, b"")).problems[0]
    assert (problem.message, problem.file) == (EMPTY_FILE, f"{tmp_path / 'export'}:{REELS}")


def test_nothing_to_read(tmp_path: Path) -> None:
    (tmp_path / "liked_posts.json").write_text("{}", "utf-8")
    problem = failure(tmp_path).problems[0]
    assert (problem.file, problem.message) == (str(tmp_path), NOTHING_TO_READ)


def test_huge_member(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 2048)
    # read_bytes binds its default limit when defined, so the default is patched too.
    monkeypatch.setattr(Source.read_bytes, "__defaults__", (2048,))
    problem = failure(zipped(FIXTURE, tmp_path / "ig.zip")).problems[0]
    assert problem.message == FILE_TOO_LARGE
    assert problem.file == f"{tmp_path / 'ig.zip'}:{POSTS}"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "utf-16-le"])
def test_wrongly_encoded(tmp_path: Path, codec: str) -> None:
    posts = [{"media": [{"uri": "a.jpg", "creation_timestamp": 1, "title": "Café crème"}]}]
    data = json.dumps(posts, ensure_ascii=False).encode(codec)
    problem = failure(with_member(tmp_path, POSTS, data)).problems[0]
    assert problem.file == f"{tmp_path / 'export'}:{POSTS}"
    assert problem.message in (NOT_UTF8_EXPORT, NOT_JSON)


# -- whatever the mutation, only InputError ------------------------------------------------------

MEMBERS = [POSTS, REELS, COMMENTS, PROFILE]
ORIGINALS = {m: json.loads((FIXTURE / m).read_text("ascii")) for m in MEMBERS}


def check_only_input_errors(root: Path) -> None:
    """Loading *root* succeeds with sane records or fails with an InputError naming a file."""
    error = None
    with Source(root) as source:
        try:
            extract = Instagram().load(source, Brand())
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
        check_only_input_errors(with_member(Path(tmp), member, json.dumps(mutated).encode()))


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
