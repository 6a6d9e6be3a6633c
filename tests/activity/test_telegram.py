"""The Telegram importer: Telegram Desktop result.json, one channel or a whole account."""

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
from tests.conftest import ROOT

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import UNREADABLE, Brand
from socialplan.activity.importers.common import (
    BAD_NUMBER,
    BAD_TIME,
    NOT_JSON,
    NOT_UTF8_EXPORT,
    UNEXPECTED_SHAPE,
)
from socialplan.activity.importers.telegram import Telegram
from socialplan.activity.schema import Account, Item
from socialplan.activity.source import Source
from socialplan.errors import FILE_TOO_LARGE, InputError

FIXTURES = ROOT / "tests" / "fixtures" / "exports"
HERE = FIXTURES / "telegram"
CHANNEL = json.loads((HERE / "channel" / "result.json").read_text(encoding="utf-8"))
ACCOUNT = json.loads((HERE / "account" / "result.json").read_text(encoding="utf-8"))
CH, GR, ME = "channel1766215473", "channel1900112233", "user5012345678"


def _at(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2024, 9, day, hour, minute, second, tzinfo=dt.UTC)


def _c(number: int, kind: str, when: dt.datetime, text: str, **fields: Any) -> Item:
    """An item of the channel fixture: every post is the channel's, hence the brand's."""
    return Item("telegram", f"1766215473/{number}", CH, "brand", kind, when, text, **fields)


def _g(number: int, who: str, side: str, kind: str, when: dt.datetime, text: str,
       **fields: Any) -> Item:  # fmt: skip
    """An item of the discussion group in the account fixture."""
    return Item("telegram", f"1900112233/{number}", who, side, kind, when, text, **fields)


CHANNEL_ITEMS = [
    # date is 08:30 local (UTC+7) in the file; date_unixtime gives 01:30 UTC.
    _c(2, "post", _at(2, 1, 30), "Chào mùa thu! Trà sữa khoai môn đã trở lại 🍂",
       media=["image"], likes=15),
    _c(3, "post", _at(3, 5), "โปรโมชั่นวันนี้ ลด 20% #ชานม ดูเมนู trasuamay.example/th",
       links=["http://trasuamay.example/th"], hashtags=["ชานม"]),
    _c(4, "post", _at(4, 11, 20), "新品上市：芋泥奶茶 🧋 欢迎品尝！",
       links=["https://trasuamay.example/zh/taro"]),
    _c(5, "share", _at(5, 2), "Οι καλύτεροι καφέδες του Ανόι, από τους φίλους μας"),
    _c(6, "reply", _at(5, 9, 45, 30), "پاسخ به سوال\u200cها: بله، شیر گیاهی هم داریم 🌱",
       parent_native_id="1766215473/2", thread_native_id="1766215473/2", likes=4),
    _c(7, "post", _at(6, 12), "", media=["video"]),
    _c(8, "post", _at(7, 0), "Lịch mở cửa tuần này #TràSữa #HàNội\nĐặt hàng",
       links=["https://trasuamay.example/order?ref=tg"], hashtags=["TràSữa", "HàNội"],
       client="PostBot", likes=7),
    _c(9, "post", _at(7, 3, 3, 3), "", media=["sticker"]),
    _c(11, "post", _at(8, 8), ""),
    _c(12, "reply", _at(8, 10, 10, 10), "Cập nhật: đã có thêm sữa yến mạch",
       parent_native_id="1766215473/6", thread_native_id="1766215473/2"),
    _c(14, "post", _at(9, 15, 59, 59), "☁️☁️", media=["gif"]),
    _c(15, "post", _at(10, 4),
       "Cảm ơn @lan_review ❤ liên hệ hello@trasuamay.example hoặc +84 24 0000 0000 giá cũ"),
    _c(16, "post", _at(10, 16, 30), "", media=["audio"]),
    _c(17, "post", _at(11, 23), "Giờ vàng 🕐 mua 1 tặng 1 — 15h-17h", media=["image"], likes=0),
]  # fmt: skip

GROUP_ITEMS = [
    # The channel's post, forwarded into its discussion group.
    _g(2, CH, "audience", "share", _at(2, 1, 30, 5),
       "Chào mùa thu! Trà sữa khoai môn đã trở lại 🍂", media=["image"], likes=2),
    _g(3, "user777000111", "audience", "reply", _at(2, 3, 15), "Có size L không shop? 😋",
       parent_native_id="1900112233/2", thread_native_id="1900112233/2"),
    _g(4, ME, "brand", "reply", _at(2, 3, 20), "Dạ có ạ, Hùng ghé quán nhé!",
       parent_native_id="1900112233/3", thread_native_id="1900112233/2"),
    _g(5, "user666000333", "audience", "message", _at(3, 12),
       "รีวิวร้านนี้ https://review.example/th/tra-sua-may #รีวิว",
       links=["https://review.example/th/tra-sua-may"], hashtags=["รีวิว"]),
    _g(6, GR, "audience", "message", _at(4, 7), "Nhắc nhở: giữ lịch sự trong nhóm nhé 🙏"),
    _g(7, "user888000222", "audience", "reply", _at(4, 8, 8, 8), "Πολύ ωραίο μέρος! Θα ξαναέρθω",
       parent_native_id="1900112233/2", thread_native_id="1900112233/2"),
    _g(8, "user555000444", "audience", "message", _at(5, 19, 30), "سلام! ساعت کاری جمعه چنده؟"),
    _g(9, ME, "brand", "reply", _at(5, 19, 45), "Thứ Sáu mở 8h–22h ạ",
       parent_native_id="1900112233/8", thread_native_id="1900112233/8"),
    # No text_entities (older exports): links and hashtags are found in the text.
    _g(10, "user444000555", "audience", "message", _at(6, 1),
       "珍珠奶茶太好喝了！推荐 #珍珠奶茶 https://review.example/zh",
       links=["https://review.example/zh"], hashtags=["珍珠奶茶"], likes=1),
]  # fmt: skip
DIARY_ITEMS = [
    Item("telegram", "1655443322/1", "channel1655443322", "audience", "post", _at(1, 0),
         "Doanh thu tuần 1: ổn"),
    Item("telegram", "1655443322/2", "channel1655443322", "audience", "post", _at(8, 0),
         "Tuần 2: cần thêm nhân viên ca tối"),
]  # fmt: skip


def _load(path: Path, brand: Brand | None = None) -> Any:
    with Source(path) as source:
        return Telegram().load(source, brand or Brand())


def _error(path: Path) -> Any:
    with pytest.raises(InputError) as caught:
        _load(path)
    return caught.value.problems[0]


def _write(tmp_path: Path, doc: Any) -> Path:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_channel_export() -> None:
    extract = _load(HERE / "channel")
    assert extract.source_format == "telegram"
    assert extract.items == CHANNEL_ITEMS
    assert extract.accounts == [Account("telegram", CH, "Trà Sữa Mây ☁️", is_brand=True)]


def test_account_export_reads_groups_and_channels_not_private_chats() -> None:
    extract = _load(HERE / "account")
    assert extract.items == GROUP_ITEMS + DIARY_ITEMS
    handles = [(a.handle, a.display_name, a.is_brand) for a in extract.accounts]
    assert handles == [
        (ME, "Minh Trần", True),
        (CH, "Trà Sữa Mây ☁️", False),
        ("user777000111", "Hùng", False),
        ("user666000333", "สมชาย", False),
        (GR, "Trà Sữa Mây – Thảo luận", False),
        ("user888000222", None, False),  # a deleted account: "from" is null
        ("user555000444", "Sara", False),
        ("user444000555", "小王", False),
        ("channel1655443322", "Nhật ký nội bộ", False),
    ]
    assert extract.accounts[0].bio == "Chủ quán Trà Sữa Mây ☁️"


def test_brand_registry_claims_chats_of_an_account_export() -> None:
    brand = Brand.of([("telegram", "Trà Sữa Mây – Thảo luận"), ("telegram", CH)])
    extract = _load(HERE / "account", brand)
    sides = {i.native_id: i.author_kind for i in extract.items}
    assert sides["1900112233/6"] == "brand"  # the group posting as itself
    assert sides["1900112233/2"] == "brand"  # the brand's channel forwarding into it
    assert sides["1655443322/1"] == "audience"
    assert sides["1900112233/3"] == "audience"


def test_several_exports_in_one_zip(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "telegram.zip", "w") as archive:
        for folder in ("channel", "account"):
            archive.write(HERE / folder / "result.json", f"{folder}/result.json")
            archive.writestr(f"{folder}/photos/photo_1.jpg", b"\xff\xd8\xff")
    with Source(tmp_path / "telegram.zip") as source:
        assert Telegram.detect(source)
        items = Telegram().load(source, Brand()).items
    # The channel, exported on its own, is the brand's also where the account export shows it.
    assert next(i for i in items if i.native_id == "1900112233/2").author_kind == "brand"
    # Folders are read in path order: "account" before "channel".
    assert [i.native_id for i in items] == [
        i.native_id for i in GROUP_ITEMS + DIARY_ITEMS + CHANNEL_ITEMS
    ]


def test_old_export_without_unix_times_or_sender_ids(tmp_path: Path) -> None:
    doc = copy.deepcopy(CHANNEL)
    for message in doc["messages"]:
        message.pop("date_unixtime")
        message.pop("from_id", None)
        message.pop("text_entities")
    items = _load(_write(tmp_path, doc)).items
    # Without date_unixtime the local time is all there is; it is read as UTC.
    assert items[0].created_at == _at(2, 8, 30)
    assert {i.author for i in items} == {CH}
    assert {i.author_kind for i in items} == {"brand"}
    # Entities from the text list itself, as the exports before text_entities had them.
    assert items[1].hashtags == ["ชานม"]
    assert items[1].links == ["http://trasuamay.example/th"]


def test_lone_surrogates_are_replaced(tmp_path: Path) -> None:
    doc = copy.deepcopy(CHANNEL)
    doc["messages"][1]["text"] = "half an emoji \ud83d"
    path = tmp_path / "result.json"
    path.write_text(json.dumps(doc), encoding="ascii")
    assert _load(path).items[0].text == "half an emoji ?"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_bytes((HERE / "channel" / "result.json").read_text("utf-8").encode("utf-16"))
    with Source(tmp_path) as source:
        assert Telegram.detect(source)
    assert _load(path).items == CHANNEL_ITEMS


OTHER_FORMATS = {
    "data/tweets.js": 'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1"}} ]',
    "outbox.json": '{"type": "OrderedCollection", "orderedItems": []}',
    "comments/comments.csv": "Comment ID,Channel ID,Comment create timestamp\n",
    "your_posts_1.json": '[{"timestamp": 1, "data": [{"post": "messages"}]}]',
    "posts_1.json": '{"messages": []}',
    "result.json": '{"status": "ok", "data": [1, 2, 3]}',
}


@pytest.mark.parametrize("name", sorted(OTHER_FORMATS))
def test_does_not_detect_other_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OTHER_FORMATS[name], encoding="utf-8")
    with Source(tmp_path) as source:
        assert not Telegram.detect(source)


def test_does_not_detect_a_bluesky_repository() -> None:
    with Source(FIXTURES / "bluesky" / "repo.car") as source:
        assert not Telegram.detect(source)


def test_truncated_file_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    data = (HERE / "channel" / "result.json").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    problem = _error(path)
    assert (problem.file, problem.message) == (str(path), NOT_JSON)
    assert (problem.line or 0) > 100


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", NOT_JSON),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", NOT_UTF8_EXPORT),
        (b'{"name": "Caf\xe9 Cr\xe8me", "messages": []}', NOT_UTF8_EXPORT),
        ('{"name": "Kênh", "messages": []}'.encode("utf-16-le"), NOT_UTF8_EXPORT),
        (b"[1, 2, 3]", UNEXPECTED_SHAPE),
        (b'{"chats": []}', UNEXPECTED_SHAPE),
    ],
    ids=["empty", "binary", "latin-1", "utf-16-without-bom", "a-list", "chats-not-object"],
)
def test_unreadable_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(data)
    problem = _error(path)
    assert (problem.file, problem.message) == (str(path), message)


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 1000)
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.write(HERE / "channel" / "result.json", "ChatExport_2024-09-12/result.json")
    problem = _error(tmp_path / "export.zip")
    assert problem.message == FILE_TOO_LARGE
    assert problem.file == f"{tmp_path / 'export.zip'}:ChatExport_2024-09-12/result.json"


@pytest.mark.parametrize(
    ("index", "change", "message", "where"),
    [
        (1, {"date_unixtime": "soon"}, BAD_TIME, "messages[1]"),
        (1, {"date_unixtime": "1e400"}, BAD_TIME, "messages[1]"),
        (1, {"date_unixtime": None, "date": None}, BAD_TIME, "messages[1]"),
        (1, {"id": "2"}, UNEXPECTED_SHAPE, "messages[1].id"),
        (2, {"text": ["ok", {"type": "bold", "text": 5}]}, UNEXPECTED_SHAPE, "messages[2].text"),
        (2, {"text": 42}, UNEXPECTED_SHAPE, "messages[2].text"),
        (2, {"text_entities": "bold"}, UNEXPECTED_SHAPE, "messages[2].text_entities"),
        (5, {"reply_to_message_id": "2"}, UNEXPECTED_SHAPE, "messages[5].reply_to_message_id"),
        (1, {"reactions": [{"count": "many"}]}, BAD_NUMBER, "messages[1].reactions"),
        (1, {"reactions": {"👍": 3}}, UNEXPECTED_SHAPE, "messages[1].reactions"),
    ],
)
def test_bad_messages_name_the_message(tmp_path: Path, index: int, change: dict[str, Any],
                                       message: str, where: str) -> None:  # fmt: skip
    doc = copy.deepcopy(CHANNEL)
    doc["messages"][index].update(change)
    problem = _error(_write(tmp_path, doc))
    assert (problem.message, problem.path) == (message, where)


def test_bad_chat_in_an_account_export(tmp_path: Path) -> None:
    doc = copy.deepcopy(ACCOUNT)
    doc["chats"]["list"][1]["messages"][3] = "deleted"
    problem = _error(_write(tmp_path, doc))
    assert (problem.message, problem.path) == (UNEXPECTED_SHAPE, "chats.list[1].messages[3]")
    doc["chats"]["list"][2]["id"] = None
    doc["chats"]["list"][1] = ["not", "a", "chat"]
    problem = _error(_write(tmp_path, doc))
    assert (problem.message, problem.path) == (UNEXPECTED_SHAPE, "chats.list[1]")


# --- property tests: whatever the damage, only InputError comes out, and from our own checks ---

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.sampled_from(["type", "text", "href", "count", "id"]),
                    st.one_of(st.text(max_size=5), st.integers()), max_size=3),
)  # fmt: skip


def _slots(doc: Any) -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        for key in list(node) if isinstance(node, dict) else range(len(node)):
            found.append((node, key))
            if isinstance(node[key], dict | list):
                stack.append(node[key])
    return found


def _mutate(doc: Any, data: st.DataObject) -> Any:
    """*doc* with a few values deleted, duplicated, replaced, retyped or cut short."""
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 4))):
        slots = _slots(doc)
        if not slots:
            break
        parent, key = data.draw(st.sampled_from(slots))
        value = parent[key]
        action = data.draw(st.sampled_from(["delete", "duplicate", "replace", "retype", "cut"]))
        if action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(value))
        elif action == "duplicate":
            parent[key] = [value, copy.deepcopy(value)]
        elif action == "replace":
            parent[key] = data.draw(VALUES)
        elif action == "retype":
            parent[key] = str(value) if not isinstance(value, str) else [value]
        elif action == "cut" and isinstance(value, str | list):
            parent[key] = value[: data.draw(st.integers(0, len(value)))]
    return doc


def _only_input_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.json"
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
@given(st.sampled_from([CHANNEL, ACCOUNT]), st.data())
def test_mutated_json(doc: Any, data: st.DataObject) -> None:
    text = json.dumps(_mutate(doc, data), ensure_ascii=False, indent=1)
    _only_input_errors(text.encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["channel", "account"]), st.data())
def test_mutated_bytes(folder: str, data: st.DataObject) -> None:
    raw = bytearray((HERE / folder / "result.json").read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["truncate", "flip", "delete", "insert"]))
        if action == "truncate":
            del raw[at:]
        elif action == "flip" and at < len(raw):
            raw[at] ^= data.draw(st.integers(1, 255))
        elif action == "delete":
            del raw[at : at + data.draw(st.integers(1, 40))]
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    _only_input_errors(bytes(raw))
