"""Bluesky's kept session against a real PDS: the next worker resumes it without logging in.

Logging in is limited to 30 a 5 minutes and 300 a day per account, so every worker logging in
for itself would soon lock the account out; the requests that reach the PDS are counted here.
"""

from __future__ import annotations

import base64
import json
import time
from collections import Counter

import httpx
import pytest
from tests.publish.bluesky_pds import Account, Pds
from tests.publish.fake_network import MemoryStore

from socialplan.publish.content import IdempotencyKey, Outgoing
from socialplan.publish.networks.bluesky.adapter import BlueskyAdapter
from socialplan.publish.networks.bluesky.credentials import SESSION_SEPARATOR, BlueskyCredentials

pytestmark = pytest.mark.bluesky

LOGIN = "com.atproto.server.createSession"
REFRESH = "com.atproto.server.refreshSession"


class Counting(httpx.HTTPTransport):
    """The real transport, counting the XRPC methods that go through it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls[request.url.path.rsplit("/", 1)[-1]] += 1
        return super().handle_request(request)


def worker(store: MemoryStore) -> tuple[BlueskyAdapter, Counting]:
    """An adapter opened from what the store keeps, as a freshly started worker opens it."""
    assert store.kept is not None
    transport = Counting()
    adapter = BlueskyAdapter(BlueskyCredentials.model_validate(store.kept), transport=transport)
    adapter.store = store
    return adapter, transport


def logged_in(account: Account) -> MemoryStore:
    """A store holding the account's credentials and the session of one login."""
    store = MemoryStore()
    first = account.adapter()
    first.store = store
    first.validate()
    assert store.kept is not None
    assert store.kept["session"]
    return store


def forged(did: str, exp: int) -> str:
    """A token shaped like the PDS's, not signed by it."""

    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    header = part({"typ": "at+jwt", "alg": "ES256K"})
    claims = part({"scope": "com.atproto.appPass", "sub": did, "exp": exp})
    return f"{header}.{claims}.Zm9yZ2Vk"


def replace_tokens(store: MemoryStore, access: str | None, refresh: str | None) -> None:
    """Damage the kept session: its access and/or refresh token replaced."""
    assert store.kept is not None
    parts = str(store.kept["session"]).split(SESSION_SEPARATOR)
    parts[2] = access or parts[2]
    parts[3] = refresh or parts[3]
    store.kept = {**store.kept, "session": SESSION_SEPARATOR.join(parts)}


@pytest.fixture
def account(bluesky_pds: Pds) -> Account:
    """A fresh account for each test: sessions of one test do not leak into another."""
    return bluesky_pds.account()


def test_a_second_worker_publishes_without_logging_in(account: Account) -> None:
    store = logged_in(account)
    kept = store.kept
    second, transport = worker(store)
    published = second.publish(Outgoing("from a second worker"), IdempotencyKey.new())
    assert transport.calls[LOGIN] == 0
    assert transport.calls["com.atproto.repo.createRecord"] == 1
    assert [r["uri"] for r in account.posts()] == [published.ref]
    assert store.kept == kept  # nothing renewed, nothing written back
    # And a third, after the second: still no login.
    third, transport = worker(store)
    assert third.read_back(published.ref) == published
    assert transport.calls[LOGIN] == 0


def test_a_kept_session_checks_again_without_logging_in(account: Account) -> None:
    store = logged_in(account)
    again, transport = worker(store)
    info = again.validate()
    assert (info.id, info.handle) == (account.did, account.handle)
    assert transport.calls[LOGIN] == 0


def test_an_expired_access_token_is_refreshed_and_the_new_session_kept(account: Account) -> None:
    store = logged_in(account)
    replace_tokens(store, access=forged(account.did, int(time.time()) - 60), refresh=None)
    damaged = store.kept
    adapter, transport = worker(store)
    adapter.publish(Outgoing("after the access token expired"), IdempotencyKey.new())
    assert (transport.calls[REFRESH], transport.calls[LOGIN]) == (1, 0)
    assert store.kept != damaged
    # The session kept is the refreshed one: the next worker needs neither step.
    after, transport = worker(store)
    after.publish(Outgoing("and the next worker"), IdempotencyKey.new())
    assert (transport.calls[REFRESH], transport.calls[LOGIN]) == (0, 0)
    assert len(account.posts()) == 2


def test_an_access_token_the_pds_refuses_is_refreshed(account: Account) -> None:
    store = logged_in(account)
    replace_tokens(store, access=forged(account.did, int(time.time()) + 3600), refresh=None)
    adapter, transport = worker(store)
    adapter.publish(Outgoing("after the PDS refused the token"), IdempotencyKey.new())
    assert (transport.calls[REFRESH], transport.calls[LOGIN]) == (1, 0)
    assert len(account.posts()) == 1


def test_a_dead_session_falls_back_to_the_app_password(account: Account) -> None:
    store = logged_in(account)
    later = int(time.time()) + 3600
    replace_tokens(store, access=forged(account.did, later), refresh=forged(account.did, later))
    adapter, transport = worker(store)
    adapter.publish(Outgoing("after the whole session died"), IdempotencyKey.new())
    assert (transport.calls[REFRESH], transport.calls[LOGIN]) == (1, 1)
    assert len(account.posts()) == 1
    after, transport = worker(store)
    after.publish(Outgoing("and the next worker"), IdempotencyKey.new())
    assert (transport.calls[REFRESH], transport.calls[LOGIN]) == (0, 0)
