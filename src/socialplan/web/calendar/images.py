"""Images people upload for a post: what they are (read from their content, never from their
name or the browser's word), how large, and a small copy for the pages.

Only the types some network takes are accepted (JPEG, PNG, GIF, WebP), up to the largest size
any network takes; which network takes which is the draft checks' business, next to each variant.
What is stored carries no metadata (:mod:`~socialplan.web.calendar.metadata`): a photo's GPS
position never leaves with a post.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

from socialplan.publish.networks import ADAPTERS, adapter_class
from socialplan.web.calendar.metadata import without_metadata
from socialplan.web.imports.uploads import upload_limit

#: Pillow's name of each accepted format, and its MIME type. MPO is how Pillow names a JPEG
#: from a phone that carries more pictures after the first (depth maps): stored as its first.
ACCEPTED = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
#: The formats Pillow is asked to open (it tells an MPO from a JPEG by itself).
OPENED = ["JPEG", "PNG", "GIF", "WEBP"]
#: More pixels than this is no photo for a post, and decoding it would take a lot of memory.
MAX_PIXELS = 40_000_000
#: The longest side of the copy shown on the editor's pages.
THUMBNAIL_SIDE = 320
#: The longest file name kept, as the image's name.
MAX_NAME = 200


class NotAccepted(ValueError):
    """An upload that is not an image the post can carry; the message says why, translated."""


@dataclass(frozen=True)
class ReadImage:
    """An uploaded image, verified: its bytes and type, its size and a small copy."""

    name: str
    mime: str
    data: bytes
    width: int
    height: int
    thumbnail: bytes
    thumbnail_mime: str


@cache
def largest_taken() -> int:
    """The largest image, in bytes, that some network takes."""
    return max(adapter_class(n).capabilities.max_image_bytes for n in ADAPTERS)


@cache
def most_taken() -> int:
    """The most images some network takes in one post."""
    return max(adapter_class(n).capabilities.max_images for n in ADAPTERS)


def image_limit() -> int:
    """The largest image accepted, in bytes: what some network takes, within the upload limit."""
    return min(largest_taken(), upload_limit())


def read_upload(upload: UploadedFile) -> ReadImage:
    """*upload* as an image the post can carry, or :class:`NotAccepted` saying why."""
    size = upload.size or 0
    if size == 0:
        raise NotAccepted(_("The file is empty."))
    if size > image_limit():
        raise NotAccepted(
            _("This file is %(size)s; the largest image accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(image_limit())}
        )
    data = b"".join(upload.chunks())
    try:
        with warnings.catch_warnings(), _whole_files_only():
            # Pillow only warns about images far beyond our limit; treat it as the refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _read(data, display_name(upload.name or ""))
    except NotAccepted:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        struct.error,
        Warning,
    ):
        # Whatever Pillow cannot read whole is not an image we would send anywhere.
        raise NotAccepted(
            _("This file is not an image in JPEG, PNG, GIF or WebP format, or it is damaged.")
        ) from None
    except Image.DecompressionBombError:
        raise NotAccepted(_too_many_pixels()) from None


@contextmanager
def _whole_files_only() -> Iterator[None]:
    """Pillow refuses a truncated file while an upload is read, whatever else the process set.

    WeasyPrint (the PDF report) sets ``LOAD_TRUNCATED_IMAGES`` for the whole process when it is
    imported; a cut-off upload would then pass as whole, its missing part drawn grey.
    """
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _read(data: bytes, name: str) -> ReadImage:
    """Identify *data* by its content, check it decodes whole, take its metadata off (turning
    it upright first), and make the small copy."""
    with Image.open(io.BytesIO(data), formats=OPENED) as probe:
        kind = probe.format or ""
        width, height = probe.size
        if kind not in ACCEPTED:
            raise UnidentifiedImageError(kind)
        if width * height > MAX_PIXELS:
            raise NotAccepted(_too_many_pixels())
        probe.verify()
    clean = without_metadata(data, kind)
    # What is stored is what was cleaned: it must decode whole too.
    with Image.open(io.BytesIO(clean), formats=["JPEG" if kind == "MPO" else kind]) as image:
        image.load()
        width, height = image.size
        thumbnail, thumbnail_mime = _thumbnail(image)
    return ReadImage(
        name=name or ACCEPTED[kind].replace("/", "."),
        mime=ACCEPTED[kind],
        data=clean,
        width=width,
        height=height,
        thumbnail=thumbnail,
        thumbnail_mime=thumbnail_mime,
    )


def _thumbnail(image: Image.Image) -> tuple[bytes, str]:
    """A copy at most THUMBNAIL_SIDE wide and high (the image is already upright)."""
    small = image.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    out = io.BytesIO()
    transparent = small.mode in ("RGBA", "LA", "PA") or "transparency" in small.info
    if transparent:
        small.convert("RGBA").save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png"
    small.convert("RGB").save(out, "JPEG", quality=82)
    return out.getvalue(), "image/jpeg"


def _too_many_pixels() -> str:
    return _("This image has more than %(count)s million pixels; upload a smaller version.") % {
        "count": MAX_PIXELS // 1_000_000
    }


def display_name(original: str) -> str:
    """The file's own name, without folders or control characters, short enough to show."""
    base = original.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return clean[:MAX_NAME]
