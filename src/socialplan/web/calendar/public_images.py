"""Signed addresses that let a network fetch one image by itself (Instagram fetches, never takes
an upload): the one exception to "a post's images are shown to the workspace's members only".

An address names one image and the hash of its bytes, is signed with the app's secret key (and
a salt of its own, so no other signed value of the app is one), and expires after
:data:`LIFETIME`; a new one is made for every attempt to publish. Nothing in it says which
workspace or post the image belongs to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse

from socialplan.web.calendar.models import PostImage

SALT = "socialplan.calendar.public-image"
#: Long enough for a network to fetch the image while it makes the post (seconds, or minutes
#: when it is busy), short enough that an address found later shows nothing.
LIFETIME = dt.timedelta(hours=1)


def configured() -> bool:
    """Whether the app has a public address (``SOCIALPLAN_PUBLIC_URL``) to give images."""
    return bool(getattr(settings, "PUBLIC_URL", ""))


def content_hash(data: bytes) -> str:
    """The hash an address carries of its image's bytes."""
    return hashlib.sha256(data).hexdigest()


def address(image_id: int, data: bytes) -> str | None:
    """A fresh signed ``https`` address of the image *image_id* (whose bytes are *data*);
    None where the app has no public address."""
    if not configured():
        return None
    token = signing.dumps({"image": image_id, "sha256": content_hash(data)}, salt=SALT)
    return f"{settings.PUBLIC_URL}{reverse('public_image', args=[token])}"


def opened(token: str) -> PostImage | None:
    """The image *token* names, while it is valid and the image unchanged; else None."""
    try:
        value = signing.loads(token, salt=SALT, max_age=LIFETIME)
    except signing.BadSignature:  # tampered, or expired (SignatureExpired is one)
        return None
    if not isinstance(value, dict):
        return None
    image_id, expected = value.get("image"), value.get("sha256")
    if not isinstance(image_id, int) or not isinstance(expected, str):
        return None
    image = PostImage.objects.filter(pk=image_id).only("data", "mime").first()
    if image is None or not hmac.compare_digest(content_hash(bytes(image.data)), expected):
        return None
    return image
