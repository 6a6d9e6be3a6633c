"""SE313 before publishing: a draft's content pillar against the channel plan's mix."""

from __future__ import annotations

import datetime as dt

import pytest

from socialplan.i18n import catalogue
from socialplan.publish.adaptation import Variant, check_draft
from socialplan.publish.adaptation.pillars import pillars, planned_pillars
from socialplan.strategy.load import parse_strategy
from socialplan.strategy.model import Strategy

PLAN = """\
version: 1
channels:
  - network: mastodon
    account: "@acme"
    pillars:
      - {name: Recipes, kind: help, share: 60}
      - {name: offers, kind: promotion, share: 40}
  - network: x
    account: "@acme"
"""
DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def strategy() -> Strategy:
    return parse_strategy(PLAN, "strategy.yaml").document


def _variant(pillar: str = "", day: dt.date | None = DAY, **around: int) -> Variant:
    return Variant(
        network="mastodon",
        account="acme@social.example",
        text="Soup",
        day=day,
        pillar=pillar,
        pillars_around=around,
    )


def _messages(variant: Variant, strategy: Strategy | None) -> list[str]:
    return [f.text(catalogue("en")) for f in pillars(variant, strategy)]


def test_the_channel_plans_pillars_are_found_by_account(strategy: Strategy) -> None:
    assert [p.name for p in planned_pillars(strategy, "mastodon", "@ACME")] == ["Recipes", "offers"]
    assert planned_pillars(strategy, "x", "acme") == []
    assert planned_pillars(None, "mastodon", "acme") == []


def test_a_post_without_a_pillar_is_told_the_channels_pillars(strategy: Strategy) -> None:
    found = pillars(_variant(), strategy)
    assert [(f.code, f.severity.value) for f in found] == [("SE313", "warning")]
    assert found[0].text(catalogue("en")) == (
        "the post has no content pillar; the channel plan of Mastodon acme@social.example has: "
        "Recipes, offers"
    )


def test_a_pillar_the_channel_does_not_plan_is_a_warning(strategy: Strategy) -> None:
    assert _messages(_variant("events"), strategy) == [
        "the pillar events is not in the channel plan of Mastodon acme@social.example: "
        "Recipes, offers"
    ]


def test_a_pillar_is_matched_whatever_its_case_and_spaces(strategy: Strategy) -> None:
    assert _messages(_variant(" recipes "), strategy) == []


def test_a_pillar_above_its_share_is_a_warning(strategy: Strategy) -> None:
    # 4 offers of 6 with this one: 67%, above 40% + 10 points.
    messages = _messages(_variant("offers", Recipes=2, offers=3), strategy)
    assert messages == [
        "with this post, 4 of the 6 posts on Mastodon acme@social.example in the 28 days up to "
        "2026-11-20 are offers (67%); the channel plan gives it 40%"
    ]


def test_within_the_tolerance_is_fine(strategy: Strategy) -> None:
    # 5 of 10 offers with this one: 50%, exactly 40% + 10 points.
    assert _messages(_variant("offers", Recipes=5, offers=4), strategy) == []


def test_one_post_alone_never_trips_the_mix(strategy: Strategy) -> None:
    # 4 of 4 offers: too few posts to judge a mix by.
    assert _messages(_variant("offers", offers=3), strategy) == []


def test_posts_without_a_pillar_count_toward_the_whole(strategy: Strategy) -> None:
    # 3 offers among 8 posts: 37.5%, the two unlabelled posts included.
    assert _messages(_variant("offers", Recipes=3, offers=2, **{"": 2}), strategy) == []


def test_without_a_day_only_the_pillar_itself_is_checked(strategy: Strategy) -> None:
    assert _messages(_variant("offers", day=None, offers=30), strategy) == []


def test_channels_without_pillars_or_plan_are_not_judged(strategy: Strategy) -> None:
    x = Variant(network="x", account="acme", text="Soup", day=DAY)
    assert pillars(x, strategy) == []
    assert pillars(_variant(), None) == []


def test_the_draft_checks_include_the_pillar(strategy: Strategy) -> None:
    found = check_draft([_variant()], "en", strategy)
    assert "SE313" in {f.code for f in found[0]}


def test_the_message_is_translated(strategy: Strategy) -> None:
    found = pillars(_variant(), strategy)
    assert found[0].text(catalogue("fa"))
    assert found[0].fix_text(catalogue("fa"))
