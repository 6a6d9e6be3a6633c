"""Each draft check shows next to the variant it is about, live as people type and on the
saved post, and an error keeps the post from review."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from socialplan.publish.adaptation import Variant, check_draft
from socialplan.web.calendar.models import Channel, PostState
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, plan, post
from web.conftest import EVERYONE, Team, expected_status


def _blocks(html: str) -> dict[int, str]:
    """The checks shown next to each channel's variant, by channel id."""
    parts = re.split(r'<div id="checks-(\d+)"', html)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def _codes(block: str) -> set[str]:
    return set(re.findall(r'data-code="(S[EP]\d+)"', block))


def _live(team: Team, data: dict[str, object], who: str = "editor") -> dict[int, str]:
    response = team.client(who).post(reverse("calendar:check_new", args=["acme"]), data)
    assert response.status_code == 200
    return _blocks(response.content.decode())


@pytest.fixture
def channels(team: Team) -> dict[str, Channel]:
    """X and LinkedIn (both planned) and Mastodon (not in the plan)."""
    plan(team.workspace)
    return {
        "x": channel(team.workspace, "x", "acme"),
        "linkedin": channel(team.workspace, "linkedin", "acme"),
        "mastodon": channel(team.workspace, "mastodon", "acme@social.example"),
    }


def test_too_long_for_x_shows_next_to_the_x_variant_only(
    team: Team, channels: dict[str, Channel]
) -> None:
    x, mastodon = channels["x"], channels["mastodon"]
    blocks = _live(
        team,
        {
            "text": "Short and sweet",
            "channels": [x.pk, mastodon.pk],
            f"variant_{x.pk}": "a" * 281,
        },
    )
    assert "SE302" in _codes(blocks[x.pk])
    assert "is 281 characters long; X (Twitter) takes at most 280" in blocks[x.pk]
    assert "SE302" not in _codes(blocks[mastodon.pk])


def test_x_counts_its_own_way(team: Team, channels: dict[str, Channel]) -> None:
    # X counts any link as 23 and a Chinese character as two.
    x = channels["x"]
    linked = "a" * 250 + " https://example.org/" + "b" * 100
    assert "SE302" not in _codes(_live(team, {"text": linked, "channels": [x.pk]})[x.pk])
    assert "SE302" not in _codes(_live(team, {"text": "字" * 140, "channels": [x.pk]})[x.pk])
    blocks = _live(team, {"text": "字" * 141, "channels": [x.pk]})
    assert "282 characters long" in blocks[x.pk]


def test_forbidden_word_in_persian_shows_next_to_its_variant(
    team: Team, channels: dict[str, Channel]
) -> None:
    x, linkedin = channels["x"], channels["linkedin"]
    client = team.client("editor")
    client.cookies["socialplan_language"] = "fa"
    response = client.post(
        reverse("calendar:check_new", args=["acme"]),
        {
            "text": "سفرهای پاییزی آماده‌اند",
            "language": "fa",
            "channels": [x.pk, linkedin.pk],
            f"variant_{x.pk}": "این مشتری احمق است",
        },
    )
    blocks = _blocks(response.content.decode())
    assert "SE307" in _codes(blocks[x.pk])
    assert "احمق" in blocks[x.pk]
    assert "insult" in blocks[x.pk]
    assert "SE307" not in _codes(blocks[linkedin.pk])


def test_only_the_policys_categories_count(team: Team, channels: dict[str, Channel]) -> None:
    # The plan forbids insults and politics, not religion: naming a religion is no finding.
    x = channels["x"]
    blocks = _live(team, {"text": "در این مسجد", "language": "fa", "channels": [x.pk]})
    assert "SE307" not in _codes(blocks[x.pk])
    blocks = _live(team, {"text": "درباره انتخابات", "language": "fa", "channels": [x.pk]})
    assert "SE307" in _codes(blocks[x.pk])


def test_channel_not_in_the_plan(team: Team, channels: dict[str, Channel]) -> None:
    x, mastodon = channels["x"], channels["mastodon"]
    blocks = _live(
        team,
        {"text": "Hello", "channels": [x.pk, mastodon.pk], f"variant_{x.pk}": "Hi on X"},
    )
    assert "not in the strategy&#x27;s channel plan" in blocks[mastodon.pk]
    assert "SE205" in _codes(blocks[mastodon.pk])
    assert "SE205" not in _codes(blocks[x.pk])


def test_ceiling_of_the_day_counts_posts_already_scheduled(
    team: Team, channels: dict[str, Channel]
) -> None:
    linkedin, x = channels["linkedin"], channels["x"]
    when = later(4, hour=9)
    post(team.workspace, None, "Already planned", when, [linkedin], PostState.SCHEDULED)
    blocks = _live(
        team,
        {
            "text": "Another one",
            "publish_at": when.strftime("%Y-%m-%dT%H:%M"),
            "channels": [linkedin.pk, x.pk],
            f"variant_{x.pk}": "Different on X",
        },
    )
    assert {"SE201", "SE205"} <= _codes(blocks[linkedin.pk])
    assert "this would be post 2 on LinkedIn" in blocks[linkedin.pk]
    assert "SE201" not in _codes(blocks[x.pk])
    # A day later there is room again.
    blocks = _live(
        team,
        {
            "text": "Another one",
            "publish_at": (when + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "channels": [linkedin.pk],
        },
    )
    assert "SE201" not in _codes(blocks[linkedin.pk])


def test_identical_text_across_networks(team: Team, channels: dict[str, Channel]) -> None:
    x, linkedin, mastodon = channels["x"], channels["linkedin"], channels["mastodon"]
    blocks = _live(
        team,
        {
            "text": "One text for everyone",
            "channels": [x.pk, linkedin.pk, mastodon.pk],
            f"variant_{mastodon.pk}": "Written for the fediverse",
        },
    )
    assert "SE301" in _codes(blocks[x.pk])
    assert "SE301" in _codes(blocks[linkedin.pk])
    assert "the same text goes to LinkedIn, X (Twitter)" in blocks[x.pk]
    assert "SE301" not in _codes(blocks[mastodon.pk])


def test_checks_name_the_catalogues_rule_and_mistake(
    team: Team, channels: dict[str, Channel]
) -> None:
    blocks = _live(team, {"text": "", "channels": [channels["x"].pk]})
    block = blocks[channels["x"].pk]
    assert reverse("rules:detail", args=["SE302"]) in block
    assert "content.breaks_conventions" in block
    assert "M13" in block
    assert "neither text nor images" in block


@pytest.mark.parametrize("who", EVERYONE)
def test_live_check_is_for_editors(team: Team, who: str) -> None:
    response = team.client(who).post(reverse("calendar:check_new", args=["acme"]), {"text": "x"})
    assert response.status_code == expected_status(who, Role.EDITOR)


def test_live_check_of_bad_values_says_so(team: Team, channels: dict[str, Channel]) -> None:
    response = team.client("editor").post(
        reverse("calendar:check_new", args=["acme"]),
        {"text": "x", "publish_at": "soon", "channels": [channels["x"].pk, 99999]},
    )
    assert response.status_code == 200
    assert "not valid yet" in response.content.decode()


def test_saved_post_shows_its_checks_to_every_member(
    team: Team, channels: dict[str, Channel]
) -> None:
    x = channels["x"]
    made = post(team.workspace, team.users["editor"], "b" * 300, later(3), [x])
    for who in ("owner", "editor", "reviewer", "viewer"):
        html = team.client(who).get(reverse("calendar:post", args=["acme", made.pk])).content
        assert "SE302" in _codes(_blocks(html.decode())[x.pk])


def test_an_error_disables_submission_and_the_post_is_refused(
    team: Team, channels: dict[str, Channel]
) -> None:
    x = channels["x"]
    made = post(team.workspace, team.users["editor"], "c" * 300, later(3), [x])
    client = team.client("editor")
    page = client.get(reverse("calendar:post", args=["acme", made.pk])).content.decode()
    assert re.search(r'data-action="submit"\s+disabled', page)
    assert "must be corrected first" in page
    response = client.post(reverse("calendar:transition", args=["acme", made.pk, "submit"]))
    assert response.status_code == 409
    assert "1 problem that must be corrected first" in response.content.decode()
    made.refresh_from_db()
    assert made.state == PostState.DRAFT


def test_library_checks_without_a_strategy_still_judge_the_network() -> None:
    found = check_draft([Variant("bluesky", "acme", "d" * 301)], None, None)
    assert [f.code for f in found[0]] == ["SE302"]
    assert not check_draft([Variant("bluesky", "acme", "fine")], "en", None)[0]
