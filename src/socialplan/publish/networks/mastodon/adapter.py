"""Mastodon through its REST API on the shared HTTP helper (why not Mastodon.py: decision 0007)."""

from __future__ import annotations

import datetime as dt
import time
from contextlib import suppress
from typing import Any
from urllib.parse import quote

import httpx

from socialplan.publish.capabilities import Capabilities, Counting
from socialplan.publish.checks import check
from socialplan.publish.content import AccountInfo, IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import BUSY, NotFoundError, RejectedError, RetryableError
from socialplan.publish.http import Http, expect
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.mastodon.credentials import MastodonCredentials
from socialplan.publish.networks.mastodon.limits import (
    SERVER_TOO_LONG,
    ServerCapabilities,
    on_server,
    read_limits,
)
from socialplan.publish.secrets import Credentials

#: Mastodon 4's defaults: four images of up to 16 MiB; it keeps an ``Idempotency-Key`` for one
#: hour. A server's own length, images and link length replace them where it states them.
CAPABILITIES = ServerCapabilities(
    network="mastodon",
    counting=Counting.GRAPHEMES,
    link_length=23,
    max_images=4,
    image_types=frozenset(
        {"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/avif"}
    ),
    max_image_bytes=16 * 1024 * 1024,
    idempotency_window=dt.timedelta(hours=1),
    findable_by_key=False,
)
#: Large images are processed after the upload answers; how long to wait for them.
_MEDIA_POLLS = 20
_MEDIA_POLL_SECONDS = 1.0


class MastodonAdapter(Adapter[MastodonCredentials]):
    """Statuses on one Mastodon account."""

    network = "mastodon"
    capabilities = CAPABILITIES
    credentials_type = MastodonCredentials

    def __init__(
        self, credentials: MastodonCredentials, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        super().__init__(credentials, transport=transport)
        token = credentials.access_token.get_secret_value()
        self._http = Http(
            CAPABILITIES.label,
            credentials.instance,
            headers={"Authorization": f"Bearer {token}"},
            secrets=credentials.secret_values(),
            transport=transport,
        )

    @classmethod
    def own_max_length(cls, credentials: Credentials) -> int | None:
        """The longest status the account's server takes, where it said."""
        return credentials.max_characters if isinstance(credentials, MastodonCredentials) else None

    @classmethod
    def capabilities_for(cls, credentials: Credentials) -> Capabilities:
        """Mastodon's defaults, with what the account's server said in their place."""
        if isinstance(credentials, MastodonCredentials):
            return on_server(CAPABILITIES, credentials)
        return CAPABILITIES

    def validate(self) -> AccountInfo:
        """The account the token belongs to; the server's limits are read and kept too."""
        answer = self._http.json("GET", "/api/v1/accounts/verify_credentials")
        url = answer.get("url") if isinstance(answer, dict) else None
        account = AccountInfo(
            id=expect(answer, "id", str, self._http),
            handle=expect(answer, "acct", str, self._http),
            display_name=str(answer.get("display_name") or ""),
            url=url if isinstance(url, str) else None,
        )
        limits = read_limits(self._http)
        if any(getattr(self.credentials, name) != value for name, value in limits.items()):
            self.renewed(self.credentials.model_copy(update=limits))
        return account

    def check(self, post: Outgoing) -> None:
        """The server's own length first, naming the server; then the other limits."""
        caps = self.capabilities_for(self.credentials)
        limit = self.credentials.max_characters
        length = caps.length(post.text)
        if limit is not None and length > limit:
            server = self.credentials.server
            raise RejectedError(SERVER_TOO_LONG, length=length, server=server, limit=limit)
        check(caps, post)

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Upload the images, then post the status under the key."""
        self.check(post)
        with nothing_published():
            media_ids = [self._upload(image) for image in post.images]
        body: dict[str, Any] = {"status": post.text}
        if media_ids:
            body["media_ids"] = media_ids
        if post.language:
            body["language"] = post.language
        answer = self._http.json(
            "POST", "/api/v1/statuses", json=body, headers={"Idempotency-Key": key.value}
        )
        return self._published(answer)

    def read_back(self, ref: str) -> Published | None:
        """The status *ref*, or None once it is gone."""
        try:
            answer = self._http.json("GET", f"/api/v1/statuses/{quote(ref, safe='')}")
        except NotFoundError:
            return None
        return self._published(answer)

    def delete(self, ref: str) -> None:
        """Delete the status *ref*."""
        with suppress(NotFoundError):
            self._http.send("DELETE", f"/api/v1/statuses/{quote(ref, safe='')}")

    def close(self) -> None:
        """Release the connections."""
        self._http.close()

    def _upload(self, image: Image) -> str:
        """Upload one image with its description; its id once Mastodon has processed it."""
        response = self._http.send(
            "POST",
            "/api/v2/media",
            files={"file": ("image", image.data, image.mime)},
            data={"description": image.alt},
        )
        try:
            media_id = expect(response.json(), "id", str, self._http)
        except ValueError:
            raise self._http.shape_error("the answer is not JSON") from None
        # 202: accepted, still processing; a status cannot carry it until it is done.
        if response.status_code == 202:
            self._wait_for(media_id)
        return media_id

    def _wait_for(self, media_id: str) -> None:
        for _ in range(_MEDIA_POLLS):
            time.sleep(_MEDIA_POLL_SECONDS)
            path = f"/api/v1/media/{quote(media_id, safe='')}"
            if self._http.send("GET", path).status_code == 200:
                return
        raise RetryableError(BUSY, network=CAPABILITIES.label, status=206)

    def _published(self, answer: Any) -> Published:
        ref = expect(answer, "id", str, self._http)
        url, created = answer.get("url"), answer.get("created_at")
        try:
            when = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
        except ValueError:
            raise self._http.shape_error("created_at is not a time") from None
        return Published(ref=ref, url=url if isinstance(url, str) else None, published_at=when)
