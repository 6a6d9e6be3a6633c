"""Saving what the editor sends: new posts (repeated weekly if asked), changes to one post,
and its images.

Every delivery is made with its own idempotency key from the start (the column is unique and
required); scheduling gives it a fresh one, so a key is never reused across schedules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from socialplan.publish.content import IdempotencyKey
from socialplan.web.calendar.images import ReadImage, most_taken
from socialplan.web.calendar.models import Channel, Delivery, Post, PostImage
from socialplan.web.calendar.when import weekly
from socialplan.web.calendar.workflow import EDITABLE, Refused
from socialplan.web.workspaces.models import Workspace


def new_delivery(post: Post, channel: Channel, text: str) -> Delivery:
    """An unsaved delivery of *post* to *channel* with its own *text* and a key of its own."""
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
    pillar: str = "",
) -> list[Post]:
    """One draft, and one more a week for *repeat_weeks* weeks at the same local time."""
    times: list[dt.datetime | None] = (
        list(weekly(publish_at, repeat_weeks, zone)) if publish_at else [None]
    )
    made = []
    with transaction.atomic():
        for when in times:
            post = Post.objects.create(
                workspace=workspace,
                author=author,
                text=text,
                language=language,
                publish_at=when,
                pillar=pillar,
            )
            Delivery.objects.bulk_create([new_delivery(post, c, own) for c, own in variants])
            made.append(post)
    return made


def update(
    post: Post,
    *,
    text: str,
    language: str,
    publish_at: dt.datetime | None,
    variants: Sequence[tuple[Channel, str]],
    pillar: str = "",
) -> bool:
    """Apply the editor's values to *post*; whether what it says (text or channels) changed.

    The pillar is how the post is planned, not what it says, so it alone changes nothing a
    reviewer approved.
    """
    wanted = {channel.pk: (channel, own) for channel, own in variants}
    with transaction.atomic():
        _lock_editable(post)
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
            [new_delivery(post, c, own) for pk, (c, own) in wanted.items() if pk not in existing]
        )
        post.text, post.language, post.publish_at = text, language, publish_at
        post.pillar = pillar
        post.save(update_fields=["text", "language", "publish_at", "pillar", "updated_at"])
    return changed


def _lock_editable(post: Post) -> None:
    """Lock *post*'s row; refuse if it is no longer editable.

    Locked and read again: a post scheduled meanwhile keeps what was approved.
    """
    if Post.objects.select_for_update().get(pk=post.pk).state not in EDITABLE:
        raise Refused([_("A scheduled post cannot be edited; unschedule it first.")])


def add_image(post: Post, image: ReadImage, alt: str) -> PostImage:
    """Attach *image* to *post*, after its other images."""
    with transaction.atomic():
        _lock_editable(post)
        if post.images.count() >= most_taken():
            raise Refused(
                [_("A post can carry at most %(count)s images.") % {"count": most_taken()}]
            )
        last = post.images.aggregate(last=Max("position"))["last"]
        return PostImage.objects.create(
            post=post,
            name=image.name,
            mime=image.mime,
            data=image.data,
            size=len(image.data),
            width=image.width,
            height=image.height,
            thumbnail=image.thumbnail,
            thumbnail_mime=image.thumbnail_mime,
            alt=alt,
            position=0 if last is None else last + 1,
        )


def describe_image(image: PostImage, alt: str) -> bool:
    """Give *image* the description *alt*; whether it changed."""
    with transaction.atomic():
        _lock_editable(image.post)
        if image.alt == alt:
            return False
        image.alt = alt
        image.save(update_fields=["alt"])
        return True


def remove_image(image: PostImage) -> None:
    """Take *image* off its post."""
    with transaction.atomic():
        _lock_editable(image.post)
        image.delete()
