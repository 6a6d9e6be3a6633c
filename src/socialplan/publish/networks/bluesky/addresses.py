"""Where a post lives: its ``at://`` address, its web page, and what a record read back says."""

from __future__ import annotations

import datetime as dt
from typing import Any

from atproto_core.exceptions import AtProtocolError
from atproto_core.uri import AtUri

from socialplan.publish.content import Outgoing, Published
from socialplan.publish.errors import CANNOT_SEND, KEY_TAKEN, PermanentError
from socialplan.strategy.networks import NETWORKS

#: The collection of posts in an account's repository.
POSTS = "app.bsky.feed.post"
LABEL = NETWORKS["bluesky"].label


def post_uri(ref: str) -> AtUri:
    """The parts of a post's ``at://`` address; a permanent error for anything else."""
    try:
        uri = AtUri.from_str(ref)
    except AtProtocolError:
        uri = None
    if uri is None or uri.collection != POSTS or not uri.rkey:
        raise PermanentError(CANNOT_SEND, network=LABEL, detail="not a post address")
    return uri


def published(uri: str, created_at: str | None) -> Published:
    """The post at *uri*, with its page on the Bluesky app."""
    at = AtUri.from_str(uri)
    try:
        when = dt.datetime.fromisoformat(created_at) if created_at else None
    except ValueError:
        when = None  # the writing client's clock, as it put it: no reason to fail the read
    url = f"https://bsky.app/profile/{at.host}/post/{at.rkey}"
    return Published(ref=uri, url=url, published_at=when)


def found_post(found: Any) -> Published:
    """A ``getRecord`` answer as a published post."""
    created_at = getattr(found.value, "created_at", None)
    return published(found.uri, created_at if isinstance(created_at, str) else None)


def same_post(found: Any, post: Outgoing) -> Published:
    """The post already under our record key, if it is this post and not a collision."""
    if getattr(found.value, "text", None) != post.text:
        raise PermanentError(KEY_TAKEN, network=LABEL)
    return found_post(found)
