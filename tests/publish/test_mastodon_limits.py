"""Each Mastodon server's own limits: read when the account is connected, kept, then enforced."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.publish.fake_network import FakeNetwork, MemoryStore, reply

from socialplan.i18n import catalogue
from socialplan.publish.content import IdempotencyKey, Image, Outgoing
from socialplan.publish.errors import RejectedError
from socialplan.publish.networks.mastodon.adapter import MastodonAdapter
from socialplan.publish.networks.mastodon.credentials import MastodonCredentials
from socialplan.publish.networks.mastodon.limits import SERVER_TOO_LONG

TOKEN = "tok-3f9a1c7e5b2d4806"
SERVER = "https://social.example"
VERIFY = "/api/v1/accounts/verify_credentials"
ACCOUNT = {"id": "42", "acct": "brand", "display_name": "Brand", "url": SERVER + "/@brand"}
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
STATUS = {"id": "1134", "url": SERVER + "/@brand/1134", "created_at": "2026-11-02T09:30:01Z"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def instance(max_characters: int = 5000, images: int = 6, per_url: int = 23) -> dict[str, object]:
    """A /api/v2/instance answer, cut to what matters here."""
    statuses = {
        "max_characters": max_characters,
        "max_media_attachments": images,
        "characters_reserved_per_url": per_url,
    }
    return {"domain": "social.example", "configuration": {"statuses": statuses}}


def adapter(net: FakeNetwork, **limits: int) -> MastodonAdapter:
    creds = MastodonCredentials.model_validate(
        {"instance": SERVER, "access_token": TOKEN, **limits}
    )
    return MastodonAdapter(creds, transport=net.transport)


def test_validating_reads_the_servers_limits_and_keeps_them() -> None:
    net = FakeNetwork().on("GET", VERIFY, reply(200, ACCOUNT))
    net.on("GET", "/api/v2/instance", reply(200, instance(5000, 6, 30)))
    store = MemoryStore()
    mastodon = adapter(net)
    mastodon.store = store
    assert mastodon.validate().handle == "brand"
    assert store.kept == {
        "instance": SERVER,
        "access_token": TOKEN,
        "max_characters": 5000,
        "max_media_attachments": 6,
        "characters_reserved_per_url": 30,
    }
    assert MastodonAdapter.own_max_length(mastodon.credentials) == 5000
    assert not net.sent("GET", "/api/v1/instance")


def test_unchanged_limits_are_not_kept_again() -> None:
    net = FakeNetwork().on("GET", VERIFY, reply(200, ACCOUNT))
    net.on("GET", "/api/v2/instance", reply(200, instance(500, 4, 23)))
    mastodon = adapter(net, max_characters=500, max_media_attachments=4)
    mastodon.store = store = MemoryStore()
    mastodon.credentials = mastodon.credentials.model_copy(
        update={"characters_reserved_per_url": 23}
    )
    mastodon.validate()
    assert store.saved == []


@pytest.mark.parametrize(
    ("v1", "expected"),
    [
        # Mastodon 3.x: the same object in the first version of the endpoint.
        ({"configuration": {"statuses": {"max_characters": 1000}}}, 1000),
        # Pleroma and Akkoma.
        ({"max_toot_chars": 5000}, 5000),
        # Nothing said: the network's default applies.
        ({"title": "a server"}, None),
    ],
)
def test_older_servers_answer_the_first_version(v1: dict[str, object], expected: int) -> None:
    net = FakeNetwork().on("GET", VERIFY, reply(200, ACCOUNT))
    net.on("GET", "/api/v1/instance", reply(200, v1))
    mastodon = adapter(net)
    mastodon.validate()
    assert mastodon.credentials.max_characters == expected


@pytest.mark.parametrize(
    "statuses",
    [{"max_characters": 0}, {"max_characters": -5}, {"max_characters": "500"},
     {"max_characters": True}, {"max_characters": 10**9}, {"max_characters": 500.5}],
)  # fmt: skip
def test_nonsense_limits_are_ignored(statuses: dict[str, object]) -> None:
    net = FakeNetwork().on("GET", VERIFY, reply(200, ACCOUNT))
    net.on("GET", "/api/v2/instance", reply(200, {"configuration": {"statuses": statuses}}))
    mastodon = adapter(net)
    mastodon.validate()
    assert mastodon.credentials.max_characters is None


def test_a_server_that_cannot_say_still_connects() -> None:
    net = FakeNetwork().on("GET", VERIFY, reply(200, ACCOUNT))
    net.on("GET", "/api/v2/instance", reply(503, b"busy"))
    net.on("GET", "/api/v1/instance", reply(200, b"<html>"))
    mastodon = adapter(net)
    assert mastodon.validate().handle == "brand"
    assert mastodon.credentials.max_characters is None


def test_text_over_the_servers_limit_is_refused_before_any_request_naming_the_server() -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    mastodon = adapter(net, max_characters=300)
    with pytest.raises(RejectedError) as raised:
        mastodon.publish(Outgoing("a" * 301), KEY)
    assert raised.value.message == SERVER_TOO_LONG
    assert raised.value.render() == (
        "the text is 301 characters long; the Mastodon server social.example takes at most 300"
    )
    assert catalogue("fa").format(raised.value.message, **raised.value.params)
    assert net.requests == []
    mastodon.publish(Outgoing("a" * 300), KEY)
    assert len(net.requests) == 1


def test_a_server_that_allows_more_than_500_gets_longer_posts() -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    text = "س" * 4000
    with pytest.raises(RejectedError, match="takes at most 500"):
        adapter(net).publish(Outgoing(text), KEY)
    adapter(net, max_characters=5000).publish(Outgoing(text), KEY)
    assert len(net.requests) == 1


def test_links_count_as_the_server_says() -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    text = "a" * 90 + " https://example.com/" + "x" * 200  # 91 + the link
    mastodon = adapter(net, max_characters=100, characters_reserved_per_url=9)
    mastodon.publish(Outgoing(text), KEY)
    with pytest.raises(RejectedError, match="101 characters"):
        adapter(net, max_characters=100, characters_reserved_per_url=10).publish(
            Outgoing(text), KEY
        )


def test_the_number_of_images_is_the_servers() -> None:
    net = FakeNetwork().on("POST", "/api/v1/statuses", reply(200, STATUS))
    net.on("POST", "/api/v2/media", reply(200, {"id": "9"}))
    six = Outgoing("six", images=(Image(PNG, "image/png"),) * 6)
    with pytest.raises(RejectedError, match="takes at most 4"):
        adapter(net).publish(six, KEY)
    adapter(net, max_media_attachments=6).publish(six, KEY)
    with pytest.raises(RejectedError, match="takes at most 2"):
        adapter(net, max_media_attachments=2).publish(six, KEY)


def test_the_kept_limits_are_not_typed_by_people() -> None:
    assert MastodonCredentials.typed_fields().keys() == {"instance", "access_token"}
    plain = MastodonCredentials.model_validate({"instance": SERVER, "access_token": TOKEN})
    assert plain.stored() == {"instance": SERVER, "access_token": TOKEN}
    assert MastodonAdapter.own_max_length(plain) is None
