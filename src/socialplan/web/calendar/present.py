"""Posts as the calendar shows them: local time, state, channels, and whether they can move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone

from socialplan.web.calendar.models import DeliveryState, Post, PostState
from socialplan.web.calendar.when import day_span, to_local
from socialplan.web.calendar.workflow import MOVABLE
from socialplan.web.workspaces.models import Workspace

#: Bootstrap's colour of each state's badge; the badge also says the state in words, and the
#: publisher's states (publishing, published, failed, unconfirmed) each have a colour of their own.
STATE_COLOURS = {
    PostState.DRAFT: "secondary",
    PostState.IN_REVIEW: "info",
    PostState.APPROVED: "primary",
    PostState.SCHEDULED: "dark",
    PostState.PUBLISHING: "info",
    PostState.PUBLISHED: "success",
    PostState.FAILED: "danger",
    PostState.UNCONFIRMED: "warning",
}
#: The same for a delivery, one channel's part of a post.
DELIVERY_COLOURS = {
    DeliveryState.WAITING: "secondary",
    DeliveryState.SCHEDULED: "dark",
    DeliveryState.PUBLISHING: "info",
    DeliveryState.PUBLISHED: "success",
    DeliveryState.FAILED: "danger",
    DeliveryState.UNCONFIRMED: "warning",
}
#: Delivery states only a person can move on from: a failure, or an outcome nobody knows.
NEEDS_DECISION = frozenset({DeliveryState.FAILED, DeliveryState.UNCONFIRMED})


@dataclass(frozen=True)
class PostCard:
    """One post on the calendar."""

    post: Post
    local: dt.datetime | None
    state_label: str
    colour: str
    networks: list[str]
    url: str
    move_url: str
    #: A short opening of the text, for the grid.
    headline: str
    #: A channel failed, or nobody knows whether it published: someone must look.
    needs_decision: bool


def cards(posts: Iterable[Post], zone: ZoneInfo, can_move: bool) -> list[PostCard]:
    """The posts as cards, each with its local time."""
    found = []
    for post in posts:
        slug = post.workspace.slug
        deliveries = post.deliveries.all()
        found.append(
            PostCard(
                post=post,
                local=to_local(post.publish_at, zone) if post.publish_at else None,
                state_label=str(PostState(post.state).label),
                colour=STATE_COLOURS.get(PostState(post.state), "secondary"),
                networks=sorted({d.channel.get_network_display() for d in deliveries}),
                url=reverse("calendar:post", args=[slug, post.pk]),
                move_url=reverse("calendar:move", args=[slug, post.pk])
                if can_move and post.state in MOVABLE
                else "",
                headline=headline(post.text),
                needs_decision=any(d.state in NEEDS_DECISION for d in deliveries),
            )
        )
    return found


def headline(text: str, limit: int = 60) -> str:
    """The first line of *text*, cut to *limit* characters."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= limit else first[: limit - 1] + "…"


def posts_between(
    workspace: Workspace, first: dt.date, last: dt.date, zone: ZoneInfo
) -> QuerySet[Post]:
    """The workspace's posts on local days *first* to *last*, in time order."""
    start, end = day_span(first, last, zone)
    return (
        workspace.posts.filter(publish_at__gte=start, publish_at__lt=end)
        .select_related("workspace")
        .prefetch_related("deliveries__channel")
        .order_by("publish_at", "pk")
    )


def by_day(found: Iterable[PostCard]) -> dict[dt.date, list[PostCard]]:
    """Cards grouped by their local day."""
    days: dict[dt.date, list[PostCard]] = {}
    for card in found:
        if card.local is not None:
            days.setdefault(card.local.date(), []).append(card)
    return days


def first_weekday() -> int:
    """The first day of the week in the reader's language, as Python counts (0 is Monday)."""
    # Django counts from Sunday (0), as the locale files give it.
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def render_in(
    request: HttpRequest,
    zone: ZoneInfo,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render with the workspace's zone current, so template dates show its wall-clock time."""
    with timezone.override(zone):
        return render(request, template, context, status=status)
