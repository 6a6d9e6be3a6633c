"""The Bluesky adapter against a scripted PDS: record keys, facets and each error class."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, body, fake_jwt, reply

from socialplan.publish.content import IdempotencyKey, Outgoing
from socialplan.publish.errors import (
    AnswerShapeError,
    AuthError,
    PermanentError,
    RejectedError,
    RetryableError,
    UnknownOutcome,
)
from socialplan.publish.networks.bluesky.adapter import BlueskyAdapter
from socialplan.publish.networks.bluesky.credentials import BlueskyCredentials
from socialplan.publish.networks.bluesky.record import facets
from socialplan.publish.networks.bluesky.rkey import record_key, tid

DID = "did:plc:brandbrandbrandbrandbran"
PDS = "https://pds.example"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
RKEY = record_key(KEY)
URI = f"at://{DID}/app.bsky.feed.post/{RKEY}"
SESSION = {
    "did": DID,
    "handle": "brand.example",
    "accessJwt": fake_jwt(DID),
    "refreshJwt": fake_jwt(DID) + "-refresh",
}
CREATE = "/xrpc/com.atproto.repo.createRecord"
GET = "/xrpc/com.atproto.repo.getRecord"
NOT_FOUND = reply(400, {"error": "RecordNotFound", "message": "Could not locate record"})
CREATED = reply(200, {"uri": URI, "cid": "bafyreib2rxk3rh6kzwq"})


def stored(text: str) -> httpx.Response:
    """A getRecord answer for our post with *text*."""
    value = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-02T09:30:01.000Z"}
    return reply(200, {"uri": URI, "cid": "bafyreib2rxk3rh6kzwq", "value": value})


def pds(*routes: tuple[str, str, object]) -> FakeNetwork:
    """A PDS that lets us log in and answers *routes*."""
    net = FakeNetwork().on("POST", "/xrpc/com.atproto.server.createSession", reply(200, SESSION))
    for method, path, answer in routes:
        net.on(method, path, *(answer if isinstance(answer, list) else [answer]))  # type: ignore[arg-type]
    return net


def adapter(net: FakeNetwork) -> BlueskyAdapter:
    """An adapter for one account on the scripted PDS."""
    creds = BlueskyCredentials(service=PDS, handle="brand.example", app_password="app-pw")  # type: ignore[arg-type]
    return BlueskyAdapter(creds, transport=net.transport)


def test_tid_encoding_matches_the_spec() -> None:
    assert tid(1724171495793000, 512) == "3l25zusnsfck2"  # the example of atproto's TID docs


def test_record_keys_follow_the_idempotency_key() -> None:
    same_second = IdempotencyKey("another-post", KEY.issued_at)
    later = IdempotencyKey(KEY.value, KEY.issued_at + dt.timedelta(seconds=1))
    assert record_key(KEY) == record_key(IdempotencyKey(KEY.value, KEY.issued_at))
    assert len({record_key(KEY), record_key(same_second), record_key(later)}) == 3
    assert record_key(KEY) < record_key(later)  # keys issued later sort later
    keys = {record_key(IdempotencyKey(f"k{i}", KEY.issued_at)) for i in range(5000)}
    assert len(keys) == 5000


def test_publish_creates_the_record_under_the_derived_key() -> None:
    net = pds(("GET", GET, NOT_FOUND), ("POST", CREATE, CREATED))
    published = adapter(net).publish(Outgoing("hello", language="en"), KEY)
    assert published.ref == URI
    assert published.url == f"https://bsky.app/profile/{DID}/post/{RKEY}"
    (create,) = net.sent("POST", CREATE)
    sent = body(create)
    assert (sent["repo"], sent["collection"], sent["rkey"]) == (DID, "app.bsky.feed.post", RKEY)
    assert sent["record"]["text"] == "hello"
    assert sent["record"]["langs"] == ["en"]
    assert create.headers["Authorization"] == f"Bearer {SESSION['accessJwt']}"


def test_a_post_already_under_the_key_is_returned_not_made_again() -> None:
    net = pds(("GET", GET, stored("hello")))
    assert adapter(net).publish(Outgoing("hello"), KEY).ref == URI
    assert not net.sent("POST", CREATE)


def test_a_conflict_after_a_lost_answer_finds_the_first_post() -> None:
    # The PDS answers 500 to a record key in use: the first attempt had got through after all.
    net = pds(("GET", GET, [NOT_FOUND, stored("hello")]), ("POST", CREATE, reply(500, {})))
    assert adapter(net).publish(Outgoing("hello"), KEY).ref == URI


def test_a_timeout_with_nothing_there_stays_unknown() -> None:
    net = pds(("GET", GET, NOT_FOUND), ("POST", CREATE, httpx.ReadTimeout("timed out")))
    with pytest.raises(UnknownOutcome):
        adapter(net).publish(Outgoing("hello"), KEY)


def test_another_post_under_the_same_key_is_refused() -> None:
    net = pds(("GET", GET, stored("a different post")))
    with pytest.raises(PermanentError, match="already uses this post's key"):
        adapter(net).publish(Outgoing("hello"), KEY)


def test_find_by_key_and_read_back() -> None:
    net = pds(("GET", GET, [stored("hello"), stored("hello"), NOT_FOUND]))
    bluesky = adapter(net)
    found = bluesky.find_by_key(KEY)
    assert found is not None
    assert found.ref == URI
    assert found.published_at == dt.datetime(2026, 11, 2, 9, 30, 1, tzinfo=dt.UTC)
    assert bluesky.read_back(URI) == found
    assert bluesky.read_back(URI) is None
    assert [r.url.params["rkey"] for r in net.sent("GET", GET)] == [RKEY] * 3


def test_read_back_refuses_what_is_not_a_post_address() -> None:
    with pytest.raises(PermanentError, match="not a post address"):
        adapter(pds()).read_back("https://bsky.app/profile/x/post/y")


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (reply(400, {"error": "ExpiredToken", "message": "Token has expired"}), AuthError),
        (reply(401, {"error": "AuthenticationRequired", "message": "Invalid password"}), AuthError),
        (reply(400, {"error": "InvalidRequest", "message": "Invalid record"}), RejectedError),
        (reply(429, {"error": "RateLimitExceeded"}, **{"ratelimit-reset": "60"}), RetryableError),
        (reply(502, b"Bad Gateway"), UnknownOutcome),
        (reply(200, b"not json", **{"content-type": "application/json"}), AnswerShapeError),
        (reply(200, {"unexpected": "shape"}), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_a_create_has_its_class(answer: object, error: type[Exception]) -> None:
    net = pds(("GET", GET, NOT_FOUND), ("POST", CREATE, answer))
    with pytest.raises(error) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert type(raised.value) is error
    assert "Bluesky" in str(raised.value)


def test_a_wrong_password_is_an_auth_error() -> None:
    refusal = reply(
        401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
    )
    net = FakeNetwork().on("POST", "/xrpc/com.atproto.server.createSession", refusal)
    with pytest.raises(AuthError, match="Invalid identifier or password"):
        adapter(net).validate()


def test_too_long_is_refused_before_any_request() -> None:
    net = FakeNetwork()
    with pytest.raises(RejectedError, match="301 characters"):
        adapter(net).publish(Outgoing("ก" * 301), KEY)
    # Thai vowels above and below a consonant make no grapheme of their own.
    assert BlueskyAdapter.capabilities.length("กี้" * 300) == 300
    with pytest.raises(RejectedError, match="bytes"):
        adapter(net).publish(Outgoing("👨‍👩‍👧‍👦" * 200), KEY)
    assert net.requests == []


def _sliced(text: str, facet: object) -> str:
    index = facet.index  # type: ignore[attr-defined]
    return text.encode("utf-8")[index.byte_start : index.byte_end].decode("utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "Read this: https://example.com/a?b=c #news @friend.test",
        "سلام دنیا! مطلب تازه: https://example.com/fa #کتاب @friend.test",
        "สวัสดีครับ อ่านต่อที่ https://example.com/th #ข่าวดี @friend.test",
    ],
)
def test_facets_point_at_utf8_bytes(text: str) -> None:
    found = facets(text, lambda handle: "did:plc:friend" if handle == "friend.test" else None)
    pieces = [_sliced(text, facet) for facet in found]
    assert pieces == [piece for piece in text.split() if piece[0] in "h#@"]
    kinds = [type(facet.features[0]).__name__ for facet in found]
    assert kinds == ["Link", "Tag", "Mention"]
    assert found[2].features[0].did == "did:plc:friend"


def test_mentions_of_nobody_stay_plain_text() -> None:
    assert facets("hi @nobody.test", lambda _handle: None) == []
