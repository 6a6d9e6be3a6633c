"""The way of a post: draft → in review → approved → scheduled, and what may send it back.

Each transition is one function that first lists every reason it cannot happen now
(``*_blockers``), then changes the rows with conditional updates, so two people (or a person and
the publisher) acting at once cannot both win. Only a scheduled post has deliveries the
publisher will claim; unscheduling takes them back only while none of them has started.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from socialplan.publish.content import IdempotencyKey
from socialplan.rules.finding import Finding
from socialplan.web.calendar.models import DeliveryState, Post, PostState
from socialplan.web.workspaces.access import Access
from socialplan.web.workspaces.models import Role

#: States in which the text, the channels and the time may still be edited.
EDITABLE = (PostState.DRAFT, PostState.IN_REVIEW, PostState.APPROVED)
#: States in which the time may change (a scheduled post's deliveries move with it).
MOVABLE = (*EDITABLE, PostState.SCHEDULED)


class Refused(Exception):
    """A transition the rules do not allow now, with every reason in the reader's language."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = list(reasons)
        super().__init__(" ".join(self.reasons))


def _changed_meanwhile() -> Refused:
    return Refused([_("The post was changed meanwhile; reload the page and try again.")])


def _errors(findings: Sequence[Finding]) -> list[str]:
    count = len(findings)
    if not count:
        return []
    return [
        ngettext(
            "The checks find %(count)d problem that must be corrected first.",
            "The checks find %(count)d problems that must be corrected first.",
            count,
        )
        % {"count": count}
    ]


def _role(access: Access, needed: Role) -> list[str]:
    return [] if access.can(needed) else [_("Your role does not allow this.")]


def submit_blockers(post: Post, access: Access, errors: Sequence[Finding]) -> list[str]:
    """Why *post* cannot go to review now: only a complete, error-free draft can."""
    reasons = _role(access, Role.EDITOR)
    if post.state != PostState.DRAFT:
        reasons.append(_("Only a draft can be submitted for review."))
    if post.publish_at is None:
        reasons.append(_("Give the post a time first."))
    if not post.deliveries.exists():
        reasons.append(_("Choose at least one channel first."))
    return reasons + _errors(errors)


def submit(post: Post, access: Access, errors: Sequence[Finding]) -> None:
    """Draft → in review."""
    _refuse_if(submit_blockers(post, access, errors))
    _move_state(post, PostState.DRAFT, PostState.IN_REVIEW, submitted_at=timezone.now())


def approve_blockers(post: Post, access: Access, errors: Sequence[Finding]) -> list[str]:
    """Why *access*'s member cannot approve *post*: a reviewer (or higher) who is not its
    author, unless the workspace lets authors approve their own posts."""
    reasons = _role(access, Role.REVIEWER)
    if post.state != PostState.IN_REVIEW:
        reasons.append(_("Only a post in review can be approved."))
    own = post.author_id is not None and post.author_id == access.membership.user_id
    if own and not access.workspace.allow_self_approval:
        reasons.append(_("You wrote this post, so someone else must approve it."))
    return reasons + _errors(errors)


def approve(post: Post, access: Access, errors: Sequence[Finding]) -> None:
    """In review → approved, by whom and when."""
    _refuse_if(approve_blockers(post, access, errors))
    _move_state(
        post,
        PostState.IN_REVIEW,
        PostState.APPROVED,
        approved_by=access.membership.user,
        approved_at=timezone.now(),
    )


def schedule_blockers(
    post: Post, access: Access, errors: Sequence[Finding], now: dt.datetime | None = None
) -> list[str]:
    """Why *post* cannot be scheduled now: only an approved post with a time to come can."""
    reasons = _role(access, Role.EDITOR)
    if post.state != PostState.APPROVED:
        reasons.append(_("Only an approved post can be scheduled."))
    if post.publish_at is None:
        reasons.append(_("Give the post a time first."))
    elif post.publish_at <= (now or timezone.now()):
        reasons.append(_("Its time has passed; choose a later time first."))
    if not post.deliveries.exists():
        reasons.append(_("Choose at least one channel first."))
    return reasons + _errors(errors)


def schedule(
    post: Post, access: Access, errors: Sequence[Finding], now: dt.datetime | None = None
) -> None:
    """Approved → scheduled: each delivery becomes due at the post's time, with a fresh key."""
    _refuse_if(schedule_blockers(post, access, errors, now))
    with transaction.atomic():
        _move_state(post, PostState.APPROVED, PostState.SCHEDULED)
        _due_with_fresh_keys(post, post.publish_at)


def _due_with_fresh_keys(post: Post, when: dt.datetime | None) -> None:
    """Each of *post*'s deliveries becomes due at *when*, with a key of its own, never used."""
    for delivery in post.deliveries.all():
        key = IdempotencyKey.new()
        delivery.state = DeliveryState.SCHEDULED
        delivery.due_at = when
        delivery.key, delivery.key_issued_at = key.value, key.issued_at
        delivery.claimed_by, delivery.claimed_at, delivery.problem = "", None, None
        delivery.save(
            update_fields=[
                "state",
                "due_at",
                "key",
                "key_issued_at",
                "claimed_by",
                "claimed_at",
                "problem",
            ]
        )


#: States from which a post may be published now instead of at its time.
PUBLISHABLE_NOW = (PostState.APPROVED, PostState.SCHEDULED)


def publish_now_blockers(post: Post, access: Access, errors: Sequence[Finding]) -> list[str]:
    """Why *post* cannot be published now: as for scheduling, less the time to come."""
    reasons = _role(access, Role.EDITOR)
    if post.state not in PUBLISHABLE_NOW:
        reasons.append(_("Only an approved or scheduled post can be published now."))
    if not post.deliveries.exists():
        reasons.append(_("Choose at least one channel first."))
    elif post.deliveries.filter(channel__problem__isnull=False).exists():
        # The publisher passes such accounts over: "now" would silently mean "some day".
        reasons.append(_("An account of this post cannot publish now; connect it again first."))
    return reasons + _errors(errors)


def publish_now(
    post: Post, access: Access, errors: Sequence[Finding], now: dt.datetime | None = None
) -> None:
    """Approved or scheduled → scheduled, due now, and the post's time is now.

    Only deliveries the publisher has not started on move; one waiting out a network's
    limit (a retry with its problem kept) keeps its time, since the network would refuse it.
    The publishing loop claims the rest at its next tick.
    """
    _refuse_if(publish_now_blockers(post, access, errors))
    now = now or timezone.now()
    with transaction.atomic():
        if post.state == PostState.APPROVED:
            _move_state(post, PostState.APPROVED, PostState.SCHEDULED)
            _due_with_fresh_keys(post, now)
        elif not post.deliveries.filter(
            state=DeliveryState.SCHEDULED, claimed_by="", problem__isnull=True
        ).update(due_at=now):
            transaction.set_rollback(True)
            raise Refused(
                [_("Every channel has started publishing or waits for its network; try later.")]
            )
        if not Post.objects.filter(pk=post.pk, state=PostState.SCHEDULED).update(
            publish_at=now, updated_at=now
        ):
            transaction.set_rollback(True)
            raise _changed_meanwhile()
        post.publish_at = now


def unschedule(post: Post, access: Access) -> None:
    """Scheduled → approved, while no delivery has been claimed by the publisher."""
    _refuse_if(_role(access, Role.EDITOR))
    if post.state != PostState.SCHEDULED:
        raise Refused([_("Only a scheduled post can be unscheduled.")])
    with transaction.atomic():
        # The publisher claims with a conditional update too: whichever runs first wins.
        post.deliveries.filter(state=DeliveryState.SCHEDULED, claimed_by="").update(
            state=DeliveryState.WAITING, due_at=None
        )
        if post.deliveries.exclude(state=DeliveryState.WAITING).exists():
            transaction.set_rollback(True)
            raise Refused(
                [_("Publishing has started on a channel, so the post cannot be unscheduled.")]
            )
        _move_state(post, PostState.SCHEDULED, PostState.APPROVED)


def withdraw_blockers(post: Post, access: Access) -> list[str]:
    """Why *post* cannot go back to draft: only one in review or approved can."""
    reasons = _role(access, Role.EDITOR)
    if post.state not in (PostState.IN_REVIEW, PostState.APPROVED):
        reasons.append(_("Only a post in review or approved can go back to draft."))
    return reasons


def withdraw(post: Post, access: Access) -> None:
    """In review or approved → draft; any approval is cleared."""
    _refuse_if(withdraw_blockers(post, access))
    _move_state(post, post.state, PostState.DRAFT, **_CLEARED)


def edit_blockers(post: Post, access: Access) -> list[str]:
    """Why *post*'s text, channels or time cannot be edited: it is scheduled or gone out."""
    reasons = _role(access, Role.EDITOR)
    if post.state not in EDITABLE:
        reasons.append(_("A scheduled post cannot be edited; unschedule it first."))
    return reasons


def after_edit(post: Post, content_changed: bool) -> None:
    """Editing what a post says sends it back to draft and clears its approval."""
    if content_changed and post.state != PostState.DRAFT:
        _move_state(post, post.state, PostState.DRAFT, **_CLEARED)


def move_blockers(
    post: Post, access: Access, when: dt.datetime, now: dt.datetime | None = None
) -> list[str]:
    """Why *post* cannot move to *when*: it is under way, or a scheduled post to the past."""
    reasons = _role(access, Role.EDITOR)
    if post.state not in MOVABLE:
        reasons.append(_("A post that is publishing or has gone out cannot be moved."))
    elif post.state == PostState.SCHEDULED and when <= (now or timezone.now()):
        reasons.append(_("A scheduled post can only move to a time to come."))
    return reasons


def move(post: Post, access: Access, when: dt.datetime, now: dt.datetime | None = None) -> None:
    """Give *post* a new time; a scheduled post's deliveries move with it, if none has started."""
    _refuse_if(move_blockers(post, access, when, now))
    with transaction.atomic():
        if post.state == PostState.SCHEDULED:
            moved = post.deliveries.filter(state=DeliveryState.SCHEDULED, claimed_by="").update(
                due_at=when
            )
            if moved != post.deliveries.count():
                transaction.set_rollback(True)
                raise Refused(
                    [_("Publishing has started on a channel, so the post cannot be moved.")]
                )
        if not Post.objects.filter(pk=post.pk, state=post.state).update(publish_at=when):
            transaction.set_rollback(True)
            raise _changed_meanwhile()
        post.publish_at = when


def delete_blockers(post: Post, access: Access) -> list[str]:
    """Why *post* cannot be deleted: only posts not scheduled yet can."""
    reasons = _role(access, Role.EDITOR)
    if post.state not in EDITABLE:
        reasons.append(_("Only a post that is not scheduled can be deleted."))
    return reasons


def delete(post: Post, access: Access) -> None:
    """Delete *post* and its deliveries; none of them was ever due."""
    _refuse_if(delete_blockers(post, access))
    if not Post.objects.filter(pk=post.pk, state__in=EDITABLE).delete()[0]:
        raise _changed_meanwhile()


_CLEARED: dict[str, object] = {"submitted_at": None, "approved_by": None, "approved_at": None}


def _refuse_if(reasons: list[str]) -> None:
    if reasons:
        raise Refused(reasons)


def _move_state(post: Post, before: str, after: PostState, **fields: object) -> None:
    """Set *post*'s state to *after* (and *fields*) only if it is still *before*."""
    changed = Post.objects.filter(pk=post.pk, state=before)
    if not changed.update(state=after, updated_at=timezone.now(), **fields):
        raise _changed_meanwhile()
    post.state = after
    for name, value in fields.items():
        setattr(post, name, value)
