"""Customer-care conversations (the Kaggle "Customer Support on Twitter" CSV) and bad input."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import Brand
from socialplan.activity.importers.care_csv import EMPTY_VALUE, Conversations
from socialplan.activity.importers.common import (
    BAD_ITEM,
    BAD_TIME,
    MISSING_COLUMNS,
    NOT_UTF8_EXPORT,
)
from socialplan.activity.importers.generic_csv import BAD_VALUE, GenericCsv
from socialplan.activity.importers.linkedin import LinkedIn
from socialplan.activity.ingest import choose
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Source
from socialplan.errors import FILE_TOO_LARGE, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
FIXTURE = FIXTURES / "conversations"
CSV = FIXTURE / "twcs.csv"
TEXT = CSV.read_text(encoding="utf-8")
HEADER = TEXT.splitlines()[0]
#: Cut inside the quoted two-line text of the record starting on line 4.
TRUNCATED = TEXT.encode("utf-8")[: TEXT.encode("utf-8").index("已经".encode()) - 5]


def at(day: int, hour: int, minute: int, second: int = 0) -> dt.datetime:
    """A UTC time in late 2017."""
    return dt.datetime(2017, 10 if day == 31 else 11, day, hour, minute, second, tzinfo=dt.UTC)


def tweet(
    native_id: str,
    author: str,
    kind: str,
    created: dt.datetime,
    text: str,
    parent: str | None,
    thread: str,
    replies: int,
    hashtags: list[str] | None = None,
    links: list[str] | None = None,
) -> Item:
    """An item as the importer should read it."""
    return Item(
        network="x",
        native_id=native_id,
        author=author,
        author_kind="brand" if author == "AcmeSupport" else "audience",
        kind=kind,
        created_at=created,
        text=text,
        parent_native_id=parent,
        thread_native_id=thread,
        links=links or [],
        hashtags=hashtags or [],
        replies=replies,
    )


# fmt: off
EXPECTED_ITEMS = [
    tweet("1", "AcmeSupport", "reply", at(31, 22, 10, 47),
          "@115712 Xin lỗi bạn! Chúng tôi sẽ kiểm tra ngay 🙏 https://acme.example/help", "3", "5",
          1, links=["https://acme.example/help"]),
    tweet("2", "115712", "reply", at(31, 22, 11, 45), "@AcmeSupport ขอบคุณครับ 😊", "1", "5", 0),
    tweet("3", "115712", "reply", at(31, 22, 8, 27),
          "@AcmeSupport 我的订单还没到,\n已经一周了 #延迟", "4", "5", 1, ["延迟"]),
    tweet("4", "AcmeSupport", "reply", at(31, 21, 54, 49),
          "@115712 Please DM us your order number.", "5", "5", 1),
    tweet("5", "115712", "mention", at(31, 21, 49, 35),
          "@AcmeSupport Η παραγγελία μου άργησε πολύ! #Acme", None, "5", 3, ["Acme"]),
    tweet("6", "AcmeSupport", "reply", at(31, 21, 51),
          "@115712 سلام! لطفاً شماره سفارش را بفرستید 🙏", "5", "5", 0),
    # no in_response_to_tweet_id, but tweet 5 lists it among its responses
    tweet("10", "200001", "reply", at(1, 9, 0), '@AcmeSupport "still waiting", any news?', "5",
          "5", 0),
    # +0100 in the time: 10:00 there is 09:00 UTC
    tweet("11", "AcmeSupport", "post", at(1, 9, 0), "Holiday hours 🎄 #Acme #CàPhê", None, "11", 0,
          ["Acme", "CàPhê"]),
    # its parent is not in the file: the chain's first known id is the thread
    tweet("12", "300002", "reply", at(1, 11, 30), "@AcmeSupport thanks for the help yesterday",
          "999", "999", 0),
    tweet("13", "400003", "mention", at(1, 12, 0), "@AcmeSupport 👍", None, "13", 0),
]
# fmt: on


EXPECTED_ACCOUNTS = [
    Account("x", "AcmeSupport", is_brand=True),
    Account("x", "115712"),
    Account("x", "200001"),
    Account("x", "300002"),
    Account("x", "400003"),
]


def read(path: Path, brand: Brand | None = None) -> Extract:
    """What the importer makes of *path*, through the safety net users get."""
    with Source(path) as source:
        return Conversations().load(source, brand or Brand())


def write(tmp_path: Path, data: bytes, name: str = "twcs.csv") -> Path:
    """A one-file export."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def problem_of(path: Path) -> tuple[str, str, str | None]:
    """(file, message, path) of the single problem reading *path* gives."""
    with pytest.raises(InputError) as caught:
        read(path)
    (problem,) = caught.value.problems
    return problem.file, problem.message, problem.path


def test_fixture_reads_exactly() -> None:
    extract = read(FIXTURE)
    assert extract.items == EXPECTED_ITEMS
    assert extract.accounts == EXPECTED_ACCOUNTS
    assert extract.metrics == []
    assert extract.moderation == []


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8-sig").replace(b"\n", b"\r\n"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["bom-crlf", "utf16-bom"],
)
def test_windows_saved_copies_read_the_same(tmp_path: Path, encode: object) -> None:
    path = write(tmp_path, encode(TEXT))  # type: ignore[operator]
    items = read(path).items
    # CRLF inside the quoted text stays as the file has it
    assert [i.text.replace("\r\n", "\n") for i in items] == [i.text for i in EXPECTED_ITEMS]
    assert [(i.native_id, i.kind, i.thread_native_id) for i in items] == [
        (i.native_id, i.kind, i.thread_native_id) for i in EXPECTED_ITEMS
    ]


def test_zip_and_brand_registry(tmp_path: Path) -> None:
    archive = tmp_path / "twcs.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(CSV, "customer-support-on-twitter/twcs.csv")
        zipped.writestr("customer-support-on-twitter/README.md", "# sample")
    extract = read(archive, Brand.of([("x", "@300002")]))
    kinds = {i.native_id: (i.author_kind, i.kind) for i in extract.items}
    assert kinds["12"] == ("brand", "reply")
    assert kinds["13"] == ("audience", "mention")
    assert Account("x", "300002", is_brand=True) in extract.accounts


def test_detect_own_fixture_only() -> None:
    with Source(FIXTURE) as source:
        assert Conversations.detect(source)
        assert not GenericCsv.detect(source)
        assert not LinkedIn.detect(source)
        assert choose(source, None) is Conversations
    for other in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p != FIXTURE):
        if any(other.iterdir()):
            with Source(other) as source:
                assert not Conversations.detect(source), other


@pytest.mark.parametrize(
    ("data", "message", "where"),
    [
        (b"", MISSING_COLUMNS, None),
        (b"\n\n", MISSING_COLUMNS, None),
        (b'{"tweet_id": 1, "author_id": "a"}', MISSING_COLUMNS, None),
        (b"network,id,author,kind,created_at,text\n", MISSING_COLUMNS, None),
        (TRUNCATED, BAD_ITEM, "line 4"),
        (TEXT.encode("cp1258", "replace"), NOT_UTF8_EXPORT, None),
        (
            HEADER.encode() + b"\n7,someone,True,Tue Oct 31 22:10:47 +0000 2017,\xe9t\xe9\n",
            NOT_UTF8_EXPORT,
            None,
        ),
        (b"\x00\xff\xfe" * 50, MISSING_COLUMNS, None),
    ],
    ids=[
        "empty",
        "blank-lines",
        "json",
        "generic-csv",
        "truncated",
        "cp1258",
        "latin1-row",
        "binary",
    ],
)
def test_unusable_files(tmp_path: Path, data: bytes, message: str, where: str | None) -> None:
    path = write(tmp_path, data)
    assert problem_of(path) == (str(path), message, where)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("7,someone,maybe,Tue Oct 31 22:10:47 +0000 2017,hi,,", BAD_VALUE),
        ("7,someone,True,31/10/2017 22:10,hi,,", BAD_TIME),
        ("7,someone,True,Tue Foo 31 22:10:47 +0000 2017,hi,,", BAD_TIME),
        ("7,someone,True,Tue Oct 31 22:10:47 +9900 2017,hi,,", BAD_TIME),
        (",someone,True,Tue Oct 31 22:10:47 +0000 2017,hi,,", EMPTY_VALUE),
        ("7,,True,Tue Oct 31 22:10:47 +0000 2017,hi,,", EMPTY_VALUE),
        ('7,someone,True,Tue Oct 31 22:10:47 +0000 2017,"hi"there,,', BAD_ITEM),
    ],
)
def test_bad_row_names_its_first_line(tmp_path: Path, row: str, message: str) -> None:
    # the fixture's multi-line text makes the physical line differ from the record number
    path = write(tmp_path, (TEXT + row + "\n").encode("utf-8"))
    line = TEXT.count("\n") + 1
    assert problem_of(path) == (str(path), message, f"line {line}")


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, TEXT.encode("utf-8"))
    monkeypatch.setattr(source_module, "MAX_MEMBER_BYTES", 100)
    assert problem_of(path) == (str(path), FILE_TOO_LARGE, None)


def test_reply_loops_end(tmp_path: Path) -> None:
    rows = [
        "1,a,True,Tue Oct 31 22:10:47 +0000 2017,x,,2",
        "2,b,True,Tue Oct 31 22:10:48 +0000 2017,y,,1",
        "3,c,True,Tue Oct 31 22:10:49 +0000 2017,z,,3",
    ]
    extract = read(write(tmp_path, "\n".join([HEADER, *rows]).encode()))
    assert [i.kind for i in extract.items] == ["reply"] * 3
    assert {i.thread_native_id for i in extract.items[:2]} <= {"1", "2"}


def check_load(path: Path) -> None:
    """Loading gives records or an InputError naming the file; nothing else escapes."""
    try:
        read(path)
    except InputError as exc:
        problems = exc.problems
    else:
        return
    assert problems
    assert all(p.file == str(path) for p in problems)


FIELDS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "True",
            "False",
            "3.0",
            "1,2,3",
            '"',
            '""',
            "\r\n",
            "Tue Oct 31 22:10:47",
            "Wed Nov 01 10:00:00 -2359 2017",
            "\ufeff",
            "\x00",
        ]
    ),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_rows_only_raise_input_errors(tmp_path: Path, data: st.DataObject) -> None:
    lines = TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 5))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["field", "delete", "duplicate", "truncate"]))
        if action == "field":
            fields = lines[index].split(",")
            fields[data.draw(st.integers(0, len(fields) - 1))] = data.draw(FIELDS)
            lines[index] = ",".join(fields)
        elif action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        else:
            lines[index] = lines[index][: data.draw(st.integers(0, len(lines[index])))]
    check_load(write(tmp_path, "\n".join(lines).encode("utf-8", "surrogatepass")))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_bytes_only_raise_input_errors(tmp_path: Path, data: st.DataObject) -> None:
    payload = bytearray(CSV.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        spot = data.draw(st.integers(0, len(payload) - 1)) if payload else 0
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip" and payload:
            payload[spot] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del payload[spot : spot + data.draw(st.integers(1, 40))]
        else:
            payload[spot:spot] = data.draw(st.binary(min_size=1, max_size=8))
    check_load(write(tmp_path, bytes(payload)))
