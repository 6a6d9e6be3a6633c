"""The Telegram adapter against a scripted Bot API: the requests it sends, and each error class."""

from __future__ import annotations

import datetime as dt
import json
import logging

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, body, reply

from socialplan.publish.content import IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import (
    AnswerShapeError,
    AuthError,
    NotFoundError,
    PermanentError,
    RejectedError,
    RetryableError,
    UnknownOutcome,
)
from socialplan.publish.networks import connect
from socialplan.publish.networks.telegram.adapter import TelegramAdapter
from socialplan.publish.networks.telegram.credentials import TelegramCredentials

TOKEN = "7712345678:AAHc9sQe3J1kLmN0pQrStUvWxYz_-123456"
BOT = f"/bot{TOKEN}"
API = "https://api.telegram.org"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
CHANNEL = {"id": -1001234567890, "type": "channel", "title": "Brand news", "username": "brand"}
SENT_AT = 1793611801  # 2026-11-02 09:30:01 UTC
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def ok(result: object) -> httpx.Response:
    """A Bot API success."""
    return reply(200, {"ok": True, "result": result})


def refused(status: int, description: str, **extra: object) -> httpx.Response:
    """A Bot API refusal, sent with its own status."""
    answer = {"ok": False, "error_code": status, "description": description, **extra}
    return reply(status, answer)


def message(message_id: int, **extra: object) -> dict[str, object]:
    """A message as the Bot API describes one in the channel."""
    return {"message_id": message_id, "date": SENT_AT, "chat": CHANNEL, **extra}


def adapter(net: FakeNetwork, chat: str = "@brand") -> TelegramAdapter:
    """An adapter for the bot in the channel, on the scripted Bot API."""
    creds = TelegramCredentials(bot_token=TOKEN, chat_id=chat)  # type: ignore[arg-type]
    return TelegramAdapter(creds, transport=net.transport)


def test_validate_checks_the_bot_may_post_in_the_channel() -> None:
    member = {"status": "administrator", "can_post_messages": True, "user": {"id": 7712345678}}
    net = (
        FakeNetwork()
        .on("GET", f"{BOT}/getMe", ok({"id": 7712345678, "is_bot": True, "username": "brand_bot"}))
        .on("GET", f"{BOT}/getChat", ok(CHANNEL))
        .on("GET", f"{BOT}/getChatMember", ok(member))
    )
    info = adapter(net).validate()
    assert (info.id, info.handle, info.display_name, info.url) == (
        "-1001234567890",
        "@brand",
        "Brand news",
        "https://t.me/brand",
    )
    assert [str(r.url) for r in net.requests] == [
        f"{API}{BOT}/getMe",
        f"{API}{BOT}/getChat?chat_id=%40brand",
        f"{API}{BOT}/getChatMember?chat_id=%40brand&user_id=7712345678",
    ]
    assert all(r.method == "GET" and "Authorization" not in r.headers for r in net.requests)


@pytest.mark.parametrize(
    "member",
    [
        {"status": "administrator", "can_post_messages": False},
        {"status": "member"},
        {"status": "left"},
        {"status": "kicked"},
    ],
)
def test_validate_refuses_a_bot_that_may_not_post(member: dict[str, object]) -> None:
    net = (
        FakeNetwork()
        .on("GET", f"{BOT}/getMe", ok({"id": 7712345678, "is_bot": True}))
        .on("GET", f"{BOT}/getChat", ok(CHANNEL))
        .on("GET", f"{BOT}/getChatMember", ok(member))
    )
    with pytest.raises(AuthError, match="may not post in Brand news on Telegram"):
        adapter(net).validate()


def test_publish_sends_the_text_to_the_channel() -> None:
    net = FakeNetwork().on("POST", f"{BOT}/sendMessage", ok(message(42, text="سلام")))
    published = adapter(net).publish(Outgoing("سلام دنیا #کتاب", language="fa"), KEY)
    assert published == Published(
        ref="-1001234567890/42",
        url="https://t.me/brand/42",
        published_at=dt.datetime(2026, 11, 2, 9, 30, 1, tzinfo=dt.UTC),
    )
    (request,) = net.requests
    assert (request.method, str(request.url)) == ("POST", f"{API}{BOT}/sendMessage")
    assert request.headers["Content-Type"] == "application/json"
    assert body(request) == {"chat_id": "@brand", "text": "سلام دنیا #کتاب"}


def test_a_private_channel_links_by_its_number() -> None:
    private = {"id": -1009876543210, "type": "channel", "title": "Team"}
    answer = ok({"message_id": 5, "date": SENT_AT, "chat": private})
    net = FakeNetwork().on("POST", f"{BOT}/sendMessage", answer)
    published = adapter(net, chat="-1009876543210").publish(Outgoing("hi"), KEY)
    assert (published.ref, published.url) == ("-1009876543210/5", "https://t.me/c/9876543210/5")
    assert body(net.requests[0])["chat_id"] == "-1009876543210"


def test_one_image_is_a_photo_with_a_caption() -> None:
    net = FakeNetwork().on("POST", f"{BOT}/sendPhoto", ok(message(43, photo=[])))
    post = Outgoing("a red door", images=(Image(PNG, "image/png", "a red door"),))
    assert adapter(net).publish(post, KEY).ref == "-1001234567890/43"
    (request,) = net.requests
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="chat_id"\r\n\r\n@brand' in request.content
    assert b'name="caption"\r\n\r\na red door' in request.content
    assert b'name="photo"; filename="image"' in request.content
    assert PNG in request.content


def test_several_images_are_an_album_captioned_on_the_first() -> None:
    album = [message(44), message(45), message(46)]
    net = FakeNetwork().on("POST", f"{BOT}/sendMediaGroup", ok(album))
    images = tuple(Image(PNG, "image/png", f"door {n}") for n in range(3))
    published = adapter(net).publish(Outgoing("three doors", images=images), KEY)
    assert (published.ref, published.url) == ("-1001234567890/44,45,46", "https://t.me/brand/44")
    (request,) = net.requests
    assert str(request.url) == f"{API}{BOT}/sendMediaGroup"
    media = request.content.split(b'name="media"\r\n\r\n')[1].split(b"\r\n")[0]
    assert json.loads(media) == [
        {"type": "photo", "media": "attach://photo0", "caption": "three doors"},
        {"type": "photo", "media": "attach://photo1"},
        {"type": "photo", "media": "attach://photo2"},
    ]
    for n in range(3):
        assert f'name="photo{n}"; filename="image"'.encode() in request.content


def test_read_back_and_find_by_key_are_not_offered() -> None:
    caps = TelegramAdapter.capabilities
    assert (caps.findable_by_key, caps.idempotency_window) == (False, None)
    net = FakeNetwork()
    with pytest.raises(NotImplementedError, match="cannot read"):
        adapter(net).read_back("-1001234567890/42")
    with pytest.raises(NotImplementedError):
        adapter(net).find_by_key(KEY)
    assert net.requests == []


def test_delete_removes_every_message_and_accepts_one_already_gone() -> None:
    gone = refused(400, "Bad Request: message to delete not found")
    net = FakeNetwork().on("POST", f"{BOT}/deleteMessage", ok(True), gone, ok(True))
    adapter(net).delete("-1001234567890/44,45,46")
    assert [body(r) for r in net.requests] == [
        {"chat_id": "-1001234567890", "message_id": 44},
        {"chat_id": "-1001234567890", "message_id": 45},
        {"chat_id": "-1001234567890", "message_id": 46},
    ]


def test_a_message_that_cannot_be_deleted_is_a_permanent_error() -> None:
    net = FakeNetwork().on(
        "POST", f"{BOT}/deleteMessage", refused(400, "Bad Request: message can't be deleted")
    )
    with pytest.raises(PermanentError, match="can't be deleted"):
        adapter(net).delete("-1001234567890/44")


@pytest.mark.parametrize("answer", [reply(502, b"Bad Gateway"), httpx.ReadTimeout("timed out")])
def test_a_delete_without_answer_may_be_retried(answer: object) -> None:
    net = FakeNetwork().on("POST", f"{BOT}/deleteMessage", answer)  # type: ignore[arg-type]
    with pytest.raises(RetryableError):
        adapter(net).delete("-1001234567890/44")


@pytest.mark.parametrize("ref", ["", "-100123", "-100123/", "-100123/x", "/42"])
def test_refs_that_name_no_message_are_refused(ref: str) -> None:
    net = FakeNetwork()
    with pytest.raises(PermanentError):
        adapter(net).delete(ref)
    assert net.requests == []


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (refused(401, "Unauthorized"), AuthError),
        (refused(403, "Forbidden: bot is not a member of the channel chat"), AuthError),
        (refused(404, "Not Found"), AuthError),
        (refused(400, "Bad Request: message is too long"), RejectedError),
        (refused(400, "Bad Request: chat not found"), NotFoundError),
        (refused(400, "Bad Request: group chat was upgraded to a supergroup chat",
                 parameters={"migrate_to_chat_id": -1001234567891}), RejectedError),
        (refused(409, "Conflict: terminated by other getUpdates request"), PermanentError),
        (refused(429, "Too Many Requests: retry after 35", parameters={"retry_after": 35}),
         RetryableError),
        (reply(200, {"ok": False, "error_code": 403, "description": "Forbidden: bot was kicked"}),
         AuthError),
        (reply(200, {"ok": False, "error_code": 429, "description": "Too Many Requests",
                     "parameters": {"retry_after": 3}}), RetryableError),
        (reply(200, {"ok": False, "error_code": 502, "description": "Bad Gateway"}),
         UnknownOutcome),
        (refused(500, "Internal Server Error"), UnknownOutcome),
        (reply(502, b"<html>Bad Gateway</html>"), UnknownOutcome),
        (reply(503, b"Service Unavailable"), RetryableError),
        (httpx.ReadTimeout("timed out"), UnknownOutcome),
        (httpx.RemoteProtocolError("Server disconnected"), UnknownOutcome),
        (httpx.ConnectError("[Errno 111] Connection refused"), RetryableError),
        (httpx.ConnectTimeout("timed out"), RetryableError),
        (reply(200, b"<html>maintenance</html>"), AnswerShapeError),
        (reply(200, {"result": {"message_id": 1}}), AnswerShapeError),
        (reply(200, {"ok": True}), AnswerShapeError),
        (reply(200, {"ok": False, "description": "no code"}), AnswerShapeError),
        (ok({"date": SENT_AT, "chat": CHANNEL}), AnswerShapeError),
        (ok(["not", "a", "message"]), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_a_publish_has_its_class(answer: object, error: type[Exception]) -> None:
    net = FakeNetwork().on("POST", f"{BOT}/sendMessage", answer)  # type: ignore[arg-type]
    with pytest.raises(error) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert type(raised.value) is error
    assert "Telegram" in str(raised.value)


def test_the_words_of_a_refusal_reach_the_message() -> None:
    net = FakeNetwork().on(
        "POST", f"{BOT}/sendMessage", refused(400, "Bad Request: message is too long")
    )
    with pytest.raises(RejectedError, match="message is too long") as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert (raised.value.status, raised.value.code) == (400, "400")


@pytest.mark.parametrize(
    ("answer", "seconds"),
    [
        (refused(429, "Too Many Requests: retry after 35", parameters={"retry_after": 35}), 35.0),
        (reply(200, {"ok": False, "error_code": 429, "description": "Too Many Requests",
                     "parameters": {"retry_after": 3}}), 3.0),
        (reply(429, {"ok": False, "error_code": 429, "description": "slow"},
               **{"Retry-After": "12"}), 12.0),
        (refused(429, "Too Many Requests"), None),
    ],
)  # fmt: skip
def test_rate_limits_say_how_long_to_wait(answer: httpx.Response, seconds: float | None) -> None:
    net = FakeNetwork().on("POST", f"{BOT}/sendMessage", answer)
    with pytest.raises(RetryableError) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.retry_after == seconds


@pytest.mark.parametrize(
    "post",
    [
        Outgoing("ก" * 4097),
        Outgoing(""),
        Outgoing("x" * 1025, images=(Image(PNG, "image/png"),)),
        Outgoing("eleven", images=(Image(PNG, "image/png"),) * 11),
        Outgoing("a gif", images=(Image(PNG, "image/gif"),)),
        Outgoing("too big", images=(Image(b"x" * (10 * 1024 * 1024 + 1), "image/png"),)),
    ],
)
def test_posts_over_the_limits_are_refused_before_any_request(post: Outgoing) -> None:
    net = FakeNetwork()
    with pytest.raises(RejectedError):
        adapter(net).publish(post, KEY)
    assert net.requests == []


def test_a_long_caption_says_it_is_a_caption() -> None:
    post = Outgoing("x" * 1025, images=(Image(PNG, "image/png"),))
    with pytest.raises(RejectedError) as raised:
        adapter(FakeNetwork()).publish(post, KEY)
    assert raised.value.render() == (
        "the text is 1025 characters long; Telegram takes at most 1024 under images"
    )


def test_the_token_stays_out_of_the_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    net = FakeNetwork().on("POST", f"{BOT}/sendMessage", ok(message(42)))
    adapter(net).publish(Outgoing("hello"), KEY)
    assert net.requests[0].url.path == f"{BOT}/sendMessage"
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "/bot/sendMessage" in logged
    assert TOKEN not in logged


def test_the_registry_builds_it_from_stored_credentials() -> None:
    net = FakeNetwork().on("POST", f"{BOT}/sendMessage", ok(message(42)))
    stored = {"bot_token": TOKEN, "chat_id": "@brand"}
    with connect("telegram", stored, transport=net.transport) as telegram:
        telegram.publish(Outgoing("hello"), KEY)
    assert net.requests[0].url.path == f"{BOT}/sendMessage"


@pytest.mark.parametrize(
    ("token", "chat"),
    [
        ("not a token", "@brand"),
        (f"{TOKEN}/../getUpdates?", "@brand"),
        (TOKEN, "brand"),
        (TOKEN, "@b"),
        (TOKEN, "https://t.me/brand"),
    ],
)
def test_credentials_have_the_shapes_telegram_gives(token: str, chat: str) -> None:
    with pytest.raises(ValueError, match=r"bot token|channel"):
        TelegramCredentials(bot_token=token, chat_id=chat)  # type: ignore[arg-type]
