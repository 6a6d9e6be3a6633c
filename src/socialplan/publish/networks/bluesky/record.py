"""The post record: text, rich-text facets, images and the language tag.

Links and hashtags only show as such where a facet marks them, by UTF-8 byte offsets into the
text. atproto's own detection (a port of the official app's) finds them, so a post made here
links the same words the app would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from atproto_client import models
from atproto_client.models.blob_ref import BlobRef
from atproto_client.utils import detect_facets, detect_mentions

from socialplan.publish.content import Outgoing


def facets(text: str, resolve: Callable[[str], str | None]) -> list[Any]:
    """Links, hashtags and the mentions whose handle *resolve* turns into a DID."""
    found = detect_facets(text)
    for mention in detect_mentions(text):
        did = resolve(mention.handle)
        if did is None:
            continue  # not an account: the text stays as written, without a link
        found.append(
            models.AppBskyRichtextFacet.Main(
                features=[models.AppBskyRichtextFacet.Mention(did=did)],
                index=models.AppBskyRichtextFacet.ByteSlice(
                    byte_start=mention.byte_start, byte_end=mention.byte_end
                ),
            )
        )
    return sorted(found, key=lambda facet: facet.index.byte_start)


def post_record(
    post: Outgoing,
    blobs: Sequence[BlobRef],
    resolve: Callable[[str], str | None],
    created_at: str,
) -> Any:
    """The record that publishes *post*, its images already uploaded as *blobs*."""
    embed = None
    if blobs:
        embed = models.AppBskyEmbedImages.Main(
            images=[
                models.AppBskyEmbedImages.Image(alt=image.alt, image=blob)
                for image, blob in zip(post.images, blobs, strict=True)
            ]
        )
    return models.AppBskyFeedPost.Record(
        text=post.text,
        created_at=created_at,
        facets=facets(post.text, resolve) or None,
        embed=embed,
        langs=[post.language] if post.language else None,
    )
