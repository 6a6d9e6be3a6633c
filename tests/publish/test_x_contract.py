"""The X adapter against a scripted API v2: the requests it sends, each error class, its count."""

from __future__ import annotations

import datetime as dt
import time

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, body, reply

from socialplan.publish.content import IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import (
    AnswerShapeError,
    AuthError,
    PermanentError,
    RejectedError,
    RetryableError,
    UnknownOutcome,
)
from socialplan.publish.networks import connect
from socialplan.publish.networks.x.adapter import XAdapter
from socialplan.publish.networks.x.counting import weighted_length
from socialplan.publish.networks.x.credentials import XCredentials

TOKEN = "x-user-token-Zm9vYmFyYmF6cXV4"
API = "https://api.x.com"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
POST_ID = "1853412345678901234"
CREATED = {"data": {"id": POST_ID, "text": "hello", "edit_history_tweet_ids": [POST_ID]}}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def problem(status: int, title: str, detail: str, kind: str = "about:blank") -> httpx.Response:
    """An X refusal as an RFC 7807 problem."""
    answer = {"title": title, "detail": detail, "type": kind, "status": status}
    return httpx.Response(status, json=answer, headers={"Content-Type": "application/problem+json"})


def adapter(net: FakeNetwork) -> XAdapter:
    """An adapter for one account on the scripted API."""
    return XAdapter(XCredentials(access_token=TOKEN), transport=net.transport)  # type: ignore[arg-type]


def test_validate_asks_whose_token_it_is() -> None:
    me = {"data": {"id": "2244994945", "name": "Brand", "username": "brand"}}
    net = FakeNetwork().on("GET", "/2/users/me", reply(200, me))
    info = adapter(net).validate()
    assert (info.id, info.handle, info.display_name, info.url) == (
        "2244994945",
        "brand",
        "Brand",
        "https://x.com/brand",
    )
    (request,) = net.requests
    assert (request.method, str(request.url)) == ("GET", f"{API}/2/users/me")
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_publish_creates_the_post() -> None:
    net = FakeNetwork().on("POST", "/2/tweets", reply(201, CREATED))
    published = adapter(net).publish(Outgoing("你好，世界 #书", language="zh"), KEY)
    assert published == Published(ref=POST_ID, url=f"https://x.com/i/status/{POST_ID}")
    (request,) = net.requests
    assert (request.method, str(request.url)) == ("POST", f"{API}/2/tweets")
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert body(request) == {"text": "你好，世界 #书"}


def test_images_are_uploaded_and_described_first() -> None:
    net = (
        FakeNetwork()
        .on(
            "POST",
            "/2/media/upload",
            reply(200, {"data": {"id": "1880028106020515840", "media_key": "3_188"}}),
            reply(200, {"data": {"id": "1880028106020515841", "media_key": "3_189"}}),
        )
        .on("POST", "/2/media/metadata", reply(200, {"data": {"id": "1880028106020515840"}}))
        .on("POST", "/2/tweets", reply(201, CREATED))
    )
    images = (Image(PNG, "image/png", "a red door"), Image(PNG, "image/jpeg"))
    adapter(net).publish(Outgoing("two doors", images=images), KEY)
    assert [r.url.path for r in net.requests] == [
        "/2/media/upload",
        "/2/media/metadata",
        "/2/media/upload",
        "/2/tweets",
    ]
    upload, described, second, post = net.requests
    assert upload.headers["Content-Type"].startswith("multipart/form-data")
    assert upload.headers["Authorization"] == f"Bearer {TOKEN}"
    assert b'name="media_category"\r\n\r\ntweet_image' in upload.content
    assert b'name="media_type"\r\n\r\nimage/png' in upload.content
    assert b'name="media"; filename="image"' in upload.content
    assert PNG in upload.content
    assert b'name="media_type"\r\n\r\nimage/jpeg' in second.content
    assert body(described) == {
        "id": "1880028106020515840",
        "metadata": {"alt_text": {"text": "a red door"}},
    }
    assert body(post) == {
        "text": "two doors",
        "media": {"media_ids": ["1880028106020515840", "1880028106020515841"]},
    }


def test_an_image_without_text_is_a_post() -> None:
    net = (
        FakeNetwork()
        .on("POST", "/2/media/upload", reply(200, {"data": {"id": "1880"}}))
        .on("POST", "/2/tweets", reply(201, CREATED))
    )
    adapter(net).publish(Outgoing("", images=(Image(PNG, "image/png"),)), KEY)
    assert body(net.sent("POST", "/2/tweets")[0]) == {"media": {"media_ids": ["1880"]}}


def test_an_upload_that_fails_published_nothing() -> None:
    net = FakeNetwork().on("POST", "/2/media/upload", httpx.ReadTimeout("timed out"))
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("door", images=(Image(PNG, "image/png"),)), KEY)
    assert not net.sent("POST", "/2/tweets")


def test_read_back_and_delete() -> None:
    path = f"/2/tweets/{POST_ID}"
    found = {"data": {"id": POST_ID, "text": "hello", "created_at": "2026-11-02T09:30:01.000Z"}}
    gone = {
        "errors": [
            {
                "value": POST_ID,
                "detail": f"Could not find tweet with id: [{POST_ID}].",
                "title": "Not Found Error",
                "resource_type": "tweet",
                "parameter": "id",
                "resource_id": POST_ID,
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            }
        ]
    }
    net = FakeNetwork().on("GET", path, reply(200, found), reply(200, gone))
    net.on("DELETE", path, reply(200, {"data": {"deleted": True}}), problem(404, "Not Found", "x"))
    x = adapter(net)
    assert x.read_back(POST_ID) == Published(
        POST_ID,
        f"https://x.com/i/status/{POST_ID}",
        dt.datetime(2026, 11, 2, 9, 30, 1, tzinfo=dt.UTC),
    )
    x.delete(POST_ID)
    x.delete(POST_ID)  # already gone: still done
    assert x.read_back(POST_ID) is None
    assert [(r.method, str(r.url)) for r in net.requests] == [
        ("GET", f"{API}{path}?tweet.fields=created_at"),
        ("DELETE", f"{API}{path}"),
        ("DELETE", f"{API}{path}"),
        ("GET", f"{API}{path}?tweet.fields=created_at"),
    ]


def test_a_read_refused_for_another_reason_is_not_read_as_gone() -> None:
    refused = {"errors": [{"title": "Authorization Error", "detail": "Sorry, you are not "
               "authorized to see the Tweet", "type": "https://api.twitter.com/2/problems/"
               "not-authorized-for-resource"}]}  # fmt: skip
    net = FakeNetwork().on("GET", f"/2/tweets/{POST_ID}", reply(200, refused))
    with pytest.raises(PermanentError, match="not authorized to see"):
        adapter(net).read_back(POST_ID)


def test_a_delete_that_did_not_delete_is_checked() -> None:
    path = f"/2/tweets/{POST_ID}"
    not_deleted = reply(200, {"data": {"deleted": False}})
    still_there = reply(200, {"data": {"id": POST_ID, "text": "hello"}})
    net = FakeNetwork().on("DELETE", path, not_deleted).on("GET", path, still_there)
    with pytest.raises(PermanentError, match="deleted: false"):
        adapter(net).delete(POST_ID)
    gone = reply(
        200, {"errors": [{"type": "https://api.twitter.com/2/problems/resource-not-found"}]}
    )
    net = FakeNetwork().on("DELETE", path, not_deleted).on("GET", path, gone)
    adapter(net).delete(POST_ID)


def test_find_by_key_is_not_offered() -> None:
    caps = XAdapter.capabilities
    assert (caps.findable_by_key, caps.idempotency_window) == (False, None)
    with pytest.raises(NotImplementedError):
        adapter(FakeNetwork()).find_by_key(KEY)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (problem(401, "Unauthorized", "Unauthorized"), AuthError),
        (problem(403, "Forbidden", "You are not permitted to perform this action."), AuthError),
        (problem(403, "Client Forbidden", "This request must be made using an approved "
                 "developer account that is enrolled in the requested endpoint.",
                 "https://api.twitter.com/2/problems/client-forbidden"), AuthError),
        (problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate "
                 "content."), RejectedError),
        (reply(400, {"errors": [{"message": "Your media IDs are invalid."}],
                     "title": "Invalid Request", "detail": "One or more parameters to your "
                     "request was invalid.", "type": "https://api.twitter.com/2/problems/"
                     "invalid-request"}), RejectedError),
        (problem(402, "Payment Required", "Your account has no credits left."), PermanentError),
        (problem(429, "Too Many Requests", "Too Many Requests"), RetryableError),
        (reply(503, b"Service Unavailable"), RetryableError),
        (problem(500, "Internal Error", "boom"), UnknownOutcome),
        (reply(502, b"Bad Gateway"), UnknownOutcome),
        (reply(504, b"Gateway Timeout"), UnknownOutcome),
        (httpx.ReadTimeout("timed out"), UnknownOutcome),
        (httpx.RemoteProtocolError("Server disconnected"), UnknownOutcome),
        (httpx.ConnectError("[Errno 111] Connection refused"), RetryableError),
        (httpx.ConnectTimeout("timed out"), RetryableError),
        (reply(201, b"<html>maintenance</html>"), AnswerShapeError),
        (reply(201, {"id": POST_ID}), AnswerShapeError),
        (reply(201, {"data": {"text": "no id"}}), AnswerShapeError),
        (reply(201, [1, 2, 3]), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_a_publish_has_its_class(answer: object, error: type[Exception]) -> None:
    net = FakeNetwork().on("POST", "/2/tweets", answer)  # type: ignore[arg-type]
    with pytest.raises(error) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert type(raised.value) is error
    assert "X (Twitter)" in str(raised.value)


def test_the_words_of_a_refusal_reach_the_message() -> None:
    duplicate = problem(
        403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
    )
    net = FakeNetwork().on("POST", "/2/tweets", duplicate)
    with pytest.raises(RejectedError, match="duplicate content") as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert (raised.value.status, raised.value.code) == (403, "Forbidden")


def _limited(**headers: str) -> httpx.Response:
    return httpx.Response(429, json={"title": "Too Many Requests"}, headers=headers)


@pytest.mark.parametrize(
    ("headers", "low", "high"),
    [
        ({"Retry-After": "30"}, 30, 30),
        ({"x-rate-limit-remaining": "0", "x-rate-limit-reset": "+900"}, 890, 900),
        ({"x-rate-limit-remaining": "5", "x-rate-limit-reset": "+60",
          "x-user-limit-24hour-remaining": "0", "x-user-limit-24hour-reset": "+36000"},
         35990, 36000),
        ({"x-rate-limit-reset": "+60", "x-user-limit-24hour-remaining": "3",
          "x-user-limit-24hour-reset": "+36000"}, 50, 60),
    ],
)  # fmt: skip
def test_rate_limits_say_how_long_to_wait(headers: dict[str, str], low: int, high: int) -> None:
    now = int(time.time())
    headers = {k: str(now + int(v[1:])) if v.startswith("+") else v for k, v in headers.items()}
    net = FakeNetwork().on("POST", "/2/tweets", _limited(**headers))
    with pytest.raises(RetryableError) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.retry_after is not None
    assert low <= raised.value.retry_after <= high


def test_a_rate_limit_without_headers_has_no_wait() -> None:
    net = FakeNetwork().on("POST", "/2/tweets", _limited())
    with pytest.raises(RetryableError) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.retry_after is None


@pytest.mark.parametrize(
    "answer", [problem(500, "Internal Error", "boom"), httpx.ReadTimeout("timed out")]
)
def test_reads_that_fail_are_retryable(answer: object) -> None:
    net = FakeNetwork().on("GET", f"/2/tweets/{POST_ID}", answer)  # type: ignore[arg-type]
    with pytest.raises(RetryableError):
        adapter(net).read_back(POST_ID)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("", 0),
        ("hello world", 11),
        # Chinese, Japanese, Korean: two each.
        ("你好，世界", 10),
        ("こんにちは", 10),
        ("안녕하세요", 10),
        # Thai: each code point one, tone marks and vowels included (10 code points, 7 seen).
        ("สวัสดีครับ", 10),
        # Persian: Arabic letters one each, the zero-width non-joiner too.
        ("سلام دنیا", 9),
        ("می\u200cخواهم", 8),
        ("۱۲۳", 3),
        # Emoji count two, however many code points make them.
        ("👍", 2),
        ("👨\u200d👩\u200d👧", 2),
        ("🇮🇷🇹🇭", 4),
        ("1\ufe0f\u20e3", 2),
        ("©", 1),
        ("©\ufe0f", 2),
        # Curly quotes are in the light range; the ellipsis is not.
        ("“quote”", 7),
        ("…", 2),
        # Counted after NFC: e and a combining acute are one é.
        ("e\u0301", 1),
        # Links are 23 whatever their length; the full stop after one is text.
        ("https://example.com/" + "a" * 100, 23),
        ("see https://example.com/a.", 4 + 23 + 1),
        ("www.example.com/page", 23),
        ("看 https://例子.中国/页面", 2 + 1 + 23),
    ],
)
def test_weighted_length_counts_as_x_does(text: str, length: int) -> None:
    assert weighted_length(text) == length
    assert XAdapter.capabilities.length(text) == length


@pytest.mark.parametrize(
    ("fits", "too_long"),
    [
        ("中" * 140, "中" * 141),
        # Thai: 141 graphemes, 282 code points; a grapheme count would let it through.
        ("ก่" * 140, "ก่" * 141),
        ("س" * 280, "س" * 281),
        ("👍" * 140, "👍" * 141),
        ("a" * 257 + "https://example.com/" + "b" * 300, "a" * 258 + "https://example.com/"),
    ],
)
def test_the_limit_is_280_weighted(fits: str, too_long: str) -> None:
    net = FakeNetwork().on("POST", "/2/tweets", reply(201, CREATED))
    adapter(net).publish(Outgoing(fits), KEY)
    assert len(net.requests) == 1
    with pytest.raises(RejectedError) as raised:
        adapter(net).publish(Outgoing(too_long), KEY)
    assert "takes at most 280" in raised.value.render()
    assert len(net.requests) == 1


@pytest.mark.parametrize(
    "post",
    [
        Outgoing(""),
        Outgoing("five", images=(Image(PNG, "image/png"),) * 5),
        Outgoing("a gif", images=(Image(PNG, "image/gif"),)),
        Outgoing("too big", images=(Image(b"x" * (5 * 1024 * 1024 + 1), "image/png"),)),
    ],
)
def test_posts_over_the_limits_are_refused_before_any_request(post: Outgoing) -> None:
    net = FakeNetwork()
    with pytest.raises(RejectedError):
        adapter(net).publish(post, KEY)
    assert net.requests == []


def test_the_registry_builds_it_from_stored_credentials() -> None:
    net = FakeNetwork().on("POST", "/2/tweets", reply(201, CREATED))
    with connect("x", {"access_token": TOKEN}, transport=net.transport) as x:
        x.publish(Outgoing("hello"), KEY)
    assert net.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"
