"""The editor checks each variant against its own channel's limits: a Mastodon server that takes
fewer (or more) characters than Mastodon's 500 is judged by its own number."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from socialplan.web.calendar.models import Channel, Post
from socialplan.web.calendar.sealing import seal
from web.calendar_support import later, post
from web.conftest import EVERYONE, Team

SERVER = "https://small.example"


def mastodon(team: Team, handle: str, **limits: int) -> Channel:
    """A Mastodon channel whose server said *limits* when it was connected."""
    stored: dict[str, object] = {"instance": SERVER, "access_token": "tok-1234567890", **limits}
    return Channel.objects.create(
        workspace=team.workspace,
        network="mastodon",
        handle=handle,
        sealed_credentials=seal(stored),
    )


def _blocks(html: str) -> dict[int, str]:
    parts = re.split(r'<div id="checks-(\d+)"', html)
    return {
        int(parts[i]): parts[i + 1].split('<div class="card')[0] for i in range(1, len(parts), 2)
    }


def _codes(block: str) -> set[str]:
    return set(re.findall(r'data-code="(S[EP]\d+)"', block))


@pytest.fixture
def both(team: Team) -> tuple[Channel, Channel]:
    """A channel on a server that takes 300 characters, and one that said nothing."""
    return mastodon(team, "acme@small.example", max_characters=300), mastodon(team, "acme@big")


@pytest.mark.parametrize("who", EVERYONE)
def test_a_server_that_takes_300_characters_flags_301(
    team: Team, both: tuple[Channel, Channel], who: str
) -> None:
    small, default = both
    made = post(team.workspace, team.users["editor"], "a" * 301, later(3), [small, default])
    response = team.client(who).get(reverse("calendar:post", args=["acme", made.pk]))
    assert response.status_code == (404 if who == "outsider" else 200)
    if who == "outsider":
        return
    blocks = _blocks(response.content.decode())
    assert "SE302" in _codes(blocks[small.pk])
    assert "the text is 301 characters long; Mastodon takes at most 300" in blocks[small.pk]
    assert "SE302" not in _codes(blocks[default.pk])


def test_300_characters_are_fine_on_that_server(team: Team, both: tuple[Channel, Channel]) -> None:
    small, default = both
    made = post(team.workspace, team.users["editor"], "a" * 300, later(3), [small, default])
    html = team.client("editor").get(reverse("calendar:post", args=["acme", made.pk]))
    blocks = _blocks(html.content.decode())
    assert "SE302" not in _codes(blocks[small.pk])


def test_the_live_check_uses_the_servers_limit(team: Team, both: tuple[Channel, Channel]) -> None:
    small, default = both
    response = team.client("editor").post(
        reverse("calendar:check_new", args=["acme"]),
        {"text": "a" * 301, "channels": [small.pk, default.pk]},
    )
    assert response.status_code == 200
    blocks = _blocks(response.content.decode())
    assert "SE302" in _codes(blocks[small.pk])
    assert "SE302" not in _codes(blocks[default.pk])


def test_a_server_that_takes_more_lets_more_through(team: Team) -> None:
    large = mastodon(team, "acme@large.example", max_characters=5000)
    made = post(team.workspace, team.users["editor"], "a" * 600, later(3), [large])
    html = team.client("editor").get(reverse("calendar:post", args=["acme", made.pk]))
    assert "SE302" not in _codes(_blocks(html.content.decode())[large.pk])


def test_scheduling_is_blocked_by_the_servers_limit(
    team: Team, both: tuple[Channel, Channel]
) -> None:
    small, _default = both
    made = post(team.workspace, team.users["editor"], "a" * 301, later(3), [small])
    submit = reverse("calendar:transition", args=["acme", made.pk, "submit"])
    assert team.client("editor").post(submit).status_code == 409
    assert Post.objects.get(pk=made.pk).state == "draft"


def test_unreadable_credentials_fall_back_to_the_networks_limits(team: Team) -> None:
    broken = Channel.objects.create(
        workspace=team.workspace,
        network="mastodon",
        handle="acme@broken",
        sealed_credentials="gAAAAA-not-ours",
    )
    made = post(team.workspace, team.users["editor"], "a" * 400, later(3), [broken])
    html = team.client("editor").get(reverse("calendar:post", args=["acme", made.pk]))
    assert html.status_code == 200
    assert "SE302" not in _codes(_blocks(html.content.decode())[broken.pk])
