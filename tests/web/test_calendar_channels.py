"""Connecting an account: credentials checked with the network (a scripted one here), sealed in
the database, never shown again and never logged."""

from __future__ import annotations

import logging

import httpx
import pytest
from django.db import connection
from django.urls import reverse
from tests.publish.fake_network import FakeNetwork, reply

from socialplan.i18n import catalogue
from socialplan.publish.errors import AUTH_FAILED
from socialplan.web.calendar import connecting
from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.publishing import problems
from socialplan.web.calendar.sealing import unseal
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, post
from web.conftest import EVERYONE, Team, expected_status

TOKEN = "sekrit-token-9f8e7d6c5b4a"
SERVER = "https://social.example"
VERIFY = "/api/v1/accounts/verify_credentials"
ACCOUNT = {"id": "42", "acct": "brand", "display_name": "Brand", "url": SERVER + "/@brand"}
BOT_TOKEN = "7712345678:AAHc9sQe3J1kLmN0pQrStUvWxYz_-123456"
BOT = f"/bot{BOT_TOKEN}"


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> FakeNetwork:
    """The networks, scripted: adapters send their requests here."""
    net = FakeNetwork()
    monkeypatch.setattr(connecting, "TRANSPORT", net.transport)
    return net


def _connect(team: Team, who: str = "editor", **values: str) -> httpx.Response:
    data = {"network": "mastodon", "instance": SERVER, "access_token": TOKEN, **values}
    response: httpx.Response = team.client(who).post(
        reverse("calendar:connect", args=["acme"]), data
    )
    return response


@pytest.mark.parametrize("who", EVERYONE)
def test_channels_page_lists_accounts_and_editors_may_connect(team: Team, who: str) -> None:
    channel(team.workspace, "x", "acme")
    response = team.client(who).get(reverse("calendar:channels", args=["acme"]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        html = response.content.decode()
        assert "X (Twitter)" in html
        assert "acme" in html
        assert ("Connect an account" in html) == (who in ("owner", "editor"))


def test_the_networks_fields_come_from_its_credentials_model(team: Team) -> None:
    url = reverse("calendar:channels", args=["acme"]) + "?network=bluesky"
    html = team.client("editor").get(url).content.decode()
    assert 'name="handle"' in html
    assert 'name="service"' in html
    assert 'value="https://bsky.social"' in html
    assert 'type="password" name="app_password"' in html


def test_htmx_gets_only_the_fields(team: Team) -> None:
    url = reverse("calendar:channels", args=["acme"]) + "?network=telegram"
    response = team.client("editor").get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'type="password" name="bot_token"' in html
    assert "<html" not in html


def test_an_unknown_network_is_a_400(team: Team) -> None:
    url = reverse("calendar:channels", args=["acme"]) + "?network=myspace"
    assert team.client("editor").get(url).status_code == 400
    response = team.client("editor").post(
        reverse("calendar:connect", args=["acme"]), {"network": "myspace"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("who", EVERYONE)
def test_connect_as_everyone(team: Team, network: FakeNetwork, who: str) -> None:
    network.on("GET", VERIFY, reply(200, ACCOUNT))
    response = _connect(team, who)
    allowed = who in ("owner", "editor")
    assert response.status_code == (302 if allowed else expected_status(who, Role.EDITOR))
    assert Channel.objects.filter(workspace=team.workspace).exists() == allowed
    assert len(network.sent("GET", VERIFY)) == (1 if allowed else 0)


def test_connected_credentials_are_sealed_and_never_shown(
    team: Team, network: FakeNetwork, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    network.on("GET", VERIFY, reply(200, ACCOUNT))
    response = _connect(team)
    assert response.status_code == 302
    (request,) = network.sent("GET", VERIFY)
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    made = Channel.objects.get()
    assert (made.network, made.handle) == ("mastodon", "brand")
    assert made.validated_at is not None
    assert made.problem is None
    # What the database holds is sealed: the token is not in the column.
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_credentials FROM calendar_channel WHERE id = %s", [made.pk])
        (raw,) = cursor.fetchone()
    assert TOKEN not in raw
    assert "access_token" not in raw
    assert unseal(raw) == {"instance": SERVER, "access_token": TOKEN}
    page = team.client("editor").get(reverse("calendar:channels", args=["acme"]))
    assert TOKEN not in page.content.decode()
    assert TOKEN not in caplog.text


def test_refused_credentials_are_explained_in_the_readers_language(
    team: Team, network: FakeNetwork, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    network.on("GET", VERIFY, reply(401, {"error": f"The access token {TOKEN} is invalid"}))
    client = team.client("editor")
    client.cookies["socialplan_language"] = "fa"
    response = client.post(
        reverse("calendar:connect", args=["acme"]),
        {"network": "mastodon", "instance": SERVER, "access_token": TOKEN},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert not Channel.objects.exists()
    # The library's message, in Persian, with the network's words quoted (their token masked).
    persian = catalogue("fa").gettext(AUTH_FAILED)
    assert persian != AUTH_FAILED
    assert persian.split("{")[0].strip() in html
    assert "**********" in html
    assert TOKEN not in html
    assert TOKEN not in caplog.text
    # The server address is shown back; the token never is.
    assert f'value="{SERVER}"' in html


def test_credentials_the_model_refuses_are_a_400_without_the_secret(
    team: Team, network: FakeNetwork
) -> None:
    response = team.client("editor").post(
        reverse("calendar:connect", args=["acme"]),
        {"network": "telegram", "bot_token": "not-a-bot-token-secret", "chat_id": "@brand"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This value is not accepted" in html
    assert "not-a-bot-token-secret" not in html
    assert network.requests == []


def test_a_missing_field_is_a_400(team: Team, network: FakeNetwork) -> None:
    response = _connect(team, access_token="")
    assert response.status_code == 400
    assert network.requests == []


def test_telegram_token_in_the_path_is_never_logged(
    team: Team, network: FakeNetwork, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    chat = {"id": -1001234567890, "type": "channel", "title": "Brand news", "username": "brand"}
    member = {"status": "administrator", "can_post_messages": True}
    ok = {"ok": True}
    network.on("GET", f"{BOT}/getMe", reply(200, {**ok, "result": {"id": 7712345678}}))
    network.on("GET", f"{BOT}/getChat", reply(200, {**ok, "result": chat}))
    network.on("GET", f"{BOT}/getChatMember", reply(200, {**ok, "result": member}))
    response = team.client("owner").post(
        reverse("calendar:connect", args=["acme"]),
        {"network": "telegram", "bot_token": BOT_TOKEN, "chat_id": "@brand"},
    )
    assert response.status_code == 302
    assert Channel.objects.get().handle == "@brand"
    assert BOT_TOKEN not in caplog.text
    assert "7712345678:" not in caplog.text


def test_connecting_again_updates_the_same_channel(team: Team, network: FakeNetwork) -> None:
    network.on("GET", VERIFY, reply(200, ACCOUNT))
    _connect(team)
    _connect(team, access_token="another-token-1234")
    made = Channel.objects.get()
    assert unseal(made.sealed_credentials)["access_token"] == "another-token-1234"


def test_check_again_records_and_clears_a_problem(team: Team, network: FakeNetwork) -> None:
    network.on("GET", VERIFY, reply(200, ACCOUNT))
    _connect(team)
    made = Channel.objects.get()
    network.on("GET", VERIFY, reply(401, {"error": "revoked"}))
    url = reverse("calendar:channel_check", args=["acme", made.pk])
    assert team.client("editor").post(url).status_code == 302
    made.refresh_from_db()
    assert made.problem is not None
    assert made.problem["message"] == AUTH_FAILED
    page = team.client("viewer").get(reverse("calendar:channels", args=["acme"])).content.decode()
    assert "Needs attention" in page
    assert "revoked" in page
    network.on("GET", VERIFY, reply(200, ACCOUNT))
    team.client("editor").post(url)
    made.refresh_from_db()
    assert made.problem is None


@pytest.mark.parametrize("who", EVERYONE)
def test_check_again_and_remove_are_for_editors(team: Team, network: FakeNetwork, who: str) -> None:
    network.on("GET", VERIFY, reply(200, ACCOUNT))
    made = channel(team.workspace, "mastodon", "brand")
    made.sealed_credentials = connecting.seal({"instance": SERVER, "access_token": TOKEN})
    made.save()
    check = team.client(who).post(reverse("calendar:channel_check", args=["acme", made.pk]))
    remove = team.client(who).post(reverse("calendar:channel_remove", args=["acme", made.pk]))
    allowed = who in ("owner", "editor")
    expected = 302 if allowed else expected_status(who, Role.EDITOR)
    assert (check.status_code, remove.status_code) == (expected, expected)
    assert Channel.objects.filter(pk=made.pk).exists() != allowed


def test_a_channel_posts_use_stays(team: Team) -> None:
    made = channel(team.workspace, "x", "acme")
    post(team.workspace, None, "Uses it", later(3), [made])
    response = team.client("owner").post(reverse("calendar:channel_remove", args=["acme", made.pk]))
    assert response.status_code == 409
    assert Channel.objects.filter(pk=made.pk).exists()


def test_credentials_sealed_with_another_key_say_so(team: Team) -> None:
    made = channel(team.workspace, "x", "acme")
    made.sealed_credentials = "gAAAAA-not-ours"
    made.save()
    team.client("editor").post(reverse("calendar:channel_check", args=["acme", made.pk]))
    page = team.client("editor").get(reverse("calendar:channels", args=["acme"])).content.decode()
    assert "cannot be opened with this server" in page


@pytest.mark.parametrize("who", EVERYONE)
def test_credentials_the_model_no_longer_accepts_ask_to_connect_again(
    team: Team, network: FakeNetwork, who: str
) -> None:
    """Stored credentials an older version kept (no server address here): never a 500, never
    a request, and a plain "connect again" for everyone to read."""
    made = channel(team.workspace, "mastodon", "brand")
    made.sealed_credentials = connecting.seal({"access_token": TOKEN, "instance": "ftp://x"})
    made.save()
    response = team.client(who).post(reverse("calendar:channel_check", args=["acme", made.pk]))
    allowed = who in ("owner", "editor")
    assert response.status_code == (302 if allowed else expected_status(who, Role.EDITOR))
    made.refresh_from_db()
    if not allowed:
        assert made.problem is None
        return
    assert network.requests == []
    assert made.problem is not None
    assert made.problem["message"] == problems.CREDENTIALS_INVALID
    shown = team.client(who).get(response["Location"]).content.decode()
    assert "are incomplete or malformed; connect the account again" in shown
    assert TOKEN not in shown
    assert "ftp://x" not in shown


def test_a_channel_of_a_network_without_an_adapter_says_so(team: Team) -> None:
    made = channel(team.workspace, "x", "acme")
    Channel.objects.filter(pk=made.pk).update(network="myspace")
    response = team.client("editor").post(reverse("calendar:channel_check", args=["acme", made.pk]))
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.problem is not None
    assert made.problem["message"] == problems.NO_ADAPTER
