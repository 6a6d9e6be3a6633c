"""A post's state from its deliveries': published once all are, otherwise what needs notice."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.utils import timezone

from socialplan.web.calendar.models import Delivery, DeliveryState, Post, PostState
from socialplan.web.calendar.publishing.claim import ROLLED_UP


def rolled_up(states: Collection[str]) -> PostState | None:
    """The post state that deliveries in *states* add up to; None without deliveries.

    Under way wins while anything is under way; then what needs a person: a failure, then an
    unconfirmed outcome; a post is published only when every delivery is.
    """
    if not states:
        return None
    if set(states) == {DeliveryState.PUBLISHED}:
        return PostState.PUBLISHED
    for delivery, post in (
        (DeliveryState.PUBLISHING, PostState.PUBLISHING),
        (DeliveryState.FAILED, PostState.FAILED),
        (DeliveryState.UNCONFIRMED, PostState.UNCONFIRMED),
    ):
        if delivery in states:
            return post
    return PostState.SCHEDULED


def refresh_post_state(post: Post | int) -> PostState | None:
    """Set the post's state from its deliveries; its new state (None if not the publisher's).

    The post's row is locked first, so two workers finishing two deliveries of one post at
    once cannot each write what they saw before the other's change.
    """
    post_id = post if isinstance(post, int) else post.pk
    # Within a caller's transaction, no savepoint: a failure here fails the caller's change too.
    with transaction.atomic(savepoint=False):
        current = (
            Post.objects.select_for_update()
            .filter(pk=post_id, state__in=ROLLED_UP)
            .values_list("state", flat=True)
            .first()
        )
        if current is None:
            return None
        states = set(Delivery.objects.filter(post_id=post_id).values_list("state", flat=True))
        state = rolled_up(states)
        if state is not None and state != current:
            Post.objects.filter(pk=post_id).update(state=state, updated_at=timezone.now())
    if isinstance(post, Post) and state is not None:
        post.state = state
    return state
