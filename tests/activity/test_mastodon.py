"""The Mastodon account export: detection, exact records, visibility, bad input, mutations."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.activity.test_x_archive import (
    TYPICAL_OTHERS,
    copy_export,
    failure,
    mutate,
    mutate_bytes,
    only_input_errors,
    read_export,
    zip_export,
)

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import Brand
from socialplan.activity.importers.common import (
    BAD_NUMBER,
    BAD_TIME,
    NOT_JSON,
    NOT_UTF8_EXPORT,
    UNEXPECTED_SHAPE,
)
from socialplan.activity.importers.mastodon import Mastodon
from socialplan.activity.importers.x_archive import XArchive
from socialplan.activity.ingest import choose, import_path
from socialplan.activity.schema import Account, Extract
from socialplan.activity.source import Source
from socialplan.activity.store import Store
from socialplan.errors import EMPTY_FILE, FILE_NOT_FOUND, FILE_TOO_LARGE, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
ARCHIVE = FIXTURES / "mastodon" / "archive"
OUTBOX = "outbox.json"
UTC = dt.UTC
ME = "https://mastodon.example/users/lotustea/statuses/"
BRAND = Brand.of([("mastodon", "lotustea_th@mastodon.example")])

# ---------------------------------------------------------------------------- detection


def test_detects_its_exports(tmp_path: Path) -> None:
    with Source(ARCHIVE) as source:
        assert Mastodon.detect(source)
    with Source(zip_export(ARCHIVE, tmp_path / "archive.zip")) as source:
        assert Mastodon.detect(source)
        assert choose(source, None) is Mastodon
    with Source(ARCHIVE / OUTBOX) as source:  # the lone file
        assert Mastodon.detect(source)


@pytest.mark.parametrize("name", sorted(set(TYPICAL_OTHERS) - {"outbox.json"}))
def test_ignores_other_formats(tmp_path: Path, name: str) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / name).write_bytes(TYPICAL_OTHERS[name])
    with Source(tmp_path / "export") as source:
        assert not Mastodon.detect(source)


@pytest.mark.parametrize("content", [b"[]", b'{"outbox": []}', b"", b"\xff\xfe{\x00"])
def test_ignores_other_outbox_files(tmp_path: Path, content: bytes) -> None:
    (tmp_path / OUTBOX).write_bytes(content)
    with Source(tmp_path / OUTBOX) as source:
        assert not Mastodon.detect(source)


@pytest.mark.parametrize(
    "folder", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "mastodon")
)
def test_ignores_the_other_fixtures(folder: str) -> None:
    if not any(p.is_file() for p in (FIXTURES / folder).rglob("*")):
        pytest.skip("another importer's fixtures are not written yet")
    with Source(FIXTURES / folder) as source:
        assert not Mastodon.detect(source)


# ---------------------------------------------------------------------------- records

EXPECTED = [
    # id, kind, parent, thread, created, text, language, links, hashtags, media, likes, shares
    (ME + "110000000000000001", "post", None, None, "2023-03-01 02:00:00",
     "Trà sen Tây Hồ & bánh cốm 🍵 mở bán sáng nay! #TràSen\nhttps://lotustea.example/vi/tra-sen",
     "vi", ["https://lotustea.example/vi/tra-sen"], ["TràSen"], ["image"], 5, 2),
    (ME + "110000000000000002", "post", ME + "110000000000000001", ME + "110000000000000001",
     "2023-03-01 02:01:30", "Giờ mở cửa: 7:00–21:00 mỗi ngày.", "vi", [], [], [], 1, 0),
    (ME + "110000000000000003", "reply", "https://other.example/users/minh/statuses/109999999999999001",
     "https://other.example/users/minh/statuses/109999999999999001", "2023-03-02 08:15:00",
     "@minh @lotustea_th 谢谢您的支持！下周推出茉莉花茶 🌼", "zh", [], [], [], None, None),
    (ME + "110000000000000004", "share", "https://greek.example/users/foodie/statuses/222",
     "https://greek.example/users/foodie/statuses/222", "2023-03-03 10:00:00", "", None, [], [],
     [], None, None),
    (ME + "110000000000000007", "post", None, None, "2023-03-03 18:00:00", "คุณชอบชาแบบไหน? 🍵",
     "th", [], [], ["poll"], None, None),
    (ME + "110000000000000008", "post", None, None, "2023-03-05 09:30:00",
     "نقد و بررسی\n@somchai چای نیلوفر آبی، هدیه\u200cای از ویتنام 🌸 #چای", "fa", [], ["چای"],
     ["video"], None, None),
    (ME + "110000000000000009", "post", None, None, "2023-03-06 06:06:06", "", None, [], [],
     ["image", "audio"], None, None),
    (ME + "110000000000000010", "post", None, None, "2023-03-07 07:07:07",
     "Καλημέρα! Το τσάι λωτού είναι υπέροχο ☕ #τσάι", "el", [], ["τσάι"], [], None, None),
    (ME + "110000000000000012", "post", ME + "110000000000000002", ME + "110000000000000001",
     "2023-03-08 02:00:00", "Địa chỉ: 12 Thanh Niên <gần hồ>\nHà Nội 🗺️", "vi", [], [], [],
     None, None),
]  # fmt: skip


def _rows(extract: Extract) -> list[tuple[Any, ...]]:
    return [
        (i.native_id, i.kind, i.parent_native_id, i.thread_native_id,
         i.created_at.strftime("%Y-%m-%d %H:%M:%S"), i.text, i.language, i.links, i.hashtags,
         i.media, i.likes, i.shares)
        for i in extract.items
    ]  # fmt: skip


def test_reads_public_and_unlisted_items_exactly() -> None:
    extract = read_export(Mastodon, ARCHIVE, BRAND)
    assert extract.source_format == "mastodon"
    assert _rows(extract) == EXPECTED
    for item in extract.items:
        assert (item.network, item.author, item.author_kind) == (
            "mastodon", "@lotustea@mastodon.example", "brand"
        )  # fmt: skip
        assert item.created_at.tzinfo is UTC
        assert item.client is None
        assert item.replies is None
        assert item.views is None
    # Followers-only (5), direct (6) and the tombstone (11) are not imported.
    ids = {i.native_id.rsplit("/", 1)[1][-2:] for i in extract.items}
    assert not ids & {"05", "06", "11"}


def test_accounts() -> None:
    assert read_export(Mastodon, ARCHIVE, BRAND).accounts == [
        Account("mastodon", "@lotustea@mastodon.example", "Lotus Tea 🍵 Trà Sen",
                "Trà sen Hà Nội & ชาบัว — 荷花茶", "https://mastodon.example/@lotustea",
                is_brand=True),
        Account("mastodon", "@minh@other.example"),
        Account("mastodon", "@lotustea_th@mastodon.example", is_brand=True),
        Account("mastodon", "@somchai@mastodon.example"),
    ]  # fmt: skip


def test_zip_reads_like_the_folder(tmp_path: Path) -> None:
    assert read_export(Mastodon, zip_export(ARCHIVE, tmp_path / "a.zip"), BRAND) == read_export(
        Mastodon, ARCHIVE, BRAND
    )


def test_owner_from_the_activities_without_actor_json(tmp_path: Path) -> None:
    folder = copy_export(ARCHIVE, tmp_path)
    (folder / "actor.json").unlink()
    extract = read_export(Mastodon, folder)
    assert extract.accounts[0] == Account("mastodon", "@lotustea@mastodon.example", is_brand=True)
    assert _rows(extract) == EXPECTED
    single = read_export(Mastodon, ARCHIVE / OUTBOX)
    assert single.accounts[0] == extract.accounts[0]


def test_owner_from_preferred_username_whatever_the_actor_url(tmp_path: Path) -> None:
    folder = copy_export(ARCHIVE, tmp_path)
    actor = json.loads((folder / "actor.json").read_text("utf-8"))
    actor["id"] = "https://social.example/actor"
    (folder / "actor.json").write_text(json.dumps(actor), "utf-8")
    assert read_export(Mastodon, folder).accounts[0].handle == "@lotustea@social.example"


def test_imports_into_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    outcome = import_path(zip_export(ARCHIVE, tmp_path / "archive.zip"), store, BRAND)
    assert outcome.importer == "mastodon"
    assert outcome.batch is not None
    assert outcome.batch.rows["items"] == len(EXPECTED)
    assert outcome.batch.rows["accounts"] == 4


def _edit(change: Callable[[Any], Any], name: str = OUTBOX) -> Callable[[bytes], bytes]:
    """A transformation of one JSON file of the export."""

    def apply(data: bytes) -> bytes:
        tree = json.loads(data)
        change(tree)  # changes the tree in place; what it returns does not matter
        return json.dumps(tree, ensure_ascii=False).encode()

    return apply


def _break(tmp_path: Path, content: bytes | Callable[[bytes], bytes], name: str = OUTBOX) -> Path:
    """A copy of the export with one file replaced or transformed."""
    folder = copy_export(ARCHIVE, tmp_path)
    target = folder / name
    target.write_bytes(content(target.read_bytes()) if callable(content) else content)
    return folder


def test_messy_but_valid_shapes(tmp_path: Path) -> None:
    def change(tree: dict[str, Any]) -> None:
        first = tree["orderedItems"][0]
        del first["to"], first["cc"]  # the audience only on the object
        first["object"]["inReplyTo"] = {"id": "https://other.example/users/minh/statuses/1"}
        first["object"]["content"] = "<p>a <![if x[ b</p>"  # html.parser asserts on this
        tree["orderedItems"][3]["object"] = {
            "id": "https://greek.example/users/foodie/statuses/222"
        }
        tree["orderedItems"][6]["object"]["likes"] = {"totalItems": "7"}
        tree["orderedItems"].append({"type": "Like", "object": "https://x.example/1"})

    extract = read_export(Mastodon, _break(tmp_path, _edit(change)))
    first = extract.items[0]
    assert (first.kind, first.parent_native_id) == (
        "reply", "https://other.example/users/minh/statuses/1"
    )  # fmt: skip
    assert first.text.startswith("a")
    assert extract.items[3].parent_native_id == "https://greek.example/users/foodie/statuses/222"
    assert extract.items[4].likes == 7
    assert len(extract.items) == len(EXPECTED)


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", EMPTY_FILE),
        (b'{"orderedItems": [', NOT_JSON),
        (b"window.YTD.tweets.part0 = []", NOT_JSON),
        (b"[]", UNEXPECTED_SHAPE),
        (b'{"type": "OrderedCollection", "totalItems": 0}', UNEXPECTED_SHAPE),
        ('{"orderedItems": ["Trà"]}'.encode("latin-1"), NOT_UTF8_EXPORT),
        ('{"orderedItems": []}'.encode("utf-16-le"), NOT_UTF8_EXPORT),
    ],
)
def test_bad_outbox(tmp_path: Path, content: bytes, message: str) -> None:
    folder = _break(tmp_path, content)
    problem = failure(Mastodon, folder).problems[0]
    assert (problem.file, problem.message) == (f"{folder}:{OUTBOX}", message)


def test_truncated_outbox_gives_line_and_column(tmp_path: Path) -> None:
    folder = _break(tmp_path, lambda b: b[: len(b) // 2])
    problem = failure(Mastodon, folder).problems[0]
    assert (problem.file, problem.message, problem.line) == (f"{folder}:{OUTBOX}", NOT_JSON, 1)
    assert problem.column
    assert problem.column > 1000


def test_huge_outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 5000)
    archive = zip_export(ARCHIVE, tmp_path / "archive.zip")
    problem = failure(Mastodon, archive).problems[0]
    assert (problem.file, problem.message) == (f"{archive}:{OUTBOX}", FILE_TOO_LARGE)


def test_missing_outbox(tmp_path: Path) -> None:
    folder = copy_export(ARCHIVE, tmp_path)
    (folder / OUTBOX).unlink()
    problem = failure(Mastodon, folder).problems[0]
    assert (problem.file, problem.message) == (f"{folder}:{OUTBOX}", FILE_NOT_FOUND)


A1 = f"item 1 ({ME}110000000000000001/activity)"


def _first(change: Callable[[dict[str, Any]], Any]) -> Callable[[Any], Any]:
    """A change to the first activity of the outbox."""
    return lambda tree: change(tree["orderedItems"][0])


@pytest.mark.parametrize(
    ("change", "message", "path"),
    [
        (_first(lambda a: a["object"].update(published="yesterday")), BAD_TIME, A1),
        (_first(lambda a: a["object"].update(published=None) or a.pop("published")), BAD_TIME, A1),
        (_first(lambda a: a["object"].update(likes={"totalItems": "lots"})), BAD_NUMBER,
         f"{A1}: likes"),
        (_first(lambda a: a["object"].update(content=["<p>hi</p>"])), UNEXPECTED_SHAPE,
         f"{A1}: content"),
        (_first(lambda a: a["object"].update(tag=[5])), UNEXPECTED_SHAPE, f"{A1}: tag"),
        (_first(lambda a: a["object"].update(attachment=[{"mediaType": 5}])), UNEXPECTED_SHAPE,
         f"{A1}: mediaType"),
        (_first(lambda a: a.update(object="https://x.example/1")), UNEXPECTED_SHAPE,
         f"{A1}: object"),
        (_first(lambda a: a.update(to={"id": 1})), UNEXPECTED_SHAPE, f"{A1}: to"),
        (_first(lambda a: a.update(id=None)), UNEXPECTED_SHAPE, "item 1: id"),
        (lambda tree: tree["orderedItems"].insert(0, "Create"), UNEXPECTED_SHAPE, "item 1"),
        (lambda tree: tree.update(orderedItems={"a": 1}), UNEXPECTED_SHAPE, "orderedItems"),
    ],
)  # fmt: skip
def test_bad_activity_names_the_item(
    tmp_path: Path, change: Callable[[Any], None], message: str, path: str
) -> None:
    folder = _break(tmp_path, _edit(change))
    problem = failure(Mastodon, folder).problems[0]
    assert (problem.file, problem.message, problem.path) == (f"{folder}:{OUTBOX}", message, path)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda actor: actor.pop("id"), "id"),
        (lambda actor: actor.update(id="not a url"), "id"),
        (lambda actor: actor.update(id="http://[broken/users/a"), "id"),
        (lambda actor: actor.update(preferredUsername=["lotustea"]), "preferredUsername"),
    ],
)
def test_bad_actor(tmp_path: Path, change: Callable[[Any], None], path: str) -> None:
    folder = _break(tmp_path, _edit(change, "actor.json"), "actor.json")
    problem = failure(Mastodon, folder).problems[0]
    assert (problem.file, problem.message, problem.path) == (
        f"{folder}:actor.json", UNEXPECTED_SHAPE, path
    )  # fmt: skip


def test_x_does_not_claim_a_mastodon_export() -> None:
    with Source(ARCHIVE) as source:
        assert not XArchive.detect(source)


# ---------------------------------------------------------------------------- properties

FILES = {name: (ARCHIVE / name).read_text("utf-8") for name in ("outbox.json", "actor.json")}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FILES)), st.data())
def test_mutated_json_gives_only_input_errors(name: str, data: st.DataObject) -> None:
    tree = mutate(json.loads(FILES[name]), data)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        shutil.copytree(ARCHIVE, folder)
        (folder / name).write_text(json.dumps(tree, ensure_ascii=False), "utf-8")
        only_input_errors(Mastodon, folder)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FILES)), st.data())
def test_mutated_bytes_give_only_input_errors(name: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        shutil.copytree(ARCHIVE, folder)
        (folder / name).write_bytes(mutate_bytes(FILES[name].encode(), data))
        only_input_errors(Mastodon, folder)


def test_input_error_is_the_only_exception_for_odd_documents(tmp_path: Path) -> None:
    for document in ([], {"orderedItems": [None, 1, [], {"type": ["Create"]}]}, "outbox"):
        (tmp_path / OUTBOX).write_text(json.dumps(document), "utf-8")
        only_input_errors(Mastodon, tmp_path / OUTBOX)
    with pytest.raises(InputError):
        read_export(Mastodon, tmp_path / OUTBOX)
