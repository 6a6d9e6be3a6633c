"""The Bluesky importer: repository CAR files, as a PDS exports them, and every way they break."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.activity.car_writer import (
    Link,
    RepoWriter,
    encode,
    fixture_car,
    key_layer,
    repo_car,
    varint,
    write_car,
)
from tests.conftest import ROOT

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import UNREADABLE, Brand
from socialplan.activity.importers.bluesky import (
    BAD_BLOCK,
    MISSING_BLOCK,
    NOT_CAR,
    Bluesky,
    Car,
    Cid,
)
from socialplan.activity.importers.common import BAD_TIME, UNEXPECTED_SHAPE
from socialplan.activity.schema import Account, Item
from socialplan.activity.source import Source
from socialplan.errors import FILE_TOO_LARGE, InputError

FIXTURES = ROOT / "tests" / "fixtures" / "exports"
HERE = FIXTURES / "bluesky"
SPEC: dict[str, Any] = json.loads((HERE / "records.json").read_text(encoding="utf-8"))
ME = "did:plc:q4xk7m2c3vbn5lz6wtr2hy3e"
OTHER = "did:plc:u7fa2kdmxw4pq3zcbn6ye5ro"
THIRD = "did:plc:h3n8zq5rj2mk7w4tdcvb6xla"
OTHER_ROOT = f"at://{OTHER}/app.bsky.feed.post/3l3qo2vutsw2b"
THIRD_POST = f"at://{THIRD}/app.bsky.feed.post/3l3vxkq2ab22c"
UTC = dt.UTC


def _load(path: Path) -> Any:
    with Source(path) as source:
        return Bluesky().load(source, Brand())


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        _load(path)
    return caught.value


def _car(tmp_path: Path, data: bytes, name: str = "repo.car") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _uri(key: str) -> str:
    return f"at://{ME}/app.bsky.feed.post/{key}"


def _item(rkey: str, kind: str, when: dt.datetime, text: str, **fields: Any) -> Item:
    collection = "app.bsky.feed.repost" if kind == "share" else "app.bsky.feed.post"
    return Item(
        "bluesky", f"at://{ME}/{collection}/{rkey}", ME, "brand", kind, when, text, **fields
    )


EXPECTED = [
    _item(
        "3l355kluxk22b",
        "post",
        dt.datetime(2024, 9, 2, 1, 30, tzinfo=UTC),
        "Thực đơn mùa thu đã có! Xem tại songhong.example/menu ☕🍂",
        language="vi",
        links=["https://songhong.example/menu?utm_source=bsky"],
    ),
    _item(
        "3l3aeoxsdzs2b",
        "post",
        dt.datetime(2024, 9, 3, 8, 15, 42, 123000, tzinfo=UTC),
        "กาแฟเย็นสูตรใหม่ หวานน้อย #กาแฟ #coffee",
        language="th",
        hashtags=["กาแฟ", "coffee"],
    ),
    _item(
        "3l3dioqtfu22b",
        "reply",
        dt.datetime(2024, 9, 4, 14, 5, 9, tzinfo=UTC),
        "谢谢你的支持！下次见 😊",
        language="zh",
        parent_native_id=OTHER_ROOT,
        thread_native_id=OTHER_ROOT,
    ),
    # createdAt without a zone: taken as UTC.
    _item(
        "3l3flhcp4222b",
        "post",
        dt.datetime(2024, 9, 5, 10, 0, tzinfo=UTC),
        "Νέο χαρμάνι από τη Λαμ Ντονγκ. Καλή εβδομάδα!",
        language="el",
        media=["image", "image"],
    ),
    # +03:30 converted to UTC.
    _item(
        "3l3hwvccwk22b",
        "post",
        dt.datetime(2024, 9, 6, 8, 30, tzinfo=UTC),
        "منوی جدید ما را ببینید ☕",
        language="fa",
        links=["https://songhong.example/fa/menu"],
    ),
    _item("3l3k6xypi222b", "post", dt.datetime(2024, 9, 7, 6, 0, tzinfo=UTC), "☕☕☕"),
    _item("3l3kjpczy222b", "post", dt.datetime(2024, 9, 7, 9, 12, tzinfo=UTC), "", media=["image"]),
    _item(
        "3l3m3d7r2m22b",
        "reply",
        dt.datetime(2024, 9, 8, 0, 0, 1, tzinfo=UTC),
        "Open 7am–9pm every day, see you there!",
        language="en",
        parent_native_id=_uri("3l355kluxk22b"),
        thread_native_id=_uri("3l355kluxk22b"),
    ),
    _item(
        "3l3nwuhokx22b",
        "reply",
        dt.datetime(2024, 9, 8, 17, 45, 30, 500000, tzinfo=UTC),
        "Dạ, quán mở cửa cả Chủ nhật ạ.",
        language="vi",
        parent_native_id=THIRD_POST,
        thread_native_id=OTHER_ROOT,
    ),
    # A quote post: the quoted post is neither media nor a web link.
    _item(
        "3l3owxqea222b",
        "post",
        dt.datetime(2024, 9, 9, 3, 20, tzinfo=UTC),
        "Lovely review, thank you 🙏",
        language="en",
    ),
    _item(
        "3l3sbr75gi22b",
        "post",
        dt.datetime(2024, 9, 10, 11, 11, 11, tzinfo=UTC),
        "Behind the counter 🎥",
        language="en",
        media=["video"],
    ),
    _item(
        "3l3ttk5yio22b",
        "post",
        dt.datetime(2024, 9, 11, 2, 2, 2, tzinfo=UTC),
        "Cà phê trứng ngon nhất phố cổ #CàPhê",
        language="vi",
        hashtags=["CàPhê", "hanoi", "cafe"],
    ),
    # Nanoseconds cut to microseconds; the client named in "via".
    _item(
        "3l3ynnrbk222b",
        "post",
        dt.datetime(2024, 9, 12, 23, 59, 59, 123456, tzinfo=UTC),
        "Scheduled: weekend opening hours",
        language="en",
        client="TOKIMEKI",
    ),
    _item(
        "3l3zfjjwba22b",
        "post",
        dt.datetime(2024, 9, 13, 7, 7, 7, tzinfo=UTC),
        "Thanks @lan.example for the photos! Full set: photos.example/lan",
        language="en",
        links=["https://photos.example/lan"],
    ),
    _item(
        "3l3dlqter2225",
        "share",
        dt.datetime(2024, 9, 4, 15, 0, tzinfo=UTC),
        "",
        parent_native_id=OTHER_ROOT,
    ),
    _item(
        "3l3pic2p6k225",
        "share",
        dt.datetime(2024, 9, 9, 8, 30, tzinfo=UTC),
        "",
        parent_native_id=THIRD_POST,
    ),
]
OWNER = Account(
    "bluesky",
    ME,
    display_name="Quán Cà Phê Sông Hồng ☕",
    bio="Cà phê rang xay thủ công — Hà Nội\nhttps://songhong.example",
    is_brand=True,
)


def test_committed_fixture_is_what_the_writer_builds() -> None:
    assert (HERE / "repo.car").read_bytes() == fixture_car(SPEC)


def test_fixture_mst_is_real_shaped() -> None:
    car = Car((HERE / "repo.car").read_bytes())
    nodes = [car.get(Cid(cid), None) for cid in car.blocks]
    nodes = [n for n in nodes if isinstance(n, dict) and set(n) == {"e", "l"}]
    assert len(nodes) >= 4
    assert any(e["p"] > 0 for n in nodes for e in n["e"])  # keys are prefix-compressed
    assert any(e["t"] is not None for n in nodes for e in n["e"])  # right subtrees
    assert max(key_layer(k) for k in SPEC["records"]) >= 2  # three layers


def test_reads_every_post_reply_and_repost() -> None:
    extract = _load(HERE / "repo.car")
    assert extract.source_format == "bluesky"
    assert extract.items == EXPECTED
    assert extract.accounts == [OWNER]


def test_detects_its_file_in_a_zip_and_a_folder(tmp_path: Path) -> None:
    data = (HERE / "repo.car").read_bytes()
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr(f"{ME.replace(':', '_')}.car", data)
    folder = tmp_path / "folder"
    folder.mkdir()
    _car(folder, data, "backup.car")
    for path in (HERE / "repo.car", tmp_path / "export.zip", folder):
        with Source(path) as source:
            assert Bluesky.detect(source)
            assert Bluesky().load(source, Brand()).items == EXPECTED


OTHER_FORMATS = {
    "data/tweets.js": 'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1"}} ]',
    "outbox.json": '{"type": "OrderedCollection", "orderedItems": []}',
    "result.json": '{"name": "Kênh", "type": "public_channel", "id": 1, "messages": []}',
    "comments/comments.csv": "Comment ID,Channel ID,Comment create timestamp\n",
    "your_posts_1.json": '[{"timestamp": 1, "data": [{"post": "hi"}]}]',
    "notes.car": "Car rental notes: roots of the problem",
}


@pytest.mark.parametrize("name", sorted(OTHER_FORMATS))
def test_does_not_detect_other_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OTHER_FORMATS[name], encoding="utf-8")
    with Source(tmp_path) as source:
        assert not Bluesky.detect(source)


def test_does_not_detect_the_telegram_fixture() -> None:
    for folder in (FIXTURES / "telegram").iterdir():
        with Source(folder) as source:
            assert not Bluesky.detect(source)


def test_truncated_file_names_the_file_and_the_byte(tmp_path: Path) -> None:
    data = (HERE / "repo.car").read_bytes()
    path = _car(tmp_path, data[: len(data) - 40])
    problem = _error(path).problems[0]
    assert problem.file == str(path)
    assert problem.message == BAD_BLOCK
    assert str(problem.path).startswith("byte ")


def test_corrupt_record_names_the_record(tmp_path: Path) -> None:
    data = (HERE / "repo.car").read_bytes()
    damaged = data.replace("☕☕☕".encode(), "☕☕!".encode().ljust(9, b" "))
    problem = _error(_car(tmp_path, damaged)).problems[0]
    assert (problem.message, problem.path) == (BAD_BLOCK, "app.bsky.feed.post/3l3k6xypi222b")
    assert problem.args == {"detail": "its content does not match"}


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00", (HERE / "records.json").read_bytes(), b"\x0a\xa1gversion\x02" + b"\x00" * 40],
    ids=["empty", "zero", "json", "carv2"],
)
def test_not_a_car_file(tmp_path: Path, data: bytes) -> None:
    path = _car(tmp_path, data)
    problem = _error(path).problems[0]
    assert (problem.file, problem.message) == (str(path), NOT_CAR)


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 1000)
    path = _car(tmp_path, (HERE / "repo.car").read_bytes())
    problem = _error(path).problems[0]
    assert (problem.file, problem.message) == (str(path), FILE_TOO_LARGE)


def test_text_not_utf8_inside_a_record(tmp_path: Path) -> None:
    latin = "Cà phê".encode("latin-1")
    record = (
        b"\xa2"
        + encode("text")
        + bytes([0x60 + len(latin)])
        + latin
        + encode("$type")
        + encode("app.bsky.feed.post")
    )
    path = _car(tmp_path, repo_car(ME, "3l3zz", {"app.bsky.feed.post/3l3zzzzzzzz22": record}))
    problem = _error(path).problems[0]
    assert (problem.message, problem.path) == (BAD_BLOCK, "app.bsky.feed.post/3l3zzzzzzzz22")


def test_missing_record_block(tmp_path: Path) -> None:
    writer = RepoWriter()
    ghost = Link(b"\x01\x71\x12\x20" + b"\x07" * 32)
    root = writer.mst({"app.bsky.feed.post/3l3aaaaaaaa22": ghost})
    commit = writer.put(
        {"did": ME, "rev": "x", "data": root, "version": 3, "prev": None, "sig": b""}, "commit"
    )
    path = _car(tmp_path, write_car([commit.cid], writer.blocks))
    problem = _error(path).problems[0]
    assert (problem.message, problem.path) == (MISSING_BLOCK, "app.bsky.feed.post/3l3aaaaaaaa22")


def test_a_tree_that_loops_is_refused(tmp_path: Path) -> None:
    # sha2-512 CIDs are not re-hashed, so a crafted node can point at itself.
    loop = b"\x01\x71\x13\x04loop"
    node = encode({"e": [], "l": Link(loop)})
    commit = encode({"did": ME, "rev": "x", "data": Link(loop), "version": 3, "sig": b""})
    commit_cid = b"\x01\x71\x13\x04comm"
    path = _car(tmp_path, write_car([commit_cid], [(commit_cid, commit), (loop, node)]))
    assert _error(path).problems[0].message == BAD_BLOCK


@pytest.mark.parametrize(
    ("change", "message", "where"),
    [
        ({"createdAt": 1725240600}, BAD_TIME, "KEY"),
        ({"createdAt": "yesterday"}, BAD_TIME, "KEY"),
        ({"createdAt": "9999-12-31T23:59:59-05:00"}, BAD_TIME, "KEY"),
        ({"text": 7}, UNEXPECTED_SHAPE, "KEY: text"),
        ({"reply": {"root": "at://x"}}, UNEXPECTED_SHAPE, "KEY: parent"),
        ({"facets": [{"features": ["link"]}]}, UNEXPECTED_SHAPE, "KEY"),
        ({"embed": {"$type": "app.bsky.embed.external"}}, UNEXPECTED_SHAPE, "KEY: external"),
    ],
)
def test_bad_post_fields_name_the_record(
    tmp_path: Path, change: dict[str, Any], message: str, where: str
) -> None:
    key = "app.bsky.feed.post/3l3k6xypi222b"
    spec = copy.deepcopy(SPEC)
    spec["records"][key].update(change)
    problem = _error(_car(tmp_path, fixture_car(spec))).problems[0]
    assert (problem.message, problem.path) == (message, where.replace("KEY", key))


def test_commit_without_a_did(tmp_path: Path) -> None:
    spec = dict(SPEC, did="someone")
    problem = _error(_car(tmp_path, fixture_car(spec))).problems[0]
    assert (problem.message, problem.path) == (UNEXPECTED_SHAPE, "commit")


# --- property tests: whatever the damage, only InputError comes out, and from our own checks ---

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.text(max_size=12),
    st.binary(max_size=8),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)


def _mutate(doc: Any, data: st.DataObject) -> Any:
    """*doc* with a few values deleted, duplicated, replaced, retyped, truncated or renamed."""
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 4))):
        slots = [(parent, key) for parent, key in _slots(doc)]
        if not slots:
            break
        parent, key = data.draw(st.sampled_from(slots))
        value = parent[key]
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "replace", "retype", "cut", "rename"])
        )
        if action == "delete":
            del parent[key]
        elif action == "duplicate":
            parent[key] = [value, copy.deepcopy(value)]
        elif action == "replace":
            parent[key] = data.draw(VALUES)
        elif action == "retype":
            parent[key] = str(value) if not isinstance(value, str) else [value]
        elif action == "cut" and isinstance(value, str | list):
            parent[key] = value[: data.draw(st.integers(0, len(value)))]
        elif action == "rename" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=30))] = parent.pop(key)
    return doc


def _slots(doc: Any) -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            found.append((node, key))
            if isinstance(node[key], dict | list):
                stack.append(node[key])
    return found


def _only_input_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "repo.car"
        path.write_bytes(data)
        problems: list[Any] = []
        try:
            _load(path)
        except InputError as exc:
            problems = exc.problems
    for problem in problems:
        assert problem.file == str(path)
        # Our own checks must catch the damage; Importer.load's net is only a last resort.
        assert problem.message != UNREADABLE, problem.args


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_records(data: st.DataObject) -> None:
    _only_input_errors(fixture_car(_mutate(SPEC, data)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_tree_and_commit(data: st.DataObject) -> None:
    def tamper(_role: str, obj: Any) -> Any:
        return _mutate(obj, data) if data.draw(st.integers(0, 5)) == 0 else obj

    _only_input_errors(fixture_car(SPEC, tamper))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_bytes(data: st.DataObject) -> None:
    raw = bytearray((HERE / "repo.car").read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        size = data.draw(st.integers(1, 64))
        action = data.draw(
            st.sampled_from(["truncate", "flip", "delete", "duplicate", "insert", "length"])
        )
        if action == "truncate":
            del raw[at:]
        elif action == "flip" and at < len(raw):
            raw[at] ^= data.draw(st.integers(1, 255))
        elif action == "delete":
            del raw[at : at + size]
        elif action == "duplicate":
            raw[at:at] = raw[at : at + size]
        elif action == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=size))
        elif action == "length":  # a section length that lies
            raw[at:at] = varint(data.draw(st.integers(0, 2**40)))
    _only_input_errors(bytes(raw))
