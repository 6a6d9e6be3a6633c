"""X through API v2: ``POST /2/tweets``, images through ``POST /2/media/upload``.

X takes no idempotency key and no post can be looked up by one, so after an unknown outcome a
person checks the account. (X refuses a post whose text repeats a recent one, which catches
some repeats but is no guarantee.)

The user token lasts two hours; ``live_token.py`` renews it with the refresh token.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

import httpx

from socialplan.publish.content import AccountInfo, IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import FAILED, NotFoundError, PermanentError
from socialplan.publish.http import Http, expect
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.x.api import API, XHttp, data
from socialplan.publish.networks.x.counting import LINK_LENGTH, WeightedCapabilities
from socialplan.publish.networks.x.credentials import XCredentials
from socialplan.publish.networks.x.live_token import LiveToken

#: Four images of up to 5 MB (GIFs need X's chunked upload, not done here); the length is
#: X's weighted count (``counting.py``).
CAPABILITIES = WeightedCapabilities(
    network="x",
    link_length=LINK_LENGTH,
    max_images=4,
    image_types=frozenset({"image/jpeg", "image/png", "image/webp"}),
    max_image_bytes=5 * 1024 * 1024,
    idempotency_window=None,
    findable_by_key=False,
)


class XAdapter(Adapter[XCredentials]):
    """Posts on one X account."""

    network = "x"
    capabilities = CAPABILITIES
    credentials_type = XCredentials

    def __init__(
        self, credentials: XCredentials, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        super().__init__(credentials, transport=transport)
        secrets = credentials.secret_values()
        self._http = XHttp(CAPABILITIES.label, API, secrets=secrets, transport=transport)
        # The token endpoint answers in OAuth's shape ({"error", "error_description"}), not X's.
        self._tokens = Http(CAPABILITIES.label, API, secrets=secrets, transport=transport)
        self._token = LiveToken(self, self._tokens)
        self.use(credentials)

    def use(self, credentials: XCredentials) -> None:
        """Act with *credentials* from now on, and scrub all of their secrets."""
        super().use(credentials)
        for http in (self._http, self._tokens):
            http.add_secrets(credentials.secret_values())

    def validate(self) -> AccountInfo:
        """The account the token belongs to."""
        user = data(self._json("GET", "/2/users/me"), self._http)
        handle = expect(user, "username", str, self._http)
        return AccountInfo(
            id=expect(user, "id", str, self._http),
            handle=handle,
            display_name=str(user.get("name") or ""),
            url=f"https://x.com/{handle}",
        )

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Upload the images, then create the post."""
        self.check(post)
        with nothing_published():
            media_ids = [self._upload(image) for image in post.images]
        body: dict[str, Any] = {"text": post.text} if post.text else {}
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        created = data(self._json("POST", "/2/tweets", json=body), self._http)
        ref = expect(created, "id", str, self._http)
        return Published(ref=ref, url=_url(ref))

    def read_back(self, ref: str) -> Published | None:
        """The post *ref*, or None once it is gone (X says so with status 200 and an error)."""
        path = f"/2/tweets/{quote(ref, safe='')}"
        try:
            answer = self._json("GET", path, params={"tweet.fields": "created_at"})
        except NotFoundError:
            return None
        if isinstance(answer, dict) and "data" not in answer and answer.get("errors"):
            self._gone(answer)
            return None
        found = data(answer, self._http)
        created = found.get("created_at")
        try:
            when = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
        except ValueError:
            raise self._http.shape_error("created_at is not a time") from None
        return Published(ref=expect(found, "id", str, self._http), url=_url(ref), published_at=when)

    def delete(self, ref: str) -> None:
        """Delete the post *ref*; one already gone is done."""
        try:
            answer = self._json("DELETE", f"/2/tweets/{quote(ref, safe='')}")
        except NotFoundError:
            return
        if data(answer, self._http).get("deleted") is True:
            return
        # "deleted": false: done only if the post is indeed not there.
        if self.read_back(ref) is not None:
            raise PermanentError(
                FAILED, network=CAPABILITIES.label, status=200, detail="deleted: false"
            )

    def close(self) -> None:
        """Release the connections."""
        self._http.close()
        self._tokens.close()

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        """One request with a live token (read when it leaves: a renewal changes it)."""

        def request() -> Any:
            token = self.credentials.access_token.get_secret_value()
            headers = {"Authorization": f"Bearer {token}"}
            return self._http.json(method, path, headers=headers, **kwargs)

        return self._token.send(request)

    def _upload(self, image: Image) -> str:
        """Upload one image, then its description; the media id."""
        answer = self._json(
            "POST",
            "/2/media/upload",
            files={"media": ("image", image.data, image.mime)},
            data={"media_category": "tweet_image", "media_type": image.mime},
        )
        media_id = expect(data(answer, self._http), "id", str, self._http)
        if image.alt:
            alt = {"id": media_id, "metadata": {"alt_text": {"text": image.alt}}}
            self._json("POST", "/2/media/metadata", json=alt)
        return media_id

    def _gone(self, answer: dict[str, Any]) -> None:
        """Return if the errors in *answer* say the post does not exist; raise any other."""
        errors = answer["errors"]
        first = errors[0] if isinstance(errors, list) else None
        if not isinstance(first, dict):
            raise self._http.shape_error("neither data nor an error object in the answer")
        if str(first.get("type", "")).endswith("/resource-not-found"):
            return
        detail = str(first.get("detail") or first.get("title") or "")
        raise PermanentError(FAILED, network=CAPABILITIES.label, status=200, detail=detail)


def _url(ref: str) -> str:
    return f"https://x.com/i/status/{ref}"
