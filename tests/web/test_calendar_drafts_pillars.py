"""A post's content pillar: chosen from the chosen channels' pillars in the strategy, saved, and
held to the channel plan's mix next to each variant (SE313)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from socialplan.web.calendar.models import Channel, Post, PostState
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, plan, post
from web.conftest import EVERYONE, Team, expected_status

#: X has two pillars, LinkedIn three (one shared with X, at another share); Mastodon is
#: planned without pillars.
STRATEGY = """\
version: 1
channels:
  - network: x
    account: "@acme"
    pillars:
      - {name: trips, kind: help, share: 70}
      - {name: offers, kind: promotion, share: 30}
  - network: linkedin
    account: acme
    pillars:
      - {name: trips, kind: help, share: 50}
      - {name: team, kind: behind_the_scenes, share: 30}
      - {name: offers, kind: promotion, share: 20}
  - network: mastodon
    account: acme
"""


@pytest.fixture
def channels(team: Team) -> dict[str, Channel]:
    plan(team.workspace, STRATEGY)
    return {
        "x": channel(team.workspace, "x", "acme"),
        "linkedin": channel(team.workspace, "linkedin", "acme"),
        "mastodon": channel(team.workspace, "mastodon", "acme@social.example"),
    }


def _blocks(html: str) -> dict[int, str]:
    parts = re.split(r'<div id="checks-(\d+)"', html)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def _codes(block: str) -> set[str]:
    return set(re.findall(r'data-code="(S[EP]\d+)"', block))


def _options(html: str) -> dict[str, str]:
    """The pillar select's options: value → label."""
    select = re.search(r'<select name="pillar".*?</select>', html, re.S)
    assert select is not None, "no pillar select"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(0)))


def _live(team: Team, data: dict[str, object]) -> str:
    response = team.client("editor").post(reverse("calendar:check_new", args=["acme"]), data)
    assert response.status_code == 200
    return response.content.decode()


def _when(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


# -- the choice --------------------------------------------------------------------------------


def test_the_select_offers_the_chosen_channels_pillars_with_their_shares(
    team: Team, channels: dict[str, Channel]
) -> None:
    made = post(team.workspace, team.users["editor"], "Trips", later(3), [channels["x"]])
    html = team.client("editor").get(reverse("calendar:post", args=["acme", made.pk])).content
    assert _options(html.decode()) == {
        "": "No pillar",
        "trips": "trips (70%)",
        "offers": "offers (30%)",
    }


def test_the_select_follows_the_channels_ticked_as_people_type(
    team: Team, channels: dict[str, Channel]
) -> None:
    x, linkedin = channels["x"], channels["linkedin"]
    html = _live(team, {"text": "Trips", "channels": [x.pk, linkedin.pk]})
    # Sent out of band, so the select changes with the ticks.
    assert 'id="sp-pillar-field" class="row mb-3" hx-swap-oob="true"' in html
    options = _options(html)
    # In the channels' order (by network), each pillar once.
    assert list(options) == ["", "trips", "team", "offers"]
    assert options["trips"] == "trips (LinkedIn 50%, X (Twitter) 70%)"
    assert options["team"] == "team (30%)"
    assert options["offers"] == "offers (LinkedIn 20%, X (Twitter) 30%)"
    assert list(_options(_live(team, {"text": "Trips"}))) == [""]


def test_two_accounts_on_one_network_are_told_apart_by_account(
    team: Team, channels: dict[str, Channel]
) -> None:
    more = "  - {network: x, account: acmehelp, pillars: [{name: trips, kind: help, share: 100}]}\n"
    StrategyRevision.objects.create(workspace=team.workspace, number=2, text=STRATEGY + more)
    help_desk = channel(team.workspace, "x", "acmehelp")
    html = _live(team, {"text": "Trips", "channels": [channels["x"].pk, help_desk.pk]})
    assert _options(html)["trips"] == "trips (X (Twitter) acme 70%, X (Twitter) acmehelp 100%)"


def test_a_pillar_no_chosen_channel_plans_is_kept_and_marked(
    team: Team, channels: dict[str, Channel]
) -> None:
    html = _live(team, {"text": "Trips", "channels": [channels["x"].pk], "pillar": "team"})
    assert _options(html)["team"] == "team (not planned for the chosen channels)"
    assert 'value="team" selected' in html


def test_a_pillar_spelt_otherwise_stays_selected(team: Team, channels: dict[str, Channel]) -> None:
    made = post(team.workspace, team.users["editor"], "Trips", later(3), [channels["x"]])
    Post.objects.filter(pk=made.pk).update(pillar="Trips")
    html = team.client("editor").get(reverse("calendar:post", args=["acme", made.pk])).content
    assert '<option value="Trips" selected>trips (70%)</option>' in html.decode()
    blocks = _blocks(html.decode())
    assert "SE313" not in _codes(blocks[channels["x"].pk])


@pytest.mark.parametrize("who", EVERYONE)
def test_the_pillar_is_saved_by_editors_only(
    team: Team, channels: dict[str, Channel], who: str
) -> None:
    made = post(team.workspace, team.users["editor"], "Trips", later(3), [channels["x"]])
    response = team.client(who).post(
        reverse("calendar:post", args=["acme", made.pk]),
        {"text": "Trips", "channels": [channels["x"].pk], "pillar": " trips "},
    )
    made.refresh_from_db()
    allowed = who in ("owner", "editor")
    assert response.status_code == (302 if allowed else expected_status(who, Role.EDITOR))
    assert made.pillar == ("trips" if allowed else "")


@pytest.mark.parametrize("who", EVERYONE)
def test_every_member_reads_the_pillar(team: Team, channels: dict[str, Channel], who: str) -> None:
    made = post(team.workspace, team.users["editor"], "Trips", later(3), [channels["x"]])
    Post.objects.filter(pk=made.pk).update(pillar="offers", state=PostState.SCHEDULED)
    response = team.client(who).get(reverse("calendar:post", args=["acme", made.pk]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        assert "Content pillar: <bdi>offers</bdi>." in response.content.decode()


def test_a_new_post_keeps_its_pillar_on_every_weekly_copy(
    team: Team, channels: dict[str, Channel]
) -> None:
    response = team.client("editor").post(
        reverse("calendar:post_new", args=["acme"]),
        {
            "text": "Weekly trip",
            "publish_at": _when(later(3)),
            "channels": [channels["x"].pk],
            "pillar": "trips",
            "repeat_weeks": 2,
        },
    )
    assert response.status_code == 302
    assert list(Post.objects.values_list("pillar", flat=True)) == ["trips"] * 3


def test_a_pillar_name_too_long_is_refused_clearly(
    team: Team, channels: dict[str, Channel]
) -> None:
    response = team.client("editor").post(
        reverse("calendar:post_new", args=["acme"]),
        {"text": "Trips", "channels": [channels["x"].pk], "pillar": "p" * 201},
    )
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()
    assert not Post.objects.exists()


def test_changing_only_the_pillar_keeps_an_approval(
    team: Team, channels: dict[str, Channel]
) -> None:
    made = post(team.workspace, team.users["editor"], "Trips", later(3), [channels["x"]])
    Post.objects.filter(pk=made.pk).update(state=PostState.APPROVED)
    team.client("editor").post(
        reverse("calendar:post", args=["acme", made.pk]),
        {"text": "Trips", "channels": [channels["x"].pk], "pillar": "offers"},
    )
    made.refresh_from_db()
    assert (made.pillar, made.state) == ("offers", PostState.APPROVED)


# -- the check ---------------------------------------------------------------------------------


def test_no_pillar_is_a_warning_where_the_channel_plans_pillars(
    team: Team, channels: dict[str, Channel]
) -> None:
    x, mastodon = channels["x"], channels["mastodon"]
    blocks = _blocks(_live(team, {"text": "Trips", "channels": [x.pk, mastodon.pk]}))
    assert "SE313" in _codes(blocks[x.pk])
    assert "the post has no content pillar" in blocks[x.pk]
    assert "trips, offers" in blocks[x.pk]
    assert "SE313" not in _codes(blocks[mastodon.pk])
    blocks = _blocks(_live(team, {"text": "Trips", "channels": [x.pk], "pillar": "trips"}))
    assert "SE313" not in _codes(blocks[x.pk])


def test_a_pillar_not_in_a_channels_plan_is_a_warning_next_to_it(
    team: Team, channels: dict[str, Channel]
) -> None:
    x, linkedin = channels["x"], channels["linkedin"]
    html = _live(
        team,
        {
            "text": "Our team",
            "channels": [x.pk, linkedin.pk],
            f"variant_{x.pk}": "Meet the team",
            "pillar": "team",
        },
    )
    blocks = _blocks(html)
    assert "the pillar team is not in the channel plan of X (Twitter) acme" in blocks[x.pk]
    assert "SE313" not in _codes(blocks[linkedin.pk])


def _scheduled(
    team: Team, target: Channel, pillar: str, when: dt.datetime, state: PostState
) -> Post:
    made = post(team.workspace, None, f"{pillar} post", when, [target], state)
    Post.objects.filter(pk=made.pk).update(pillar=pillar)
    return made


def _calendar(team: Team, x: Channel, day: dt.datetime, offers: int, trips: int) -> None:
    """*offers* and *trips* posts on X in the days before *day*, in states that count."""
    states = [PostState.SCHEDULED, PostState.APPROVED, PostState.IN_REVIEW, PostState.PUBLISHED]
    for n in range(offers):
        _scheduled(team, x, "offers", day - dt.timedelta(days=n + 1), states[n % 4])
    for n in range(trips):
        _scheduled(team, x, "trips", day - dt.timedelta(days=n + 1, hours=1), states[n % 4])


def test_a_pillar_above_its_share_over_four_weeks_is_a_warning(
    team: Team, channels: dict[str, Channel]
) -> None:
    x, linkedin = channels["x"], channels["linkedin"]
    day = later(10)
    _calendar(team, x, day, offers=3, trips=3)
    data = {
        "text": "Half price trips",
        "publish_at": _when(day),
        "channels": [x.pk, linkedin.pk],
        f"variant_{x.pk}": "Half price on X",
        "pillar": "offers",
    }
    blocks = _blocks(_live(team, data))
    # 4 of 7 on X with this post: 57%, above 30% + 10 points; LinkedIn has no posts yet.
    assert "SE313" in _codes(blocks[x.pk])
    assert (
        f"with this post, 4 of the 7 posts on X (Twitter) acme in the 28 days up to "
        f"{day.date().isoformat()} are offers (57%); the channel plan gives it 30%"
    ) in blocks[x.pk]
    assert "SE313" not in _codes(blocks[linkedin.pk])
    # The same post as a trip keeps to the mix.
    blocks = _blocks(_live(team, {**data, "pillar": "trips"}))
    assert "SE313" not in _codes(blocks[x.pk])


def test_drafts_other_channels_and_older_posts_do_not_count(
    team: Team, channels: dict[str, Channel]
) -> None:
    x, linkedin = channels["x"], channels["linkedin"]
    day = later(40)
    for n in range(3):
        _scheduled(team, x, "offers", day - dt.timedelta(days=n + 1), PostState.DRAFT)
        _scheduled(team, linkedin, "offers", day - dt.timedelta(days=n + 1), PostState.SCHEDULED)
        _scheduled(team, x, "offers", day - dt.timedelta(days=30 + n), PostState.SCHEDULED)
    _calendar(team, x, day, offers=0, trips=4)
    blocks = _blocks(
        _live(
            team,
            {"text": "Offer", "publish_at": _when(day), "channels": [x.pk], "pillar": "offers"},
        )
    )
    # 1 offer of 5: 20%, within 30%.
    assert "SE313" not in _codes(blocks[x.pk])


def test_the_saved_post_is_counted_once(team: Team, channels: dict[str, Channel]) -> None:
    x = channels["x"]
    day = later(10)
    _calendar(team, x, day, offers=2, trips=2)
    made = _scheduled(team, x, "offers", day, PostState.IN_REVIEW)
    html = team.client("viewer").get(reverse("calendar:post", args=["acme", made.pk])).content
    # 3 offers of 5, this one included once: 60%, above 40%.
    assert "3 of the 5 posts" in _blocks(html.decode())[x.pk]


def test_without_a_strategy_there_is_no_pillar_to_choose(team: Team) -> None:
    x = channel(team.workspace)
    html = _live(team, {"text": "Trips", "channels": [x.pk]})
    assert list(_options(html)) == [""]
    assert "SE313" not in _codes(_blocks(html)[x.pk])
