"""Uploaded images without what they tell about who made them: EXIF (with the camera's GPS
position), XMP, comments and other text are removed before an image is stored, so none of it
leaves with a post.

A photo whose EXIF says to turn it is turned first, so it stays upright once the EXIF is gone.
JPEGs are saved again with their own quantisation tables (no visible loss), or at a high quality
when they were turned. PNG, WebP and GIF files keep their pixels as they are: only the pieces
that carry metadata are left out of them, so animations stay animated. The colour profile
(ICC) is kept everywhere, since without it colours shift.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

from PIL import ExifTags, Image, ImageOps, JpegImagePlugin

#: The quality of a JPEG that had to be turned (its tables no longer fit the turned blocks).
TURNED_QUALITY = 95
#: PNG chunks that draw the image (the critical ones are always kept): colour, transparency,
#: animation. Anything else ancillary (tEXt, zTXt, iTXt, eXIf, tIME, private ones) is left out.
_PNG_KEPT = frozenset(
    {b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"cICP", b"mDCv", b"cLLi"}
    | {b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT"}
)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: WebP chunks that draw the image; EXIF, XMP and unknown chunks are left out.
_WEBP_KEPT = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
#: VP8X flags that announce EXIF and XMP chunks.
_WEBP_EXIF_XMP = 0x08 | 0x04
#: GIF application extensions that draw the image: looping, and the colour profile.
_GIF_KEPT_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def without_metadata(data: bytes, kind: str) -> bytes:
    """*data*, an image in Pillow's format *kind*, upright and without metadata.

    Raises ``ValueError`` (or Pillow's errors) for a file whose structure is damaged.
    """
    if kind in ("JPEG", "MPO"):
        return _jpeg(data)
    with Image.open(io.BytesIO(data), formats=[kind]) as image:
        if _orientation(image) != 1 and not getattr(image, "is_animated", False):
            # Only a still image is turned: no network turns an animation by its EXIF either.
            lossless = kind == "PNG" or any(k == b"VP8L" for k, _ in _webp_chunks(data))
            return _turned(image, kind, lossless)
    if kind == "PNG":
        return _png(data)
    if kind == "WEBP":
        return _webp(data)
    return _gif(data)


def _orientation(image: Image.Image) -> int:
    """How the EXIF says to turn *image* (1: as it is)."""
    value = image.getexif().get(ExifTags.Base.Orientation, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _jpeg(data: bytes) -> bytes:
    """The first picture of a JPEG (an MPO's others are left out), saved again without its
    APP segments and comments."""
    out = io.BytesIO()
    with Image.open(io.BytesIO(data), formats=["JPEG"]) as image:  # an MPO too
        options = {
            "icc_profile": image.info.get("icc_profile"),
            "progressive": bool(image.info.get("progressive")),
            "comment": b"",
        }
        if not isinstance(image, JpegImagePlugin.JpegImageFile):
            raise ValueError("not a JPEG")
        if _orientation(image) == 1:
            # The same tables and sampling as the original ("keep", which MPO files refuse).
            image.save(
                out,
                "JPEG",
                qtables=image.quantization,
                subsampling=JpegImagePlugin.get_sampling(image),
                **options,
            )
        else:
            upright = ImageOps.exif_transpose(image)
            upright.save(out, "JPEG", quality=TURNED_QUALITY, **options)
    return out.getvalue()


def _turned(image: Image.Image, kind: str, lossless: bool) -> bytes:
    """A still PNG or WebP turned the way its EXIF says, saved again with its profile only."""
    upright = ImageOps.exif_transpose(image)
    upright.info = {k: v for k, v in upright.info.items() if k == "transparency"}
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    if kind == "PNG":
        upright.save(out, "PNG", icc_profile=icc)
    else:
        upright.save(out, "WEBP", lossless=lossless, quality=TURNED_QUALITY, icc_profile=icc)
    return out.getvalue()


def _png(data: bytes) -> bytes:
    """The PNG's chunks that draw it, unchanged."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG")
    kept = [_PNG_SIGNATURE]
    at = len(_PNG_SIGNATURE)
    while at < len(data):
        length, kind = struct.unpack(">I4s", _take(data, at, 8))
        end = at + 12 + length
        _take(data, at, end - at)
        critical = kind[:1].isupper()
        if critical or kind in _PNG_KEPT:
            kept.append(data[at:end])
        at = end
        if kind == b"IEND":
            break
    return b"".join(kept)


def _webp(data: bytes) -> bytes:
    """The WebP's chunks that draw it, unchanged; its header no longer announces EXIF or XMP."""
    kept = []
    for kind, chunk in _webp_chunks(data):
        if kind == b"VP8X" and len(chunk) > 8:
            flags = chunk[8] & ~_WEBP_EXIF_XMP & 0xFF
            kept.append(chunk[:8] + bytes([flags]) + chunk[9:])
        elif kind in _WEBP_KEPT:
            kept.append(chunk)
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _webp_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Each chunk of a WebP file: its kind, and its bytes with their header and padding."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    end_of_file = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    at = 12
    while at + 8 <= end_of_file:
        kind, size = struct.unpack("<4sI", data[at : at + 8])
        end = min(at + 8 + size + (size & 1), len(data))
        yield kind, _take(data, at, end - at)
        at = end


def _gif(data: bytes) -> bytes:
    """The GIF's blocks that draw it, unchanged: comments and other applications' data (XMP)
    are left out, looping and the colour profile kept."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise ValueError("not a GIF")
    packed = _take(data, 10, 1)[0]
    at = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    kept = [data[:at]]
    while True:
        introducer = _take(data, at, 1)
        if introducer == b";":
            kept.append(introducer)
            return b"".join(kept)
        if introducer == b",":
            packed = _take(data, at + 9, 1)[0]
            start = at
            at += 10 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0) + 1
            at = _past_sub_blocks(data, at)
            kept.append(data[start:at])
        elif introducer == b"!":
            start, label = at, _take(data, at + 1, 1)[0]
            first = data[at + 3 : at + 3 + 11]
            at = _past_sub_blocks(data, at + 2)
            application = label == 0xFF and first in _GIF_KEPT_APPLICATIONS
            if label in (0xF9, 0x01) or application:  # timing and text draw; comments do not
                kept.append(data[start:at])
        else:
            raise ValueError("a damaged GIF")


def _past_sub_blocks(data: bytes, at: int) -> int:
    """Where the data sub-blocks starting at *at* end (after their empty block)."""
    for size in _sub_block_sizes(data, at):
        at += 1 + size
    return at + 1


def _sub_block_sizes(data: bytes, at: int) -> Iterator[int]:
    while size := _take(data, at, 1)[0]:
        yield size
        at += 1 + size
        _take(data, at - size, size)


def _take(data: bytes, at: int, count: int) -> bytes:
    """*count* bytes at *at*, or ``ValueError`` for a file that ends before them."""
    if at < 0 or at + count > len(data):
        raise ValueError("the file ends too early")
    return data[at : at + count]
