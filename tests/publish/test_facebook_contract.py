"""The Facebook adapter against a scripted Graph API: its requests, and each error class."""

from __future__ import annotations

import datetime as dt
import json

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
from socialplan.publish.networks.facebook.adapter import FacebookAdapter
from socialplan.publish.networks.facebook.credentials import FacebookCredentials
from socialplan.publish.networks.facebook.graph import GRAPH_VERSION

TOKEN = "EAAGm0PX4ZCpsBA-page-token-1a2b3c"
PAGE = "104567891234567"
GRAPH = f"https://graph.facebook.com/{GRAPH_VERSION}"
V = f"/{GRAPH_VERSION}"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
POST = f"{PAGE}_987654321098765"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def graph_error(
    code: int, message: str, subcode: int | None = None, status: int = 400, **headers: str
) -> httpx.Response:
    """A Graph API error object."""
    error: dict[str, object] = {"message": message, "type": "OAuthException", "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    error["fbtrace_id"] = "AbCdEf"
    return reply(status, {"error": error}, **headers)


def adapter(net: FakeNetwork) -> FacebookAdapter:
    """An adapter for the Page on the scripted Graph API."""
    creds = FacebookCredentials(page_id=PAGE, page_access_token=TOKEN)  # type: ignore[arg-type]
    return FacebookAdapter(creds, transport=net.transport)


def test_the_graph_version_is_pinned() -> None:
    assert GRAPH_VERSION.startswith("v")
    assert float(GRAPH_VERSION[1:]) >= 26


def test_validate_checks_the_token_opens_the_page() -> None:
    net = FakeNetwork().on("GET", f"{V}/me", reply(200, {"id": PAGE, "name": "Brand"}))
    info = adapter(net).validate()
    assert (info.id, info.handle, info.url) == (PAGE, "Brand", f"https://www.facebook.com/{PAGE}")
    (request,) = net.requests
    assert (request.method, str(request.url)) == ("GET", f"{GRAPH}/me?fields=id%2Cname")
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_validate_refuses_a_token_of_another_page_or_person() -> None:
    net = FakeNetwork().on("GET", f"{V}/me", reply(200, {"id": "555", "name": "Somebody"}))
    with pytest.raises(AuthError) as raised:
        adapter(net).validate()
    assert raised.value.render() == (
        f"the token opens Somebody (555) on Facebook, not the Page {PAGE}; connect the Page again"
    )


def test_publish_posts_the_text_with_its_link() -> None:
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/feed", reply(200, {"id": POST}))
    text = "Our report: https://example.org/report?a=1 #news"
    published = adapter(net).publish(Outgoing(text), KEY)
    assert published == Published(ref=POST, url=f"https://www.facebook.com/{POST}")
    (request,) = net.requests
    assert (request.method, str(request.url)) == ("POST", f"{GRAPH}/{PAGE}/feed")
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert body(request) == {"message": text, "link": "https://example.org/report?a=1"}


def test_text_without_a_link_is_only_a_message() -> None:
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/feed", reply(200, {"id": POST}))
    adapter(net).publish(Outgoing("سلام دنیا"), KEY)
    assert body(net.requests[0]) == {"message": "سلام دنیا"}


def test_photos_are_uploaded_unpublished_then_attached() -> None:
    net = (
        FakeNetwork()
        .on("POST", f"{V}/{PAGE}/photos", reply(200, {"id": "111"}), reply(200, {"id": "222"}))
        .on("POST", f"{V}/{PAGE}/feed", reply(200, {"id": POST}))
    )
    images = (Image(PNG, "image/png", "a red door"), Image(PNG, "image/jpeg"))
    adapter(net).publish(Outgoing("two doors https://example.org", images=images), KEY)
    first, second, feed = net.requests
    assert str(first.url) == f"{GRAPH}/{PAGE}/photos"
    assert first.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="published"\r\n\r\nfalse' in first.content
    assert b'name="alt_text_custom"\r\n\r\na red door' in first.content
    assert b'name="source"; filename="image"' in first.content
    assert PNG in first.content
    assert b"alt_text_custom" not in second.content
    assert body(feed) == {
        "message": "two doors https://example.org",
        "attached_media": [{"media_fbid": "111"}, {"media_fbid": "222"}],
    }


def test_a_photo_upload_that_fails_published_nothing() -> None:
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/photos", httpx.ReadTimeout("timed out"))
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("door", images=(Image(PNG, "image/png"),)), KEY)
    assert not net.sent("POST", f"{V}/{PAGE}/feed")


def test_read_back_and_delete() -> None:
    path = f"{V}/{POST}"
    found = {"id": POST, "message": "hello", "created_time": "2026-11-02T09:30:01+0000",
             "permalink_url": f"https://www.facebook.com/{PAGE}/posts/987654321098765"}  # fmt: skip
    missing = graph_error(100, "Unsupported get request. Object with ID does not exist", 33)
    net = FakeNetwork().on("GET", path, reply(200, found), missing)
    net.on("DELETE", path, reply(200, {"success": True}), missing)
    facebook = adapter(net)
    assert facebook.read_back(POST) == Published(
        POST,
        f"https://www.facebook.com/{PAGE}/posts/987654321098765",
        dt.datetime(2026, 11, 2, 9, 30, 1, tzinfo=dt.UTC),
    )
    facebook.delete(POST)
    facebook.delete(POST)  # already gone: still done
    assert facebook.read_back(POST) is None
    fields = "fields=id%2Cmessage%2Ccreated_time%2Cpermalink_url"
    assert [(r.method, str(r.url)) for r in net.requests] == [
        ("GET", f"{GRAPH}/{POST}?{fields}"),
        ("DELETE", f"{GRAPH}/{POST}"),
        ("DELETE", f"{GRAPH}/{POST}"),
        ("GET", f"{GRAPH}/{POST}?{fields}"),
    ]


def test_find_by_key_is_not_offered() -> None:
    caps = FacebookAdapter.capabilities
    assert (caps.findable_by_key, caps.idempotency_window) == (False, None)
    with pytest.raises(NotImplementedError):
        adapter(FakeNetwork()).find_by_key(KEY)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (graph_error(190, "Error validating access token: Session has expired", 463), AuthError),
        (graph_error(190, "The access token could not be decrypted", status=401), AuthError),
        (graph_error(200, "(#200) The user hasn't authorized the application"), AuthError),
        (graph_error(10, "(#10) Application does not have permission for this action",
                     status=403), AuthError),
        (graph_error(100, "(#100) Invalid parameter"), RejectedError),
        (graph_error(506, "Duplicate status message"), RejectedError),
        (graph_error(368, "The action attempted has been deemed abusive"), RejectedError),
        (graph_error(100, "Object does not exist", 33), NotFoundError),
        (graph_error(2635, "You are calling a deprecated version of the Ads API",
                     status=410), PermanentError),
        (graph_error(4, "(#4) Application request limit reached", status=403), RetryableError),
        (graph_error(32, "(#32) Page request limit reached"), RetryableError),
        (graph_error(80001, "There have been too many calls to this Page account"),
         RetryableError),
        (reply(429, {"error": {"message": "Too many"}}), RetryableError),
        (reply(503, b"Service Unavailable"), RetryableError),
        (graph_error(2, "An unexpected error has occurred. Please retry your request later.",
                     status=500), UnknownOutcome),
        (reply(502, b"Bad Gateway"), UnknownOutcome),
        (httpx.ReadTimeout("timed out"), UnknownOutcome),
        (httpx.RemoteProtocolError("Server disconnected"), UnknownOutcome),
        (httpx.ConnectError("[Errno 111] Connection refused"), RetryableError),
        (httpx.ConnectTimeout("timed out"), RetryableError),
        (reply(200, b"<html>maintenance</html>"), AnswerShapeError),
        (reply(200, {"success": True}), AnswerShapeError),
        (reply(200, [POST]), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_a_publish_has_its_class(answer: object, error: type[Exception]) -> None:
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/feed", answer)  # type: ignore[arg-type]
    with pytest.raises(error) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert type(raised.value) is error
    assert "Facebook" in str(raised.value)


def test_an_expired_token_says_so() -> None:
    expired = graph_error(190, "Error validating access token: Session has expired", 463)
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/feed", expired)
    with pytest.raises(AuthError, match="Session has expired") as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert (raised.value.status, raised.value.code) == (400, "190/463")


def test_the_words_meant_for_people_are_preferred() -> None:
    error = {"message": "(#100) Invalid parameter", "code": 100,
             "error_user_msg": "The link could not be shared."}  # fmt: skip
    refusal = reply(400, {"error": error})
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/feed", refusal)
    with pytest.raises(RejectedError, match="The link could not be shared"):
        adapter(net).publish(Outgoing("hello"), KEY)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "120"}, 120.0),
        ({"X-Business-Use-Case-Usage": json.dumps({PAGE: [
            {"type": "pages", "call_count": 100, "total_cputime": 20, "total_time": 20,
             "estimated_time_to_regain_access": 7}]})}, 420.0),
        ({"X-Business-Use-Case-Usage": "not json"}, None),
        ({}, None),
    ],
)  # fmt: skip
def test_rate_limits_say_how_long_to_wait(headers: dict[str, str], seconds: float | None) -> None:
    limited = graph_error(32, "(#32) Page request limit reached", **headers)
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/feed", limited)
    with pytest.raises(RetryableError) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.retry_after == seconds


@pytest.mark.parametrize(
    "answer", [graph_error(2, "Service temporarily unavailable", status=500),
               httpx.ReadTimeout("timed out")]
)  # fmt: skip
def test_reads_that_fail_are_retryable(answer: object) -> None:
    net = FakeNetwork().on("GET", f"{V}/{POST}", answer)  # type: ignore[arg-type]
    with pytest.raises(RetryableError):
        adapter(net).read_back(POST)


@pytest.mark.parametrize(
    "post",
    [
        Outgoing("a" * 63207),
        Outgoing(""),
        Outgoing("many", images=(Image(PNG, "image/png"),) * 11),
        Outgoing("a tiff", images=(Image(PNG, "image/tiff"),)),
        Outgoing("too big", images=(Image(b"x" * (4 * 1024 * 1024 + 1), "image/png"),)),
    ],
)
def test_posts_over_the_limits_are_refused_before_any_request(post: Outgoing) -> None:
    net = FakeNetwork()
    with pytest.raises(RejectedError):
        adapter(net).publish(post, KEY)
    assert net.requests == []


def test_the_registry_builds_it_from_stored_credentials() -> None:
    net = FakeNetwork().on("POST", f"{V}/{PAGE}/feed", reply(200, {"id": POST}))
    stored = {"page_id": PAGE, "page_access_token": TOKEN}
    with connect("facebook", stored, transport=net.transport) as facebook:
        facebook.publish(Outgoing("hello"), KEY)
    assert net.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("page", ["", "brand", "../me", "١٢٣"])
def test_the_page_is_a_number(page: str) -> None:
    with pytest.raises(ValueError, match="Page id"):
        FacebookCredentials(page_id=page, page_access_token=TOKEN)  # type: ignore[arg-type]
