"""WordPress through its REST API (``/wp-json/wp/v2``) with an application password.

The post's slug is made from its key (``content.slug``), so a post can be found by its key for as
long as nobody renames it: ``publish`` looks for it first, and looks again after an unknown
outcome, so a retried publish returns the post already there instead of making a second one.
"""

from __future__ import annotations

import base64
from contextlib import suppress
from typing import Any

import httpx

from socialplan.i18n import N_
from socialplan.publish.capabilities import FOREVER, Capabilities, Counting
from socialplan.publish.content import AccountInfo, IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import (
    CANNOT_SEND,
    AuthError,
    NotFoundError,
    PermanentError,
    PublishError,
    UnknownOutcome,
)
from socialplan.publish.http import Http, expect
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.wordpress.content import (
    EXTENSIONS,
    figure,
    published,
    slug,
    title_and_body,
)
from socialplan.publish.networks.wordpress.credentials import WordPressCredentials

#: Ten images, the first as the featured image; 8 MB, though each server sets its own limit.
#: The slug holds the key for as long as the post keeps it.
CAPABILITIES = Capabilities(
    network="wordpress",
    counting=Counting.CHARACTERS,
    max_images=10,
    image_types=frozenset(EXTENSIONS),
    max_image_bytes=8 * 1024 * 1024,
    idempotency_window=FOREVER,
    findable_by_key=True,
)
CANNOT_PUBLISH = N_(
    "the user {user} may not publish posts on {site}: give them the author, editor or "
    "administrator role"
)
POSTS = "/wp-json/wp/v2/posts"


class WordPressAdapter(Adapter[WordPressCredentials]):
    """Posts on one WordPress site, by one user."""

    network = "wordpress"
    capabilities = CAPABILITIES
    credentials_type = WordPressCredentials

    def __init__(
        self, credentials: WordPressCredentials, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        super().__init__(credentials, transport=transport)
        pair = f"{credentials.username}:{credentials.application_password.get_secret_value()}"
        basic = base64.b64encode(pair.encode("utf-8")).decode("ascii")
        self._http = Http(
            CAPABILITIES.label,
            credentials.site,
            headers={"Authorization": f"Basic {basic}"},
            # A server that quotes the header it was sent quotes the encoded pair.
            secrets=[*credentials.secret_values(), basic],
            transport=transport,
        )

    def validate(self) -> AccountInfo:
        """The user the password belongs to, once they are known to be allowed to publish."""
        me = self._http.json("GET", "/wp-json/wp/v2/users/me", params={"context": "edit"})
        user_id = expect(me, "id", int, self._http)
        handle = str(me.get("slug") or self.credentials.username)
        capabilities = me.get("capabilities")
        if not isinstance(capabilities, dict) or capabilities.get("publish_posts") is not True:
            raise AuthError(CANNOT_PUBLISH, user=handle, site=self.credentials.site)
        link = me.get("link")
        return AccountInfo(
            id=str(user_id),
            handle=handle,
            display_name=str(me.get("name") or ""),
            url=link if isinstance(link, str) else None,
        )

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """The post under *key* if it exists; else upload the images and create it."""
        self.check(post)
        name = slug(key)
        with nothing_published():
            existing = self._find(name)
            if existing is not None:
                return existing
            media = [self._upload(image, f"{name}-{n}") for n, image in enumerate(post.images)]
        title, body = title_and_body(post.text)
        extra = "".join(
            figure(url, image.alt)
            for (_, url), image in zip(media[1:], post.images[1:], strict=True)
        )
        fields: dict[str, Any] = {
            "title": title,
            "content": body + extra,
            "status": "publish",
            "slug": name,
        }
        if media:
            fields["featured_media"] = media[0][0]
        try:
            return published(self._http.json("POST", POSTS, json=fields), self._http)
        except UnknownOutcome as unknown:
            # Perhaps it was made: the slug says where it would be.
            try:
                found = self._find(name)
            except PublishError:
                raise unknown from None
            if found is None:
                raise
            return found

    def find_by_key(self, key: IdempotencyKey) -> Published | None:
        """The post published under *key*, by its slug."""
        return self._find(slug(key))

    def read_back(self, ref: str) -> Published | None:
        """The post *ref* (its number), or None once it is gone or in the bin."""
        try:
            answer = self._http.json("GET", _path(ref), params={"context": "edit"})
        except NotFoundError:
            return None
        trashed = isinstance(answer, dict) and answer.get("status") == "trash"
        return None if trashed else published(answer, self._http)

    def delete(self, ref: str) -> None:
        """Delete the post *ref* for good (not to the bin); one already gone is done."""
        with suppress(NotFoundError):
            self._http.send("DELETE", _path(ref), params={"force": "true"})

    def close(self) -> None:
        """Release the connections."""
        self._http.close()

    def _find(self, name: str) -> Published | None:
        params = {"slug": name, "status": "any", "context": "edit"}
        found = self._http.json("GET", POSTS, params=params)
        if not isinstance(found, list):
            raise self._http.shape_error("the search did not answer a list")
        return published(found[0], self._http) if found else None

    def _upload(self, image: Image, name: str) -> tuple[int, str]:
        """Upload one image with its description; its id and its address."""
        filename = f"{name}.{EXTENSIONS[image.mime]}"
        answer = self._http.json(
            "POST",
            "/wp-json/wp/v2/media",
            files={"file": (filename, image.data, image.mime)},
            data={"alt_text": image.alt},
        )
        source = expect(answer, "source_url", str, self._http)
        return expect(answer, "id", int, self._http), source


def _path(ref: str) -> str:
    if not ref.isdigit() or not ref.isascii():
        raise PermanentError(CANNOT_SEND, network=CAPABILITIES.label, detail="not a post's number")
    return f"{POSTS}/{ref}"
