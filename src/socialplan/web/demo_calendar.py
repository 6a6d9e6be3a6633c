"""The demo's editorial calendar: a channel per planned account, unconnected, and a few posts.

The channels have no credentials and carry a problem saying so, so the publisher passes them
over; the posts (from the demo folder's calendar.yaml) are drafts, in review or approved, never
scheduled, so nothing is ever sent to a network.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from pydantic import BaseModel, ConfigDict
from ruamel.yaml import YAML

from socialplan.inputs import read_text
from socialplan.publish.networks import ADAPTERS
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import network_label
from socialplan.web.calendar.drafts import new_delivery
from socialplan.web.calendar.models import Channel, Delivery, Post, PostState
from socialplan.web.calendar.publishing.problems import NOT_CONNECTED, problem
from socialplan.web.calendar.when import to_utc, zone_of
from socialplan.web.workspaces.models import Workspace


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoVariant(_Entry):
    """A post's variant: the planned account on *network*, with its own text if it has one."""

    network: str
    text: str = ""


class DemoPost(_Entry):
    """A post of the demo calendar, placed *day* days after the day the demo is loaded."""

    day: int
    time: dt.time
    state: PostState
    pillar: str = ""
    text: str
    variants: list[DemoVariant]


class DemoCalendar(_Entry):
    """The demo folder's calendar.yaml: the language of its texts, and its posts."""

    language: str = "en"
    posts: list[DemoPost]


#: States a demo post may have: none of them is ever picked up by the publisher.
EDITORIAL = (PostState.DRAFT, PostState.IN_REVIEW, PostState.APPROVED)


def read_calendar(path: Path) -> DemoCalendar:
    """The demo posts in *path*; none when the demo folder has no calendar."""
    if not path.is_file():
        return DemoCalendar(posts=[])
    calendar = DemoCalendar.model_validate(YAML(typ="safe").load(read_text(path)))
    if any(post.state not in EDITORIAL for post in calendar.posts):
        raise ValueError(f"{path}: demo posts are drafts, in review or approved, never scheduled")
    return calendar


def demo_channels(workspace: Workspace, strategy: Strategy) -> dict[str, Channel]:
    """A channel for each planned account the publisher knows, by network; none connected."""
    channels: dict[str, Channel] = {}
    for planned in strategy.channels:
        if planned.network not in ADAPTERS:
            continue
        unconnected = problem(NOT_CONNECTED, network=network_label(planned.network))
        channel, created = Channel.objects.get_or_create(
            workspace=workspace,
            network=planned.network,
            handle=planned.account,
            defaults={"problem": unconnected},
        )
        # A channel someone connected in the demo keeps its credentials and its state.
        if not created and not channel.sealed_credentials:
            channel.problem = unconnected
            channel.save(update_fields=["problem"])
        channels.setdefault(planned.network, channel)
    return channels


def load_calendar(
    workspace: Workspace, author: User, strategy: Strategy, calendar: DemoCalendar
) -> list[Post]:
    """Make (or refresh) the demo channels and posts; a post is known again by its text."""
    zone = zone_of(workspace)
    today = timezone.now().astimezone(zone).date()
    now = timezone.now()
    with transaction.atomic():
        channels = demo_channels(workspace, strategy)
        texts = [entry.text for entry in calendar.posts]
        # Refreshed by making them again: their days move with the day the demo is loaded.
        Post.objects.filter(workspace=workspace, text__in=texts).delete()
        posts = []
        for entry in calendar.posts:
            local = dt.datetime.combine(today + dt.timedelta(days=entry.day), entry.time)
            reviewed = entry.state != PostState.DRAFT
            approved = entry.state == PostState.APPROVED
            post = Post.objects.create(
                workspace=workspace,
                author=author,
                text=entry.text,
                language=calendar.language,
                pillar=entry.pillar,
                publish_at=to_utc(local, zone),
                state=entry.state,
                submitted_at=now if reviewed else None,
                approved_by=author if approved else None,
                approved_at=now if approved else None,
            )
            Delivery.objects.bulk_create(
                [
                    new_delivery(post, channels[variant.network], variant.text)
                    for variant in entry.variants
                    if variant.network in channels
                ]
            )
            posts.append(post)
    return posts
