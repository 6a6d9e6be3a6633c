"""A post that went out, or failed to, copied as a new draft: the way forward after a network
refused it, and the way to use a post again.

The post itself stays as it is, the record of what happened. The copy has its text, language,
pillar and images, and the channels still to reach: for a failed post those whose delivery
failed, for a published one all of them. It has no time yet, and is the copier's own draft.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from socialplan.web.calendar.drafts import new_delivery
from socialplan.web.calendar.models import Delivery, DeliveryState, Post, PostImage, PostState
from socialplan.web.calendar.workflow import Refused
from socialplan.web.workspaces.access import Access
from socialplan.web.workspaces.models import Role

#: States of posts that can be copied: their deliveries are over.
COPIED_FROM = (PostState.FAILED, PostState.PUBLISHED)
#: Who may copy: whoever may write drafts.
COPIES = Role.EDITOR


def copy_blockers(post: Post, access: Access) -> list[str]:
    """Why *access*'s member cannot copy *post* as a new draft now."""
    reasons = [] if access.can(COPIES) else [_("Your role does not allow this.")]
    if post.state not in COPIED_FROM:
        reasons.append(_("Only a post that failed or was published can be copied as a new draft."))
    return reasons


def copied_deliveries(post: Post) -> list[Delivery]:
    """The deliveries whose channels the copy goes to: the failed ones of a failed post, all
    of a published one."""
    deliveries = post.deliveries.select_related("channel").order_by("pk")
    if post.state == PostState.FAILED:
        deliveries = deliveries.filter(state=DeliveryState.FAILED)
    return list(deliveries)


def copy_as_draft(post: Post, access: Access, author: User) -> Post:
    """A new draft by *author* with what *post* says, its images and the channels still to
    reach; *post* is left unchanged."""
    blockers = copy_blockers(post, access)
    if blockers:
        raise Refused(blockers)
    with transaction.atomic():
        copy = Post.objects.create(
            workspace=post.workspace,
            author=author,
            text=post.text,
            language=post.language,
            pillar=post.pillar,
            publish_at=None,
        )
        Delivery.objects.bulk_create(
            [new_delivery(copy, d.channel, d.text) for d in copied_deliveries(post)]
        )
        # One image at a time: each may be megabytes, and a post carries up to twenty.
        for image_id in post.images.order_by("position", "pk").values_list("pk", flat=True):
            _copy_image(PostImage.objects.get(pk=image_id), copy)
    return copy


def _copy_image(image: PostImage, post: Post) -> None:
    """A new row for *image* on *post*: the same bytes, description and place.

    Django's way to copy a row: saved again without its key, so every field comes along.
    """
    image.pk = None
    image._state.adding = True
    image.post = post
    image.save()
