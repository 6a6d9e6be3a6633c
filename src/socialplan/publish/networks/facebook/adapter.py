"""Facebook Page posts through the Graph API: ``/{page-id}/feed``, photos via ``/photos``.

The Graph API takes no idempotency key and cannot find a post by one, so after an unknown
outcome a person checks the Page.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import suppress
from typing import Any
from urllib.parse import quote

import httpx

from socialplan.i18n import N_
from socialplan.publish.capabilities import Capabilities, Counting
from socialplan.publish.content import AccountInfo, IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import AuthError, NotFoundError
from socialplan.publish.http import expect
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.facebook.credentials import FacebookCredentials
from socialplan.publish.networks.facebook.graph import GRAPH, GraphHttp

#: Photos of up to 4 MB (Meta's stated limit for Page photos); ten on one post.
CAPABILITIES = Capabilities(
    network="facebook",
    counting=Counting.CHARACTERS,
    max_images=10,
    image_types=frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"}),
    max_image_bytes=4 * 1024 * 1024,
    idempotency_window=None,
    findable_by_key=False,
)
WRONG_PAGE = N_(
    "the token opens {name} ({id}) on {network}, not the Page {page}; connect the Page again"
)
_LINK = re.compile(r"https?://\S+")
#: Read back: what a post is, when it was made, and where it is seen.
FIELDS = "id,message,created_time,permalink_url"


class FacebookAdapter(Adapter[FacebookCredentials]):
    """Posts on one Facebook Page."""

    network = "facebook"
    capabilities = CAPABILITIES
    credentials_type = FacebookCredentials

    def __init__(
        self, credentials: FacebookCredentials, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        super().__init__(credentials, transport=transport)
        token = credentials.page_access_token.get_secret_value()
        self._http = GraphHttp(
            CAPABILITIES.label,
            GRAPH,
            headers={"Authorization": f"Bearer {token}"},
            secrets=credentials.secret_values(),
            transport=transport,
        )
        self._page = credentials.page_id

    def validate(self) -> AccountInfo:
        """The Page the token opens, which must be the Page given."""
        me = self._http.json("GET", "/me", params={"fields": "id,name"})
        found = expect(me, "id", str, self._http)
        name = str(me.get("name") or "")
        if found != self._page:
            raise AuthError(
                WRONG_PAGE, network=CAPABILITIES.label, name=name, id=found, page=self._page
            )
        return AccountInfo(
            id=found, handle=name, display_name=name, url=f"https://www.facebook.com/{found}"
        )

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Upload the photos unpublished, then post the text with them (or with its link)."""
        self.check(post)
        with nothing_published():
            photos = [self._upload(image) for image in post.images]
        body: dict[str, Any] = {"message": post.text} if post.text else {}
        link = _LINK.search(post.text)
        if photos:
            body["attached_media"] = [{"media_fbid": photo} for photo in photos]
        elif link:
            body["link"] = link.group()  # the Page post shows the link's preview
        answer = self._http.json("POST", f"/{self._page}/feed", json=body)
        ref = expect(answer, "id", str, self._http)
        return Published(ref=ref, url=f"https://www.facebook.com/{ref}")

    def read_back(self, ref: str) -> Published | None:
        """The post *ref* (``<page id>_<post id>``), or None once it is gone."""
        try:
            answer = self._http.json("GET", _path(ref), params={"fields": FIELDS})
        except NotFoundError:
            return None
        found = expect(answer, "id", str, self._http)
        created, url = answer.get("created_time"), answer.get("permalink_url")
        try:
            when = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
        except ValueError:
            raise self._http.shape_error("created_time is not a time") from None
        url = url if isinstance(url, str) else f"https://www.facebook.com/{found}"
        return Published(ref=found, url=url, published_at=when)

    def delete(self, ref: str) -> None:
        """Delete the post *ref*; one already gone is done."""
        with suppress(NotFoundError):
            self._http.send("DELETE", _path(ref))

    def close(self) -> None:
        """Release the connections."""
        self._http.close()

    def _upload(self, image: Image) -> str:
        """Upload one photo, not published on its own; its id."""
        form = {"published": "false"} | ({"alt_text_custom": image.alt} if image.alt else {})
        answer = self._http.json(
            "POST",
            f"/{self._page}/photos",
            data=form,
            files={"source": ("image", image.data, image.mime)},
        )
        return expect(answer, "id", str, self._http)


def _path(ref: str) -> str:
    return f"/{quote(ref, safe='')}"
