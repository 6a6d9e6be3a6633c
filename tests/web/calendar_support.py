"""Channels, posts and a strategy for the calendar tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User

from socialplan.publish.content import IdempotencyKey
from socialplan.web.calendar.models import Channel, Delivery, Post, PostState
from socialplan.web.calendar.sealing import seal
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.workspaces.models import Workspace

#: A plan with X and LinkedIn (LinkedIn at most one post a day), insults and politics forbidden.
STRATEGY = """\
version: 1
channels:
  - network: x
    account: "@acme"
    cadence: {posts: 3, per: week}
  - network: linkedin
    account: acme
    cadence: {posts: 1, per: day}
policy:
  forbidden: [insult, politics]
"""


def plan(workspace: Workspace, text: str = STRATEGY) -> StrategyRevision:
    """Give *workspace* a strategy."""
    return StrategyRevision.objects.create(workspace=workspace, number=1, text=text)


def channel(workspace: Workspace, network: str = "x", handle: str = "acme") -> Channel:
    """A connected account (its sealed credentials are never used by these tests)."""
    return Channel.objects.create(
        workspace=workspace,
        network=network,
        handle=handle,
        sealed_credentials=seal({"access_token": "unused"}),
        validated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


def post(
    workspace: Workspace,
    author: User | None,
    text: str = "Autumn trips are out",
    when: dt.datetime | None = None,
    channels: Sequence[Channel] = (),
    state: PostState = PostState.DRAFT,
    own: dict[int, str] | None = None,
) -> Post:
    """A post in *state* with one delivery per channel."""
    made = Post.objects.create(
        workspace=workspace, author=author, text=text, publish_at=when, state=state, language=""
    )
    for target in channels:
        key = IdempotencyKey.new()
        Delivery.objects.create(
            post=made,
            channel=target,
            text=(own or {}).get(target.pk, ""),
            key=key.value,
            key_issued_at=key.issued_at,
        )
    return made


def later(days: int = 3, hour: int = 9) -> dt.datetime:
    """A UTC time *days* from now, on the hour."""
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return (now + dt.timedelta(days=days)).replace(hour=hour)
