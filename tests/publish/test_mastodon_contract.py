"""The Mastodon adapter against a scripted server: the requests it sends, and each error class."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

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
from socialplan.publish.networks.mastodon import adapter as mastodon_adapter
from socialplan.publish.networks.mastodon.adapter import MastodonAdapter
from socialplan.publish.networks.mastodon.credentials import MastodonCredentials

TOKEN = "tok-3f9a1c7e5b2d4806"
SERVER = "https://social.example"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
STATUS = {
    "id": "113456789012345678",
    "url": "https://social.example/@brand/113456789012345678",
    "created_at": "2026-11-02T09:30:01.123Z",
    "content": "<p>hello</p>",
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def adapter(net: FakeNetwork) -> MastodonAdapter:
    """An adapter for one account on the scripted server."""
    creds = MastodonCredentials(instance=SERVER + "/", access_token=TOKEN)  # type: ignore[arg-type]
    return MastodonAdapter(creds, transport=net.transport)


def test_validate_asks_whose_token_it_is() -> None:
    account = {"id": "42", "acct": "brand", "display_name": "Brand", "url": SERVER + "/@brand"}
    net = FakeNetwork().on("GET", "/api/v1/accounts/verify_credentials", reply(200, account))
    info = adapter(net).validate()
    assert (info.id, info.handle, info.display_name) == ("42", "brand", "Brand")
    (request,) = net.sent("GET", "/api/v1/accounts/verify_credentials")
    assert str(request.url) == SERVER + "/api/v1/accounts/verify_credentials"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_publish_sends_the_status_under_the_key() -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    published = adapter(net).publish(Outgoing("سلام دنیا #کتاب", language="fa"), KEY)
    assert published == Published(
        ref=STATUS["id"],
        url=STATUS["url"],
        published_at=dt.datetime(2026, 11, 2, 9, 30, 1, 123000, tzinfo=dt.UTC),
    )
    (request,) = net.requests
    assert (request.method, str(request.url)) == ("POST", SERVER + "/api/v1/statuses")
    assert request.headers["Idempotency-Key"] == KEY.value
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert body(request) == {"status": "سلام دنیا #کتاب", "language": "fa"}


def test_a_second_attempt_sends_the_same_key() -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    for _ in range(2):
        adapter(net).publish(Outgoing("hello"), KEY)
    assert {r.headers["Idempotency-Key"] for r in net.requests} == {KEY.value}


def test_images_are_uploaded_with_their_description_first() -> None:
    net = (
        FakeNetwork()
        .on("POST", "/api/v2/media", reply(200, {"id": "m1"}), reply(200, {"id": "m2"}))
        .on("POST", "/api/v1/statuses", reply(200, STATUS))
    )
    images = (Image(PNG, "image/png", "a red door"), Image(PNG, "image/png", "درِ سرخ"))
    adapter(net).publish(Outgoing("two doors", images=images), KEY)
    first, second, status = net.requests
    assert [r.url.path for r in net.requests] == ["/api/v2/media"] * 2 + ["/api/v1/statuses"]
    assert first.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="description"\r\n\r\na red door' in first.content
    assert 'name="description"\r\n\r\nدرِ سرخ'.encode() in second.content
    assert b'name="file"; filename="image"' in first.content
    assert PNG in first.content
    assert "Idempotency-Key" not in first.headers
    assert body(status) == {"status": "two doors", "media_ids": ["m1", "m2"]}


def test_media_still_processing_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mastodon_adapter.time, "sleep", lambda _seconds: None)
    net = (
        FakeNetwork()
        .on("POST", "/api/v2/media", reply(202, {"id": "m1", "url": None}))
        .on("GET", "/api/v1/media/m1", reply(206, {"id": "m1"}), reply(200, {"id": "m1"}))
        .on("POST", "/api/v1/statuses", reply(200, STATUS))
    )
    adapter(net).publish(Outgoing("door", images=(Image(PNG, "image/png"),)), KEY)
    assert len(net.sent("GET", "/api/v1/media/m1")) == 2
    assert body(net.sent("POST", "/api/v1/statuses")[0])["media_ids"] == ["m1"]


def test_read_back_and_delete() -> None:
    path = f"/api/v1/statuses/{STATUS['id']}"
    net = FakeNetwork().on("GET", path, reply(200, STATUS), reply(404, {"error": "Not found"}))
    net.on("DELETE", path, reply(200, STATUS), reply(404, {"error": "Record not found"}))
    mastodon = adapter(net)
    assert mastodon.read_back(STATUS["id"]) == Published(
        STATUS["id"], STATUS["url"], dt.datetime(2026, 11, 2, 9, 30, 1, 123000, tzinfo=dt.UTC)
    )
    mastodon.delete(STATUS["id"])
    mastodon.delete(STATUS["id"])  # already gone: still done
    assert mastodon.read_back(STATUS["id"]) is None
    assert [r.method for r in net.requests] == ["GET", "DELETE", "DELETE", "GET"]


def test_find_by_key_is_not_offered() -> None:
    assert MastodonAdapter.capabilities.findable_by_key is False
    with pytest.raises(NotImplementedError):
        adapter(FakeNetwork()).find_by_key(KEY)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (reply(401, {"error": "The access token was revoked"}), AuthError),
        (reply(403, {"error": "This action is outside the authorized scopes"}), AuthError),
        (reply(422, {"error": "Validation failed: Text character limit"}), RejectedError),
        (reply(413, b"<html>Request Entity Too Large</html>"), RejectedError),
        (reply(404, {"error": "Record not found"}), NotFoundError),
        (reply(410, {"error": "Gone"}), PermanentError),
        (reply(429, {"error": "Too many requests"}, **{"Retry-After": "30"}), RetryableError),
        (reply(503, b"Service Unavailable"), RetryableError),
        (reply(500, {"error": "boom"}), UnknownOutcome),
        (reply(502, b"Bad Gateway"), UnknownOutcome),
        (reply(504, b"Gateway Timeout"), UnknownOutcome),
        (httpx.ReadTimeout("timed out"), UnknownOutcome),
        (httpx.WriteTimeout("timed out"), UnknownOutcome),
        (httpx.RemoteProtocolError("Server disconnected"), UnknownOutcome),
        (httpx.ConnectError("[Errno 111] Connection refused"), RetryableError),
        (httpx.ConnectTimeout("timed out"), RetryableError),
        (reply(200, b"<html>maintenance</html>"), AnswerShapeError),
        (reply(200, {"uri": "no id here"}), AnswerShapeError),
        (reply(200, [1, 2, 3]), AnswerShapeError),
        (reply(200, {**STATUS, "created_at": "yesterday"}), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_a_publish_has_its_class(answer: object, error: type[Exception]) -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", answer)  # type: ignore[arg-type]
    with pytest.raises(error) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert type(raised.value) is error
    assert "Mastodon" in str(raised.value)


def test_the_words_of_a_refusal_reach_the_message() -> None:
    refusal = reply(422, {"error": "Validation failed: Text character limit of 500 exceeded"})
    net = FakeNetwork().on("POST", "/api/v1/statuses", refusal)
    with pytest.raises(RejectedError, match="character limit of 500 exceeded") as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.status == 422


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "30"}, 30.0),
        ({"Retry-After": "in a while"}, None),
        ({}, None),
    ],
)
def test_rate_limits_say_how_long_to_wait(headers: dict[str, str], seconds: float | None) -> None:
    net = FakeNetwork().on(
        "POST", "/api/v1/statuses", reply(429, {"error": "Throttled"}, **headers)
    )
    with pytest.raises(RetryableError) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.retry_after == seconds


def test_rate_limit_dates_become_seconds() -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    by_date = reply(429, {}, **{"Retry-After": format_datetime(later, usegmt=True)})
    by_reset = reply(429, {}, **{"X-RateLimit-Reset": later.isoformat()})
    for answer in (by_date, by_reset):
        net = FakeNetwork().on("POST", "/api/v1/statuses", answer)
        with pytest.raises(RetryableError) as raised:
            adapter(net).publish(Outgoing("hello"), KEY)
        assert raised.value.retry_after is not None
        assert 280 <= raised.value.retry_after <= 300


@pytest.mark.parametrize(
    "answer", [reply(500, {"error": "boom"}), reply(504, b""), httpx.ReadTimeout("timed out")]
)
def test_reads_that_fail_are_retryable(answer: object) -> None:
    # A read changes nothing on the network, so failing half-way leaves nothing to reconcile.
    net = FakeNetwork().on("GET", "/api/v1/statuses/1", answer)  # type: ignore[arg-type]
    with pytest.raises(RetryableError):
        adapter(net).read_back("1")


def test_an_upload_that_gets_no_answer_published_nothing() -> None:
    net = FakeNetwork().on("POST", "/api/v2/media", httpx.ReadTimeout("timed out"))
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("door", images=(Image(PNG, "image/png"),)), KEY)
    assert not net.sent("POST", "/api/v1/statuses")


@pytest.mark.parametrize(
    "post",
    [
        Outgoing("ก" * 501),
        Outgoing(""),
        Outgoing("five images", images=(Image(PNG, "image/png"),) * 5),
        Outgoing("a tiff", images=(Image(PNG, "image/tiff"),)),
        Outgoing("too big", images=(Image(b"x" * (16 * 1024 * 1024 + 1), "image/png"),)),
    ],
)
def test_posts_over_the_limits_are_refused_before_any_request(post: Outgoing) -> None:
    net = FakeNetwork()
    with pytest.raises(RejectedError):
        adapter(net).publish(post, KEY)
    assert net.requests == []


def test_length_counts_graphemes_and_links_as_23() -> None:
    caps = MastodonAdapter.capabilities
    thai = "สวัสดีครับ"  # ten code points, seven graphemes
    assert caps.length(thai) == 7
    assert caps.length("see https://example.com/" + "a" * 200) == 4 + 23
    long_link = "x" * 470 + " https://example.com/" + "a" * 300
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    adapter(net).publish(Outgoing(long_link), KEY)
    assert len(net.requests) == 1


def test_the_registry_builds_it_from_stored_credentials() -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    stored = {"instance": SERVER, "access_token": TOKEN}
    with connect("mastodon", stored, transport=net.transport) as mastodon:
        mastodon.publish(Outgoing("hello"), KEY)
    assert net.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("address", ["http://social.example", "ftp://x", "social.example", ""])
def test_the_token_only_travels_over_https(address: str) -> None:
    with pytest.raises(ValueError, match="https"):
        MastodonCredentials(instance=address, access_token=TOKEN)  # type: ignore[arg-type]
