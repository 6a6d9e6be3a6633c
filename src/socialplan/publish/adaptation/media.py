"""SE302 before publishing: a draft's images against what the network takes.

The limits are the adapter's declared capabilities (the channel's own, where its server sets
them), as publishing checks them; here they are read from what is known of each image (type,
size, description) without loading its bytes, and each finding names the image it is about.
A network that fetches images itself needs them given an address it can reach, and the missing
description is only worth a word where the network shows descriptions at all.
"""

from __future__ import annotations

from socialplan.errors import human_size
from socialplan.i18n import N_
from socialplan.publish.adaptation.found import Variant, capabilities_of, finding
from socialplan.publish.checks import NO_IMAGES, TOO_MANY_IMAGES
from socialplan.rules.base import Severity
from socialplan.rules.finding import Finding

CODE = "SE302"
NEEDS_IMAGE = N_("{network} cannot publish a post without an image")
NEEDS_IMAGE_FIX = N_("add an image to the post, or leave {network} out")
IMAGES_FIX = N_("leave out images until {network} takes them all, or leave {network} out")
IMAGE_TYPE = N_("the image {image} is in {format} format, which {network} does not take")
IMAGE_TYPE_FIX = N_("upload the image in {formats} format, or leave {network} out")
IMAGE_TOO_LARGE = N_("the image {image} is {size}; {network} takes images of at most {limit}")
IMAGE_TOO_LARGE_FIX = N_("upload a smaller version of the image (fewer pixels, or compressed)")
NO_DESCRIPTION = N_("these images have no description for people who cannot see them: {images}")
NO_DESCRIPTION_FIX = N_("describe what each image shows, in the language of the text")
DESCRIPTIONS_DROPPED = N_(
    "{network} shows no descriptions on the images of a post with several images; these "
    "descriptions will not reach people who cannot see them: {images}"
)
DESCRIPTIONS_DROPPED_FIX = N_(
    "post the image whose description matters on its own, or say what the images show in the text"
)
NO_PUBLIC_ADDRESS = N_(
    "{network} fetches each image from a public address, and this server has none configured"
)
NO_PUBLIC_ADDRESS_FIX = N_(
    "ask whoever runs socialplan to set SOCIALPLAN_PUBLIC_URL to the https address the networks "
    "reach it at, or leave {network} out"
)


def format_name(mime: str) -> str:
    """An image type as people name it: ``image/jpeg`` is JPEG."""
    return mime.rpartition("/")[2].upper()


def media(variant: Variant) -> list[Finding]:
    """The network's limits on images (errors: it would refuse), then missing descriptions."""
    caps = capabilities_of(variant)
    network = caps.label
    images = variant.images
    if not images:
        if caps.needs_image:
            return [finding(CODE, Severity.ERROR, NEEDS_IMAGE, NEEDS_IMAGE_FIX, network=network)]
        return []
    if caps.max_images == 0:
        return [finding(CODE, Severity.ERROR, NO_IMAGES, IMAGES_FIX, network=network)]
    found: list[Finding] = []
    if caps.images_by_address and not variant.images_fetchable:
        found.append(
            finding(CODE, Severity.ERROR, NO_PUBLIC_ADDRESS, NO_PUBLIC_ADDRESS_FIX, network=network)
        )
    if len(images) > caps.max_images:
        found.append(
            finding(
                CODE,
                Severity.ERROR,
                TOO_MANY_IMAGES,
                IMAGES_FIX,
                count=len(images),
                network=network,
                limit=caps.max_images,
            )
        )
    formats = ", ".join(sorted(format_name(m) for m in caps.image_types))
    for image in images:
        if image.mime not in caps.image_types:
            found.append(
                finding(
                    CODE,
                    Severity.ERROR,
                    IMAGE_TYPE,
                    IMAGE_TYPE_FIX,
                    image=image.name,
                    format=format_name(image.mime),
                    network=network,
                    formats=formats,
                )
            )
        elif image.size > caps.max_image_bytes:
            found.append(
                finding(
                    CODE,
                    Severity.ERROR,
                    IMAGE_TOO_LARGE,
                    IMAGE_TOO_LARGE_FIX,
                    image=image.name,
                    size=human_size(image.size),
                    network=network,
                    limit=human_size(caps.max_image_bytes),
                )
            )
    undescribed = [image.name for image in images if not image.alt.strip()]
    if undescribed and caps.image_descriptions:
        found.append(
            finding(
                CODE,
                Severity.WARNING,
                NO_DESCRIPTION,
                NO_DESCRIPTION_FIX,
                images=", ".join(undescribed),
            )
        )
    described = [image.name for image in images if image.alt.strip()]
    if len(images) > 1 and described and not caps.descriptions_with_several_images:
        found.append(
            finding(
                CODE,
                Severity.INFO,
                DESCRIPTIONS_DROPPED,
                DESCRIPTIONS_DROPPED_FIX,
                network=network,
                images=", ".join(described),
            )
        )
    return found
