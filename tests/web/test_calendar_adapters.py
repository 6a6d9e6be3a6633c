"""What adapters renew is sealed back into the channel at once; what a server allows is kept.

X rotates its refresh token on every renewal, so a renewed pair that is not kept locks the
account out; Bluesky's session and Mastodon's limits ride along the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.urls import reverse
from tests.publish.fake_network import FakeNetwork, reply

from socialplan.i18n import catalogue
from socialplan.publish.content import IdempotencyKey, Outgoing
from socialplan.publish.errors import AuthError
from socialplan.publish.networks.x.tokens import RENEWAL_REFUSED
from socialplan.web.calendar import channel_limits, connecting
from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.publishing import adapters
from socialplan.web.calendar.sealing import seal, unseal
from web.conftest import Team

OLD = {"access_token": "x-old-access-4f1d", "refresh_token": "x-old-refresh-9a2c"}
NEW = {"access_token": "x-new-access-77b0", "refresh_token": "x-new-refresh-e5d3"}
SECRETS = [*OLD.values(), *NEW.values()]
CLIENT = {"client_id": "rG9n6402A3dbUJKzXTNX4oWHJ"}
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
TWEETS, TOKEN = "/2/tweets", "/2/oauth2/token"
UNAUTHORIZED = httpx.Response(401, json={"title": "Unauthorized", "detail": "Unauthorized"})
RENEWED = reply(200, {"token_type": "bearer", "expires_in": 7200, **NEW})
SPENT = reply(
    400,
    {"error": "invalid_request", "error_description": "Value passed for the token was invalid."},
)
SERVER = "https://social.example"
VERIFY = "/api/v1/accounts/verify_credentials"
ACCOUNT = {"id": "42", "acct": "brand", "display_name": "Brand"}
LIMITS = {"configuration": {"statuses": {"max_characters": 5000, "max_media_attachments": 6}}}


@pytest.fixture
def net(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeNetwork]:
    """The networks, scripted, for the publisher's adapters and for connecting alike."""
    fake = FakeNetwork()
    real = adapters.connect

    def connect(network: str, stored: Any, *, transport: Any = None) -> Any:
        return real(network, stored, transport=fake.transport)

    monkeypatch.setattr(adapters, "connect", connect)
    monkeypatch.setattr(connecting, "TRANSPORT", fake.transport)
    yield fake
    adapters.forget_all()


def x_channel(team: Team, **stored: object) -> Channel:
    return Channel.objects.create(
        workspace=team.workspace,
        network="x",
        handle="acme",
        sealed_credentials=seal({**OLD, **CLIENT, **stored}),
    )


def sealed(channel: Channel) -> dict[str, object]:
    channel.refresh_from_db()
    return unseal(channel.sealed_credentials)


def test_a_renewed_token_is_sealed_into_the_channel_at_once(team: Team, net: FakeNetwork) -> None:
    net.on("POST", TWEETS, UNAUTHORIZED, reply(201, {"data": {"id": "1853"}}))
    net.on("POST", TOKEN, RENEWED)
    channel = x_channel(team)
    adapter = adapters.adapter_for(channel)
    adapter.publish(Outgoing("hello"), KEY)
    kept = sealed(channel)
    assert (kept["access_token"], kept["refresh_token"]) == (
        NEW["access_token"],
        NEW["refresh_token"],
    )
    assert kept["client_id"] == CLIENT["client_id"]
    assert "expires_at" in kept
    # The same adapter goes on: its own renewal does not make the process open another.
    assert adapters.adapter_for(channel) is adapter


def test_another_worker_opens_the_renewed_pair(team: Team, net: FakeNetwork) -> None:
    net.on("POST", TWEETS, UNAUTHORIZED, reply(201, {"data": {"id": "1853"}}))
    net.on("POST", TOKEN, RENEWED)
    channel = x_channel(team)
    adapters.adapter_for(channel).publish(Outgoing("hello"), KEY)
    adapters.forget_all()  # a worker that starts now
    channel.refresh_from_db()
    fresh = adapters.adapter_for(channel)
    assert fresh.credentials.access_token.get_secret_value() == NEW["access_token"]


def test_a_refused_renewal_asks_people_to_connect_again(
    team: Team, net: FakeNetwork, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    net.on("GET", "/2/users/me", UNAUTHORIZED).on("POST", TOKEN, SPENT)
    channel = x_channel(team)
    connecting.recheck(channel)
    channel.refresh_from_db()
    assert isinstance(channel.problem, dict)
    assert channel.problem["message"] == RENEWAL_REFUSED
    shown = connecting.show_problem(channel.problem, catalogue("en"))
    assert "connect the account again" in shown
    assert sealed(channel)["refresh_token"] == OLD["refresh_token"]
    for secret in SECRETS:
        assert secret not in shown
        assert secret not in str(channel.problem)
        assert secret not in caplog.text
    page = team.client("editor").get(reverse("calendar:channels", args=["acme"]))
    assert "connect the account again" in page.content.decode()


def test_checking_again_keeps_a_renewal_made_on_the_way(team: Team, net: FakeNetwork) -> None:
    me = reply(200, {"data": {"id": "1", "username": "acme", "name": "Acme"}})
    net.on("GET", "/2/users/me", UNAUTHORIZED, me).on("POST", TOKEN, RENEWED)
    channel = x_channel(team)
    connecting.recheck(channel)
    channel.refresh_from_db()
    assert channel.problem is None
    assert sealed(channel)["refresh_token"] == NEW["refresh_token"]


def test_connecting_seals_the_tokens_as_renewed_not_as_typed(team: Team, net: FakeNetwork) -> None:
    me = reply(200, {"data": {"id": "1", "username": "acme", "name": "Acme"}})
    net.on("GET", "/2/users/me", UNAUTHORIZED, me).on("POST", TOKEN, RENEWED)
    response = team.client("editor").post(
        reverse("calendar:connect", args=["acme"]), {"network": "x", **OLD, **CLIENT}
    )
    assert response.status_code == 302
    kept = unseal(Channel.objects.get(network="x").sealed_credentials)
    assert kept["refresh_token"] == NEW["refresh_token"]


def test_a_refresh_token_without_a_client_id_is_a_400(team: Team, net: FakeNetwork) -> None:
    response = team.client("editor").post(
        reverse("calendar:connect", args=["acme"]), {"network": "x", **OLD}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "client id" in html
    for secret in OLD.values():
        assert secret not in html
    assert net.requests == []


def test_the_form_asks_only_for_what_people_type(team: Team) -> None:
    client = team.client("editor")
    url = reverse("calendar:channels", args=["acme"])
    x = client.get(url + "?network=x").content.decode()
    assert 'type="password" name="refresh_token"' in x
    assert 'type="password" name="client_secret"' in x
    assert 'name="client_id"' in x
    assert 'name="expires_at"' not in x
    assert 'name="session"' not in client.get(url + "?network=bluesky").content.decode()
    assert 'name="max_characters"' not in client.get(url + "?network=mastodon").content.decode()


def test_a_mastodon_servers_limit_is_kept_and_given_to_the_editor(
    team: Team, net: FakeNetwork
) -> None:
    net.on("GET", VERIFY, reply(200, ACCOUNT)).on("GET", "/api/v2/instance", reply(200, LIMITS))
    response = team.client("editor").post(
        reverse("calendar:connect", args=["acme"]),
        {"network": "mastodon", "instance": SERVER, "access_token": "tok-5e1"},
    )
    assert response.status_code == 302
    channel = Channel.objects.get(network="mastodon")
    assert unseal(channel.sealed_credentials)["max_characters"] == 5000
    assert channel_limits.max_length(channel) == 5000


def test_checking_again_reads_a_changed_limit(team: Team, net: FakeNetwork) -> None:
    stored = {"instance": SERVER, "access_token": "tok-5e1", "max_characters": 500}
    channel = Channel.objects.create(
        workspace=team.workspace,
        network="mastodon",
        handle="brand",
        sealed_credentials=seal(stored),
    )
    net.on("GET", VERIFY, reply(200, ACCOUNT)).on("GET", "/api/v2/instance", reply(200, LIMITS))
    assert channel_limits.max_length(channel) == 500
    connecting.recheck(channel)
    channel.refresh_from_db()
    assert channel_limits.max_length(channel) == 5000


@pytest.mark.parametrize(
    ("network", "stored"),
    [
        ("x", seal({"access_token": "t"})),
        ("mastodon", seal({"instance": SERVER, "access_token": "t"})),
        ("mastodon", "not a sealed value"),
        ("mastodon", seal({"instance": "ftp://nowhere", "access_token": "t"})),
        ("myspace", seal({})),
    ],
)
def test_without_a_limit_of_its_own_the_networks_applies(
    team: Team, network: str, stored: str
) -> None:
    channel = Channel(workspace=team.workspace, network=network, sealed_credentials=stored)
    assert channel_limits.max_length(channel) is None


def test_a_channel_gone_meanwhile_keeps_nothing(team: Team, net: FakeNetwork) -> None:
    net.on("POST", TWEETS, UNAUTHORIZED, reply(201, {"data": {"id": "1853"}}))
    net.on("POST", TOKEN, RENEWED)
    channel = x_channel(team)
    adapter = adapters.adapter_for(channel)
    Channel.objects.filter(pk=channel.pk).delete()
    adapter.publish(Outgoing("hello"), KEY)  # the renewal has nowhere to go, and no error
    assert not Channel.objects.exists()
    net.on("POST", TWEETS, UNAUTHORIZED).on("POST", TOKEN, SPENT)
    with pytest.raises(AuthError):
        adapter.publish(Outgoing("hello again"), KEY)


def test_the_editor_can_have_all_a_servers_limits(team: Team) -> None:
    stored = {
        "instance": SERVER,
        "access_token": "tok-5e1",
        "max_characters": 5000,
        "max_media_attachments": 6,
        "characters_reserved_per_url": 30,
    }
    channel = Channel(workspace=team.workspace, network="mastodon", sealed_credentials=seal(stored))
    caps = channel_limits.capabilities(channel)
    assert caps is not None
    assert (caps.max_length, caps.max_images, caps.link_length) == (5000, 6, 30)
    assert caps.length("see https://example.com/" + "x" * 100) == 4 + 30
    plain = Channel(workspace=team.workspace, network="x", sealed_credentials="damaged")
    x_caps = channel_limits.capabilities(plain)
    assert x_caps is not None
    assert x_caps.max_length == 280
    nowhere = Channel(workspace=team.workspace, network="myspace", sealed_credentials="")
    assert channel_limits.capabilities(nowhere) is None
