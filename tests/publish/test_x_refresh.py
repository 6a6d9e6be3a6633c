"""Renewing X's two-hour user token: once expired or after a 401, kept at once, never leaked."""

from __future__ import annotations

import base64
import datetime as dt
import logging
from urllib.parse import parse_qs

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, MemoryStore, body, reply

from socialplan.publish.content import IdempotencyKey, Outgoing
from socialplan.publish.errors import AuthError, RetryableError
from socialplan.publish.networks import connect
from socialplan.publish.networks.x.adapter import XAdapter
from socialplan.publish.networks.x.credentials import XCredentials

OLD_ACCESS = "x-access-OLD-dGhpcyBpcyBvbGQ"
OLD_REFRESH = "x-refresh-OLD-cm90YXRlIG1lIHBsZWFzZQ"
NEW_ACCESS = "x-access-NEW-c2hpbnkgYW5kIG5ldw"
NEW_REFRESH = "x-refresh-NEW-YW5kIG5vdyB0aGUgb25seSBvbmU"
CLIENT_ID = "rG9n6402A3dbUJKzXTNX4oWHJ"
CLIENT_SECRET = "x-client-secret-Q0xJRU5UIFNFQ1JFVA"
SECRETS = (OLD_ACCESS, OLD_REFRESH, NEW_ACCESS, NEW_REFRESH, CLIENT_SECRET)
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
TOKEN = "/2/oauth2/token"
TWEETS = "/2/tweets"
CREATED = reply(201, {"data": {"id": "1853412345678901234", "text": "hello"}})
UNAUTHORIZED = httpx.Response(
    401,
    json={"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"},
)
RENEWED = reply(
    200,
    {
        "token_type": "bearer",
        "expires_in": 7200,
        "access_token": NEW_ACCESS,
        "scope": "tweet.read tweet.write users.read media.write offline.access",
        "refresh_token": NEW_REFRESH,
    },
)
#: What X answers to a refresh token it no longer knows (it was rotated, or revoked).
SPENT = reply(
    400,
    {"error": "invalid_request", "error_description": "Value passed for the token was invalid."},
)


def credentials(**changes: object) -> XCredentials:
    values: dict[str, object] = {
        "access_token": OLD_ACCESS,
        "refresh_token": OLD_REFRESH,
        "client_id": CLIENT_ID,
    }
    return XCredentials.model_validate(values | changes)


def adapter(net: FakeNetwork, store: MemoryStore | None = None, **changes: object) -> XAdapter:
    x = XAdapter(credentials(**changes), transport=net.transport)
    x.store = store
    return x


def bearer(request: httpx.Request) -> str:
    return request.headers["Authorization"].removeprefix("Bearer ")


def form(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


def test_a_401_renews_the_token_keeps_the_new_pair_and_sends_the_post_once_more() -> None:
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED, CREATED).on("POST", TOKEN, RENEWED)
    store = MemoryStore()
    x = adapter(net, store)
    before = dt.datetime.now(dt.UTC)

    x.publish(Outgoing("hello"), KEY)

    first, renewal, second = net.requests
    assert (first.url.path, renewal.url.path, second.url.path) == (TWEETS, TOKEN, TWEETS)
    assert (bearer(first), bearer(second)) == (OLD_ACCESS, NEW_ACCESS)
    assert body(first) == body(second) == {"text": "hello"}
    assert str(renewal.url) == "https://api.x.com/2/oauth2/token"
    assert renewal.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form(renewal) == {
        "grant_type": "refresh_token",
        "refresh_token": OLD_REFRESH,
        "client_id": CLIENT_ID,
    }
    # A public client: no user token and no Basic pair on the token endpoint.
    assert "Authorization" not in renewal.headers
    # Rotation: the new refresh token is kept at once, with the expiry X stated.
    (saved,) = store.saved
    assert (saved["access_token"], saved["refresh_token"]) == (NEW_ACCESS, NEW_REFRESH)
    expires = dt.datetime.fromisoformat(saved["expires_at"])
    assert before + dt.timedelta(seconds=7190) <= expires <= before + dt.timedelta(seconds=7300)
    assert x.credentials == XCredentials.model_validate(saved)


def test_a_confidential_client_authenticates_with_its_secret() -> None:
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED, CREATED).on("POST", TOKEN, RENEWED)
    adapter(net, client_secret=CLIENT_SECRET).publish(Outgoing("hello"), KEY)
    (renewal,) = net.sent("POST", TOKEN)
    pair = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert renewal.headers["Authorization"] == f"Basic {pair}"
    assert CLIENT_SECRET not in renewal.content.decode()


def test_an_expired_token_is_renewed_before_any_request() -> None:
    net = FakeNetwork().on("POST", TWEETS, CREATED).on("POST", TOKEN, RENEWED)
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    adapter(net, expires_at=past).publish(Outgoing("hello"), KEY)
    assert [r.url.path for r in net.requests] == [TOKEN, TWEETS]
    assert bearer(net.requests[1]) == NEW_ACCESS


def test_a_live_token_is_not_renewed() -> None:
    net = FakeNetwork().on("POST", TWEETS, CREATED)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    adapter(net, expires_at=later).publish(Outgoing("hello"), KEY)
    assert [r.url.path for r in net.requests] == [TWEETS]


def test_the_next_worker_uses_the_kept_pair() -> None:
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED, CREATED).on("POST", TOKEN, RENEWED)
    store = MemoryStore()
    adapter(net, store).publish(Outgoing("hello"), KEY)
    assert store.kept is not None
    again = FakeNetwork().on(
        "GET", "/2/users/me", reply(200, {"data": {"id": "1", "username": "b"}})
    )
    with connect("x", store.kept, transport=again.transport) as x:
        x.validate()
    assert bearer(again.requests[0]) == NEW_ACCESS


def test_another_workers_renewal_is_adopted_without_spending_the_refresh_token() -> None:
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED, CREATED)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    renewed = credentials(access_token=NEW_ACCESS, refresh_token=NEW_REFRESH, expires_at=later)
    store = MemoryStore(kept=renewed.stored())
    x = adapter(net, store)
    x.publish(Outgoing("hello"), KEY)
    assert not net.sent("POST", TOKEN)
    assert [bearer(r) for r in net.sent("POST", TWEETS)] == [OLD_ACCESS, NEW_ACCESS]
    assert store.saved == []
    assert x.credentials == renewed


def test_a_refresh_token_spent_by_another_worker_meanwhile_takes_its_pair() -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    renewed = credentials(access_token=NEW_ACCESS, refresh_token=NEW_REFRESH, expires_at=later)
    store = MemoryStore(kept=credentials().stored())

    def spent_by_the_other_worker(request: httpx.Request) -> httpx.Response:
        # The other worker renewed a moment before us, and has kept its pair by now.
        store.kept = renewed.stored()
        return SPENT

    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED, CREATED)
    net.on("POST", TOKEN, spent_by_the_other_worker)
    adapter(net, store).publish(Outgoing("hello"), KEY)
    assert [bearer(r) for r in net.sent("POST", TWEETS)] == [OLD_ACCESS, NEW_ACCESS]


@pytest.mark.parametrize(
    "refusal",
    [
        SPENT,
        reply(400, {"error": "invalid_grant", "error_description": "Refresh token revoked"}),
        reply(401, {"error": "unauthorized_client", "error_description": "Missing valid "
                    "authorization header"}),
    ],
)  # fmt: skip
def test_a_refused_renewal_asks_for_the_account_to_be_connected_again(
    refusal: httpx.Response, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED).on("POST", TOKEN, refusal)
    store = MemoryStore()
    with pytest.raises(AuthError) as raised:
        adapter(net, store, client_secret=CLIENT_SECRET).publish(Outgoing("hello"), KEY)
    message = raised.value.render()
    assert "connect the account again" in message
    assert "X (Twitter)" in message
    assert len(net.sent("POST", TWEETS)) == 1  # not sent again with a token that did not work
    assert store.saved == []
    for secret in SECRETS:
        assert secret not in message
        assert secret not in repr(raised.value.params)
        assert secret not in caplog.text


def test_a_token_endpoint_that_quotes_the_token_has_it_masked() -> None:
    echo = reply(400, {"error": "invalid_request", "error_description": f"bad {OLD_REFRESH}"})
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED).on("POST", TOKEN, echo)
    with pytest.raises(AuthError) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert OLD_REFRESH not in raised.value.render()
    assert "**********" in raised.value.render()


def test_no_secret_of_a_successful_renewal_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED, CREATED).on("POST", TOKEN, RENEWED)
    x = adapter(net, MemoryStore(), client_secret=CLIENT_SECRET)
    x.publish(Outgoing("hello"), KEY)
    assert "renewed the access token" in caplog.text
    for secret in SECRETS:
        assert secret not in caplog.text
        assert secret not in repr(x)


@pytest.mark.parametrize(
    "trouble",
    [reply(503, b"Service Unavailable"), httpx.ReadTimeout("timed out"), reply(500, {})],
)
def test_a_renewal_that_cannot_be_done_now_is_retried_later_with_nothing_posted(
    trouble: object,
) -> None:
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED).on("POST", TOKEN, trouble)  # type: ignore[arg-type]
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("hello"), KEY)
    assert len(net.sent("POST", TWEETS)) == 1


def test_a_second_401_after_renewing_is_not_renewed_again() -> None:
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED).on("POST", TOKEN, RENEWED)
    with pytest.raises(AuthError):
        adapter(net).publish(Outgoing("hello"), KEY)
    assert [r.url.path for r in net.requests] == [TWEETS, TOKEN, TWEETS]


def test_without_a_refresh_token_a_401_stays_an_auth_error() -> None:
    net = FakeNetwork().on("POST", TWEETS, UNAUTHORIZED)
    x = XAdapter(XCredentials(access_token=OLD_ACCESS), transport=net.transport)  # type: ignore[arg-type]
    with pytest.raises(AuthError):
        x.publish(Outgoing("hello"), KEY)
    assert not net.sent("POST", TOKEN)


def test_a_403_is_about_the_account_not_the_token() -> None:
    forbidden = httpx.Response(403, json={"title": "Forbidden", "detail": "not permitted"})
    net = FakeNetwork().on("POST", TWEETS, forbidden)
    with pytest.raises(AuthError):
        adapter(net).publish(Outgoing("hello"), KEY)
    assert not net.sent("POST", TOKEN)


def test_uploads_and_reads_renew_too() -> None:
    me = reply(200, {"data": {"id": "2244994945", "username": "brand"}})
    net = FakeNetwork().on("GET", "/2/users/me", UNAUTHORIZED, me).on("POST", TOKEN, RENEWED)
    assert adapter(net).validate().handle == "brand"
    assert [r.url.path for r in net.requests] == ["/2/users/me", TOKEN, "/2/users/me"]


def test_one_renewal_for_the_requests_that_were_refused_together() -> None:
    net = FakeNetwork().on("POST", TWEETS, CREATED).on("POST", TOKEN, RENEWED)
    x = adapter(net)
    x._token._renew(OLD_ACCESS)
    # A second request that was sent with the old token before the renewal: nothing to renew.
    x._token._renew(OLD_ACCESS)
    assert len(net.sent("POST", TOKEN)) == 1


def test_a_refresh_token_needs_the_client_id() -> None:
    with pytest.raises(ValueError, match="client id"):
        XCredentials.model_validate({"access_token": OLD_ACCESS, "refresh_token": OLD_REFRESH})


def test_the_stored_form_reads_back_the_same() -> None:
    later = dt.datetime(2026, 11, 2, 11, 30, tzinfo=dt.UTC)
    creds = credentials(client_secret=CLIENT_SECRET, expires_at=later)
    stored = creds.stored()
    assert stored["expires_at"] == "2026-11-02T11:30:00Z"
    assert XCredentials.model_validate(stored) == creds
    assert "expires_at" not in credentials().stored()
    assert XCredentials.typed_fields().keys() == {
        "access_token",
        "refresh_token",
        "client_id",
        "client_secret",
    }
