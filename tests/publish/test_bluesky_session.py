"""Bluesky's session kept across workers, against a scripted PDS: resumed, refreshed, logged in."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import time

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, MemoryStore, fake_jwt, reply

from socialplan.publish.content import IdempotencyKey, Outgoing
from socialplan.publish.errors import AuthError, RejectedError, RetryableError
from socialplan.publish.networks import connect
from socialplan.publish.networks.bluesky.adapter import BlueskyAdapter
from socialplan.publish.networks.bluesky.credentials import SESSION_SEPARATOR, BlueskyCredentials
from socialplan.publish.networks.bluesky.rkey import record_key

DID = "did:plc:brandbrandbrandbrandbran"
PDS = "https://pds.example"
PASSWORD = "abcd-efgh-ijkl-mnop"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
URI = f"at://{DID}/app.bsky.feed.post/{record_key(KEY)}"
LOGIN = "/xrpc/com.atproto.server.createSession"
REFRESH = "/xrpc/com.atproto.server.refreshSession"
WHOAMI = "/xrpc/com.atproto.server.getSession"
GET = "/xrpc/com.atproto.repo.getRecord"
CREATE = "/xrpc/com.atproto.repo.createRecord"
NOT_FOUND = reply(400, {"error": "RecordNotFound", "message": "Could not locate record"})
CREATED = reply(200, {"uri": URI, "cid": "bafyreib2rxk3rh6kzwq"})
REFUSED = reply(400, {"error": "InvalidToken", "message": "Token could not be verified"})
EXPIRED = reply(400, {"error": "ExpiredToken", "message": "Token has expired"})


def token(name: str, exp: int = 4_102_444_800) -> str:
    """A token shaped like a PDS's whose signature says *name*, so that each can be told apart."""
    signature = base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")
    return fake_jwt(DID, exp).rsplit(".", 1)[0] + "." + signature


def session(name: str, exp: int = 4_102_444_800) -> dict[str, str]:
    """A session answer whose tokens say *name*."""
    access, refresh = token(f"{name}-access", exp), token(f"{name}-refresh")
    return {"did": DID, "handle": "brand.example", "accessJwt": access, "refreshJwt": refresh}


LOGGED_IN, REFRESHED, KEPT = session("login"), session("refreshed"), session("kept")


def kept(answer: dict[str, str]) -> str:
    """A session as atproto exports it (the PDS with its XRPC path), for the store."""
    endpoint = f"{PDS}/xrpc"
    parts = (answer["handle"], answer["did"], answer["accessJwt"], answer["refreshJwt"], endpoint)
    return SESSION_SEPARATOR.join(parts)


def pds() -> FakeNetwork:
    """A PDS where login, refresh and publishing work."""
    net = FakeNetwork().on("POST", LOGIN, reply(200, LOGGED_IN))
    net.on("POST", REFRESH, reply(200, REFRESHED))
    return net.on("GET", GET, NOT_FOUND).on("POST", CREATE, CREATED)


def adapter(net: FakeNetwork, store: MemoryStore, session_string: str = "") -> BlueskyAdapter:
    values = {"service": PDS, "handle": "brand.example", "app_password": PASSWORD}
    if session_string:
        values["session"] = session_string
    bluesky = BlueskyAdapter(BlueskyCredentials.model_validate(values), transport=net.transport)
    bluesky.store = store
    return bluesky


def bearer(request: httpx.Request) -> str:
    return request.headers["Authorization"].removeprefix("Bearer ")


def test_a_login_is_kept_and_the_next_worker_resumes_it_without_logging_in() -> None:
    store = MemoryStore()
    first = pds()
    adapter(first, store).publish(Outgoing("hello"), KEY)
    assert len(first.sent("POST", LOGIN)) == 1
    assert store.kept is not None
    assert store.kept["session"] == kept(LOGGED_IN)
    assert store.kept["app_password"] == PASSWORD

    second = pds()
    with connect("bluesky", store.kept, transport=second.transport) as bluesky:
        bluesky.publish(Outgoing("hello"), KEY)
    assert not second.sent("POST", LOGIN)
    assert [bearer(r) for r in second.requests] == [LOGGED_IN["accessJwt"]] * 2


def test_an_expired_kept_session_is_refreshed_not_logged_in_again() -> None:
    store = MemoryStore()
    old = session("old", exp=int(time.time()) - 60)
    net = pds()
    adapter(net, store, kept(old)).publish(Outgoing("hello"), KEY)
    assert [r.url.path for r in net.requests] == [REFRESH, GET, CREATE]
    assert bearer(net.requests[0]) == old["refreshJwt"]
    assert bearer(net.requests[2]) == REFRESHED["accessJwt"]
    assert store.kept is not None
    assert store.kept["session"] == kept(REFRESHED)


def test_a_kept_session_the_pds_refuses_is_refreshed_and_the_request_sent_again() -> None:
    store = MemoryStore()
    net = pds().on("GET", GET, REFUSED, NOT_FOUND)
    adapter(net, store, kept(KEPT)).publish(Outgoing("hello"), KEY)
    assert [r.url.path for r in net.requests] == [GET, REFRESH, GET, CREATE]
    assert [bearer(r) for r in net.sent("GET", GET)] == [
        KEPT["accessJwt"],
        REFRESHED["accessJwt"],
    ]
    assert store.kept is not None
    assert store.kept["session"] == kept(REFRESHED)


def test_when_refreshing_fails_too_the_app_password_logs_in() -> None:
    store = MemoryStore()
    net = pds().on("GET", GET, REFUSED, NOT_FOUND).on("POST", REFRESH, EXPIRED)
    adapter(net, store, kept(KEPT)).publish(Outgoing("hello"), KEY)
    assert [r.url.path for r in net.requests] == [GET, REFRESH, LOGIN, GET, CREATE]
    assert bearer(net.requests[-1]) == LOGGED_IN["accessJwt"]
    assert store.kept is not None
    assert store.kept["session"] == kept(LOGGED_IN)


def test_a_refused_fresh_login_is_not_tried_again() -> None:
    net = pds().on("POST", CREATE, REFUSED)
    with pytest.raises(AuthError):
        adapter(net, MemoryStore()).publish(Outgoing("hello"), KEY)
    assert len(net.sent("POST", LOGIN)) == 1
    assert len(net.sent("POST", CREATE)) == 1


def test_a_session_refused_again_after_renewing_is_an_auth_error() -> None:
    net = pds().on("GET", GET, REFUSED)
    with pytest.raises(AuthError):
        adapter(net, MemoryStore(), kept(KEPT)).publish(Outgoing("hello"), KEY)
    assert [r.url.path for r in net.requests] == [GET, REFRESH, GET]
    assert not net.sent("POST", CREATE)


def test_a_login_that_times_out_published_nothing() -> None:
    net = pds().on("POST", LOGIN, httpx.ReadTimeout("timed out"))
    with pytest.raises(RetryableError):
        adapter(net, MemoryStore()).publish(Outgoing("hello"), KEY)
    assert not net.sent("POST", CREATE)


@pytest.mark.parametrize("damaged", ["nonsense", "a:::b:::c", f"brand:::{DID}:::::::::x:::y"])
def test_a_damaged_kept_session_logs_in(damaged: str) -> None:
    net = pds()
    adapter(net, MemoryStore(), damaged).publish(Outgoing("hello"), KEY)
    assert len(net.sent("POST", LOGIN)) == 1


def test_validating_a_kept_session_asks_the_pds_without_logging_in() -> None:
    net = pds().on("GET", WHOAMI, reply(200, {"did": DID, "handle": "brand.example"}))
    info = adapter(net, MemoryStore(), kept(KEPT)).validate()
    assert (info.id, info.handle) == (DID, "brand.example")
    assert [r.url.path for r in net.requests] == [WHOAMI]


def test_validating_without_a_session_logs_in_once() -> None:
    store = MemoryStore()
    net = pds()
    info = adapter(net, store).validate()
    assert (info.id, info.handle) == (DID, "brand.example")
    assert [r.url.path for r in net.requests] == [LOGIN]
    assert store.kept is not None
    assert store.kept["session"] == kept(LOGGED_IN)


def test_the_session_is_kept_out_of_the_form_and_every_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    store = MemoryStore()
    net = pds().on("POST", CREATE, reply(400, {"error": "InvalidRequest", "message": (
        f"bad {LOGGED_IN['accessJwt']} and {LOGGED_IN['refreshJwt']}")}))  # fmt: skip
    bluesky = adapter(net, store)
    with pytest.raises(RejectedError) as raised:
        bluesky.publish(Outgoing("hello"), KEY)
    tokens = (LOGGED_IN["accessJwt"], LOGGED_IN["refreshJwt"], PASSWORD)
    for token in tokens:
        assert token not in str(raised.value)
        assert token not in caplog.text
        assert token not in repr(bluesky)
    assert BlueskyCredentials.typed_fields().keys() == {"service", "handle", "app_password"}
    assert set(tokens) <= set(bluesky.credentials.secret_values())
