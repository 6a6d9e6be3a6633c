"""Saving what the editor sends: new posts (repeated weekly if asked) and changes to one post.

Every delivery is made with its own idempotency key from the start (the column is unique and
required); scheduling gives it a fresh one, so a key is never reused across schedules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from socialplan.publish.content import IdempotencyKey
from socialplan.web.calendar.models import Channel, Delivery, Post
from socialplan.web.calendar.when import weekly
from socialplan.web.calendar.workflow import EDITABLE, Refused
from socialplan.web.workspaces.models import Workspace


def _delivery(post: Post, channel: Channel, text: str) -> Delivery:
    key = IdempotencyKey.new()
    return Delivery(
        post=post, channel=channel, text=text, key=key.value, key_issued_at=key.issued_at
    )


def create(
    workspace: Workspace,
    author: User,
    *,
    text: str,
    language: str,
    publish_at: dt.datetime | None,
    variants: Sequence[tuple[Channel, str]],
    repeat_weeks: int,
    zone: ZoneInfo,
) -> list[Post]:
    """One draft, and one more a week for *repeat_weeks* weeks at the same local time."""
    times: list[dt.datetime | None] = (
        list(weekly(publish_at, repeat_weeks, zone)) if publish_at else [None]
    )
    made = []
    with transaction.atomic():
        for when in times:
            post = Post.objects.create(
                workspace=workspace, author=author, text=text, language=language, publish_at=when
            )
            Delivery.objects.bulk_create([_delivery(post, c, own) for c, own in variants])
            made.append(post)
    return made


def update(
    post: Post,
    *,
    text: str,
    language: str,
    publish_at: dt.datetime | None,
    variants: Sequence[tuple[Channel, str]],
) -> bool:
    """Apply the editor's values to *post*; whether what it says (text or channels) changed."""
    wanted = {channel.pk: (channel, own) for channel, own in variants}
    with transaction.atomic():
        # Locked and read again: a post scheduled meanwhile keeps what was approved.
        if Post.objects.select_for_update().get(pk=post.pk).state not in EDITABLE:
            raise Refused([_("A scheduled post cannot be edited; unschedule it first.")])
        existing = {d.channel_id: d for d in post.deliveries.all()}
        changed = post.text != text or post.language != language or set(existing) != set(wanted)
        for channel_id, delivery in existing.items():
            if channel_id not in wanted:
                delivery.delete()
            elif delivery.text != wanted[channel_id][1]:
                delivery.text = wanted[channel_id][1]
                delivery.save(update_fields=["text"])
                changed = True
        Delivery.objects.bulk_create(
            [_delivery(post, c, own) for pk, (c, own) in wanted.items() if pk not in existing]
        )
        post.text, post.language, post.publish_at = text, language, publish_at
        post.save(update_fields=["text", "language", "publish_at", "updated_at"])
    return changed
