"""A post's state from its deliveries': published once all are, otherwise what needs notice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

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
    """Set the post's state from its deliveries; its new state (None if not the publisher's)."""
    post_id = post if isinstance(post, int) else post.pk
    state = refresh_post_states([post_id]).get(post_id)
    if isinstance(post, Post) and state is not None:
        post.state = state
    return state


def refresh_post_states(post_ids: Iterable[int]) -> dict[int, PostState]:
    """Set each post's state from its deliveries'; the new states of the publisher's posts.

    The posts' rows are locked first, in order (two batches sharing posts wait rather than
    deadlock), so two workers finishing two deliveries of one post at once cannot each write
    what they saw before the other's change. Three statements however many posts.
    """
    # Within a caller's transaction, no savepoint: a failure here fails the caller's change too.
    with transaction.atomic(savepoint=False):
        current = dict(
            Post.objects.select_for_update()
            .filter(pk__in=sorted(set(post_ids)), state__in=ROLLED_UP)
            .order_by("pk")
            .values_list("pk", "state")
        )
        if not current:
            return {}
        deliveries: dict[int, set[str]] = defaultdict(set)
        for post_id, delivery_state in Delivery.objects.filter(
            post_id__in=list(current)
        ).values_list("post_id", "state"):
            deliveries[post_id].add(delivery_state)
        after: dict[int, PostState] = {}
        changes: dict[PostState, list[int]] = defaultdict(list)
        for post_id, was in current.items():
            becomes = rolled_up(deliveries[post_id])
            if becomes is not None:
                after[post_id] = becomes
                if becomes != was:
                    changes[becomes].append(post_id)
        when = timezone.now()
        for state, changed in changes.items():
            Post.objects.filter(pk__in=changed).update(state=state, updated_at=when)
    return after
