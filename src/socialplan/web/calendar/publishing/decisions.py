"""What a person decides about an unconfirmed delivery the network cannot settle.

Some networks can neither find a post by its key nor take the same key twice (Telegram, X,
LinkedIn, Facebook, Instagram; Mastodon once its hour is over). Only a person looking at the
account knows whether the post went out; each decision is recorded as an attempt.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from socialplan.web.calendar.models import Attempt, Delivery, DeliveryState
from socialplan.web.calendar.publishing.rollup import refresh_post_state


def confirm_published(delivery: Delivery, person: AbstractBaseUser, url: str = "") -> bool:
    """The person saw the post on the network: published. False if it was not unconfirmed."""
    now = timezone.now()
    with transaction.atomic():
        changed = Delivery.objects.filter(
            pk=delivery.pk, state=DeliveryState.UNCONFIRMED, claimed_by=""
        ).update(
            state=DeliveryState.PUBLISHED,
            remote_url=url[:500],
            published_at=now,
            due_at=None,
            problem=None,
        )
        if changed:
            _decided(delivery, person, Attempt.Outcome.FOUND, "confirmed published", now)
    return bool(changed)


def confirm_not_published(delivery: Delivery, person: AbstractBaseUser) -> bool:
    """The person looked and the post is not there: due again now, with a fresh count."""
    now = timezone.now()
    with transaction.atomic():
        changed = Delivery.objects.filter(
            pk=delivery.pk, state=DeliveryState.UNCONFIRMED, claimed_by=""
        ).update(state=DeliveryState.SCHEDULED, due_at=now, attempts=0, problem=None)
        if changed:
            _decided(
                delivery,
                person,
                Attempt.Outcome.RETRY,
                "confirmed not published: scheduled again",
                now,
            )
    return bool(changed)


def _decided(
    delivery: Delivery, person: AbstractBaseUser, outcome: str, what: str, now: dt.datetime
) -> None:
    name = person.get_username()
    Attempt.objects.create(
        delivery=delivery,
        worker=f"person:{name}"[:100],
        started_at=now,
        finished_at=now,
        outcome=outcome,
        answer=f"{what} by {name}",
    )
    refresh_post_state(delivery.post_id)
    delivery.refresh_from_db()
