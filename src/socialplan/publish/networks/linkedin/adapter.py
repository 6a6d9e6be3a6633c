"""LinkedIn organisation posts through the Posts API (``/rest/posts``) and the Images API.

LinkedIn takes no idempotency key and has no way to find a post by one, so after an unknown
outcome a person checks the page. (LinkedIn refuses a post that repeats a recent one with 422,
naming the first, which catches some repeats but is no guarantee.)
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from socialplan.i18n import N_
from socialplan.publish.capabilities import Capabilities, Counting
from socialplan.publish.content import AccountInfo, IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import AuthError, NotFoundError
from socialplan.publish.http import Http, expect
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.linkedin.commentary import commentary
from socialplan.publish.networks.linkedin.credentials import LinkedInCredentials

API = "https://api.linkedin.com"
#: The API version every request names (``Linkedin-Version``, YYYYMM): the newest release
#: verified, August 2026, which LinkedIn keeps for at least a year. A version it has not
#: released, or has retired, is refused with 426 (see docs/decisions/0008).
VERSION = "202608"
#: LinkedIn states a limit in pixels (36,152,320), not bytes; 10 MB is this adapter's own bound.
#: A post carries one image, or 2-20 as a multi-image post.
CAPABILITIES = Capabilities(
    network="linkedin",
    counting=Counting.CHARACTERS,
    max_images=20,
    image_types=frozenset({"image/jpeg", "image/png", "image/gif"}),
    max_image_bytes=10 * 1024 * 1024,
    idempotency_window=None,
    findable_by_key=False,
)
#: Roles that may post as the organisation.
POSTING_ROLES = frozenset({"ADMINISTRATOR", "CONTENT_ADMINISTRATOR"})
CANNOT_POST = N_(
    "the account may not post for the organisation {organization} on {network}: it needs the "
    "administrator or content administrator role there"
)


class LinkedInAdapter(Adapter[LinkedInCredentials]):
    """Posts of one LinkedIn organisation, made by a member who administers it."""

    network = "linkedin"
    capabilities = CAPABILITIES
    credentials_type = LinkedInCredentials

    def __init__(
        self, credentials: LinkedInCredentials, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        super().__init__(credentials, transport=transport)
        token = credentials.access_token.get_secret_value()
        headers = {
            "Authorization": f"Bearer {token}",
            "Linkedin-Version": VERSION,
            "X-Restli-Protocol-Version": "2.0.0",
        }
        self._http = Http(
            CAPABILITIES.label,
            API,
            headers=headers,
            secrets=credentials.secret_values(),
            transport=transport,
        )
        self._organization = credentials.organization_id
        self._author = f"urn:li:organization:{self._organization}"

    def validate(self) -> AccountInfo:
        """The organisation, once the token's member is known to hold a role that posts."""
        params = {"q": "roleAssignee", "state": "APPROVED", "count": 100}
        answer = self._http.json("GET", "/rest/organizationAcls", params=params)
        elements = expect(answer, "elements", list, self._http)
        roles = {
            e.get("role")
            for e in elements
            if isinstance(e, dict) and e.get("organization") == self._author
        }
        if not roles & POSTING_ROLES:
            raise AuthError(
                CANNOT_POST, network=CAPABILITIES.label, organization=self._organization
            )
        return AccountInfo(
            id=self._author,
            handle=self._organization,
            url=f"https://www.linkedin.com/company/{self._organization}/",
        )

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Upload the images, then create the post; its URN comes back in ``x-restli-id``."""
        self.check(post)
        with nothing_published():
            media = [self._upload(image) for image in post.images]
        body: dict[str, Any] = {
            "author": self._author,
            "commentary": commentary(post.text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if len(media) == 1:
            body["content"] = {"media": media[0]}
        elif media:
            body["content"] = {"multiImage": {"images": media}}
        response = self._http.send("POST", "/rest/posts", json=body)
        ref = response.headers.get("x-restli-id")
        if not ref:
            raise self._http.shape_error("no x-restli-id header in the answer")
        return Published(ref=ref, url=_url(ref))

    def read_back(self, ref: str) -> Published | None:
        """The post *ref* (``urn:li:share:…`` or ``urn:li:ugcPost:…``), or None once it is gone."""
        try:
            answer = self._http.json("GET", _path(ref))
        except NotFoundError:
            return None
        found = expect(answer, "id", str, self._http)
        millis = answer.get("publishedAt") or answer.get("createdAt")
        when = dt.datetime.fromtimestamp(millis / 1000, dt.UTC) if isinstance(millis, int) else None
        return Published(ref=found, url=_url(found), published_at=when)

    def delete(self, ref: str) -> None:
        """Delete the post *ref*; one already gone is done."""
        with suppress(NotFoundError):
            self._http.send("DELETE", _path(ref), headers={"X-RestLi-Method": "DELETE"})

    def close(self) -> None:
        """Release the connections."""
        self._http.close()

    def _upload(self, image: Image) -> dict[str, str]:
        """Register one image and send its bytes; how a post names it."""
        request = {"initializeUploadRequest": {"owner": self._author}}
        answer = self._http.json(
            "POST", "/rest/images", params={"action": "initializeUpload"}, json=request
        )
        value = expect(answer, "value", dict, self._http)
        upload_url = expect(value, "uploadUrl", str, self._http)
        urn = expect(value, "image", str, self._http)
        where = urlsplit(upload_url)
        # The token goes with the bytes: only ever to LinkedIn, over HTTPS.
        if where.scheme != "https" or not (where.hostname or "").endswith(".linkedin.com"):
            raise self._http.shape_error("the upload address is not LinkedIn's")
        self._http.send("PUT", upload_url, content=image.data, headers={"Content-Type": image.mime})
        return {"id": urn, "altText": image.alt} if image.alt else {"id": urn}


def _path(ref: str) -> str:
    return f"/rest/posts/{quote(ref, safe='')}"


def _url(ref: str) -> str:
    return f"https://www.linkedin.com/feed/update/{ref}/"
