"""The hard limits of a network, checked before anything is sent to it."""

from __future__ import annotations

from socialplan.errors import human_size
from socialplan.i18n import N_
from socialplan.publish.capabilities import Capabilities
from socialplan.publish.content import Outgoing
from socialplan.publish.errors import RejectedError

EMPTY = N_("the post has neither text nor images")
TOO_LONG = N_("the text is {length} characters long; {network} takes at most {limit}")
TOO_MANY_IMAGES = N_("the post has {count} images; {network} takes at most {limit}")
NO_IMAGES = N_("{network} does not take images in posts")
IMAGE_TYPE = N_("an image of type {mime} cannot be posted to {network}")
IMAGE_TOO_LARGE = N_("an image of {size} is too large for {network}; the limit is {limit}")


def problems(caps: Capabilities, post: Outgoing) -> list[RejectedError]:
    """Every reason *post* cannot go to the network as it is; empty when it can."""
    network = caps.label
    found: list[RejectedError] = []
    if not post.text.strip() and not post.images:
        found.append(RejectedError(EMPTY))
    length = caps.length(post.text)
    if caps.max_length is not None and length > caps.max_length:
        found.append(RejectedError(TOO_LONG, length=length, network=network, limit=caps.max_length))
    if post.images and caps.max_images == 0:
        found.append(RejectedError(NO_IMAGES, network=network))
    elif len(post.images) > caps.max_images:
        found.append(
            RejectedError(
                TOO_MANY_IMAGES, count=len(post.images), network=network, limit=caps.max_images
            )
        )
    for image in post.images:
        if image.mime not in caps.image_types:
            found.append(RejectedError(IMAGE_TYPE, mime=image.mime, network=network))
        elif len(image.data) > caps.max_image_bytes:
            found.append(
                RejectedError(
                    IMAGE_TOO_LARGE,
                    size=human_size(len(image.data)),
                    network=network,
                    limit=human_size(caps.max_image_bytes),
                )
            )
    return found


def check(caps: Capabilities, post: Outgoing) -> None:
    """Raise the first reason *post* cannot go to the network, before any request is made."""
    found = problems(caps, post)
    if found:
        raise found[0]
