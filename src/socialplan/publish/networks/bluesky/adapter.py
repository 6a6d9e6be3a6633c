"""Bluesky through the atproto client: a post is a record whose key comes from its own key.

The session is kept with the credentials and resumed by the next worker (``session.py``).
"""

from __future__ import annotations

import datetime as dt

import httpx
from atproto_client import Client, models
from atproto_client.models.blob_ref import BlobRef

from socialplan.i18n import N_
from socialplan.publish.capabilities import FOREVER, Capabilities, Counting
from socialplan.publish.content import AccountInfo, IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import (
    NotFoundError,
    PublishError,
    RejectedError,
    UnknownOutcome,
)
from socialplan.publish.http import Http
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.bluesky.addresses import (
    POSTS,
    found_post,
    post_uri,
    published,
    same_post,
)
from socialplan.publish.networks.bluesky.credentials import BlueskyCredentials
from socialplan.publish.networks.bluesky.record import post_record
from socialplan.publish.networks.bluesky.rkey import record_key
from socialplan.publish.networks.bluesky.session import KeptSession
from socialplan.publish.networks.bluesky.transport import ThroughHttp, readable_answers

#: The app.bsky.feed.post and app.bsky.embed.images lexicons: 300 graphemes, four images of
#: up to 2 MB; the record key is part of the post, so a key is honoured for good.
CAPABILITIES = Capabilities(
    network="bluesky",
    counting=Counting.GRAPHEMES,
    max_images=4,
    image_types=frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"}),
    max_image_bytes=2_000_000,
    idempotency_window=FOREVER,
    findable_by_key=True,
)
#: The lexicon also caps the text at 3000 UTF-8 bytes (emoji sequences reach it first).
_MAX_TEXT_BYTES = 3000
TEXT_TOO_BIG = N_("the text takes {size} bytes; {network} stores at most {limit}")


class BlueskyAdapter(Adapter[BlueskyCredentials]):
    """Posts on one Bluesky account, through its PDS."""

    network = "bluesky"
    capabilities = CAPABILITIES
    credentials_type = BlueskyCredentials

    def __init__(
        self, credentials: BlueskyCredentials, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        super().__init__(credentials, transport=transport)
        self._http = Http(
            CAPABILITIES.label, secrets=credentials.secret_values(), transport=transport
        )
        self._client = Client(credentials.service, request=ThroughHttp(self._http))
        self._session = KeptSession(self, self._client, self._http)

    def validate(self) -> AccountInfo:
        """The account the app password (or the kept session) opens, as the PDS names it."""
        if self._session.open():
            return self._session.account()  # a login just now: the PDS named the account
        return self._session.run(self._session.whoami)

    def check(self, post: Outgoing) -> None:
        """The shared limits, then the lexicon's cap on bytes."""
        super().check(post)
        size = len(post.text.encode("utf-8"))
        if size > _MAX_TEXT_BYTES:
            raise RejectedError(
                TEXT_TOO_BIG, size=size, network=CAPABILITIES.label, limit=_MAX_TEXT_BYTES
            )

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Create the post under the record key of *key*, or return the one already there."""
        self.check(post)
        return self._session.run(lambda: self._publish(post, key))

    def read_back(self, ref: str) -> Published | None:
        """The post at the ``at://`` address *ref*, or None once it is gone."""
        uri = post_uri(ref)
        found = self._session.run(lambda: self._get(uri.host, uri.rkey))
        return None if found is None else found_post(found)

    def find_by_key(self, key: IdempotencyKey) -> Published | None:
        """The post published under *key*, if any: its record key says where it must be."""
        found = self._session.run(lambda: self._get(self._session.account().id, record_key(key)))
        return None if found is None else found_post(found)

    def delete(self, ref: str) -> None:
        """Delete the post at *ref* (a PDS answers success for a record already gone)."""
        uri = post_uri(ref)
        data = models.ComAtprotoRepoDeleteRecord.Data(
            repo=uri.host, collection=POSTS, rkey=uri.rkey
        )

        def delete_record() -> None:
            with readable_answers(self._http):
                self._client.com.atproto.repo.delete_record(data)

        self._session.run(delete_record)

    def close(self) -> None:
        """Release the connections."""
        self._http.close()

    def _publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Publish in the open session; run again whole after a renewal, the record key keeps
        it to one post."""
        rkey = record_key(key)
        with nothing_published():
            did = self._session.account().id
            existing = self._get(did, rkey)
            if existing is not None:
                return same_post(existing, post)
            record = self._record(post)
        data = models.ComAtprotoRepoCreateRecord.Data(
            repo=did, collection=POSTS, rkey=rkey, record=record
        )
        try:
            with readable_answers(self._http):
                created = self._client.com.atproto.repo.create_record(data)
        except UnknownOutcome as unknown:
            # A PDS answers 500 to a record key in use: perhaps our own attempt got through.
            try:
                found = self._get(did, rkey)
            except PublishError:
                raise unknown from None
            if found is None:
                raise
            return same_post(found, post)
        return published(created.uri, record.created_at)

    def _get(self, did: str, rkey: str) -> models.ComAtprotoRepoGetRecord.Response | None:
        params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=POSTS, rkey=rkey)
        try:
            with readable_answers(self._http):
                return self._client.com.atproto.repo.get_record(params)
        except NotFoundError:
            return None

    def _record(self, post: Outgoing) -> models.AppBskyFeedPost.Record:
        blobs = [self._upload(image) for image in post.images]
        created_at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        return post_record(post, blobs, self._resolve, created_at.replace("+00:00", "Z"))

    def _upload(self, image: Image) -> BlobRef:
        with readable_answers(self._http):
            answer = self._client.com.atproto.repo.upload_blob(
                image.data, headers={"Content-Type": image.mime}
            )
        return answer.blob

    def _resolve(self, handle: str) -> str | None:
        try:
            with readable_answers(self._http):
                answer = self._client.com.atproto.identity.resolve_handle({"handle": handle})
        except (NotFoundError, RejectedError):
            return None  # no such account: the mention stays plain text
        return str(answer.did)
