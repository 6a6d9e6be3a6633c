"""What a delivery sends: its variant's text (or the post's), the post's language and images.

Networks that fetch images themselves (Instagram) get each image with a fresh signed address
(:mod:`~socialplan.web.calendar.public_images`) where the app has a public one; the others
take the bytes, and their images get no address at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from socialplan.publish.content import Image, Outgoing
from socialplan.publish.networks import adapter_class
from socialplan.web.calendar import public_images
from socialplan.web.calendar.models import Delivery, PostImage


def outgoing_for(delivery: Delivery, images: Iterable[PostImage] | None = None) -> Outgoing:
    """The post as it leaves for *delivery*'s network, adapted to it.

    *images*, when given, are the post's images as already read (the publisher reads which
    posts of a batch have none with one query, rather than one per post).
    """
    post = delivery.post
    if images is None:
        images = post.images.only("data", "mime", "alt", "position")
    fetched = fetches_images(delivery.channel.network)
    return Outgoing(
        text=delivery.text or post.text,
        images=tuple(_image(image, fetched) for image in images),
        language=post.language or None,
    )


def fetches_images(network: str) -> bool:
    """Whether *network* fetches images from an address rather than taking them uploaded."""
    try:
        capabilities = adapter_class(network).capabilities
    except KeyError:
        return False
    return capabilities.images_by_address


def _image(image: PostImage, fetched: bool) -> Image:
    data = bytes(image.data)
    url = public_images.address(image.pk, data) if fetched else None
    return Image(data=data, mime=image.mime, alt=image.alt, url=url)
