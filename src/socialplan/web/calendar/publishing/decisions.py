"""What a person decides about an unconfirmed delivery the network cannot settle.

Some networks can neither find a post by its key nor take the same key twice (Telegram, X,
LinkedIn, Facebook, Instagram; Mastodon once its hour is over). Only a person looking at the
account knows whether the post went out; each decision is recorded as an attempt.

A failed delivery is tried again by a person too, once what made it fail is mended (the
account connected again): nothing was published, so it goes out under the same key.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from socialplan.web.calendar.models import Attempt, Delivery, DeliveryState
from socialplan.web.calendar.publishing.problems import about_content
from socialplan.web.calendar.publishing.rollup import refresh_post_state

#: How an attempt names the person who decided, in place of a worker.
PERSON = "person:"


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


def try_again(delivery: Delivery, person: AbstractBaseUser) -> bool:
    """Send a failed delivery again now, under its key, with a fresh count.

    False unless it failed, its account can publish (no problem on the channel) and the
    network did not refuse the post itself: otherwise it would only fail the same way again.
    """
    now = timezone.now()
    failed = Delivery.objects.filter(
        pk=delivery.pk, state=DeliveryState.FAILED, claimed_by="", channel__problem__isnull=True
    )
    with transaction.atomic():
        # Only a person moves a failed delivery on, so its problem stays as read here.
        if about_content(failed.values_list("problem", flat=True).first()):
            return False
        changed = failed.update(state=DeliveryState.SCHEDULED, due_at=now, attempts=0, problem=None)
        if changed:
            _decided(delivery, person, Attempt.Outcome.RETRY, "tried again", now)
    return bool(changed)


def _decided(
    delivery: Delivery, person: AbstractBaseUser, outcome: str, what: str, now: dt.datetime
) -> None:
    name = person.get_username()
    Attempt.objects.create(
        delivery=delivery,
        worker=f"{PERSON}{name}"[:100],
        started_at=now,
        finished_at=now,
        outcome=outcome,
        answer=f"{what} by {name}",
    )
    refresh_post_state(delivery.post_id)
    delivery.refresh_from_db()


def decided_by(attempt: Attempt) -> str:
    """The name of the person whose decision *attempt* records; "" for a worker's attempt."""
    return attempt.worker.removeprefix(PERSON) if attempt.worker.startswith(PERSON) else ""
