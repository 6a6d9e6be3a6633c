"""Instagram's media containers: made from the images' addresses, processed, then published.

Making containers publishes nothing: a container that is never published expires after a day.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

from socialplan.publish.content import Outgoing
from socialplan.publish.errors import REFUSED, SLOW, RejectedError, RetryableError
from socialplan.publish.http import Http, expect

#: Instagram fetches and processes the images after answering; how long to wait for it.
STATUS_POLLS = 10
STATUS_POLL_SECONDS = 1.0


def create_container(http: Http, user: str, post: Outgoing, addresses: list[str]) -> str:
    """The container of one image, or of a carousel of several; its id."""
    media = f"/{user}/media"
    caption = {"caption": post.text} if post.text else {}
    if len(addresses) == 1:
        # Alt text is documented for single images only (since March 2025), not carousel items.
        alt = {"alt_text": post.images[0].alt} if post.images[0].alt else {}
        single = {"image_url": addresses[0]} | caption | alt
        return expect(http.json("POST", media, json=single), "id", str, http)
    children = []
    for address in addresses:
        item = {"image_url": address, "is_carousel_item": True}
        children.append(expect(http.json("POST", media, json=item), "id", str, http))
    carousel: dict[str, Any] = {"media_type": "CAROUSEL", "children": ",".join(children)}
    return expect(http.json("POST", media, json=carousel | caption), "id", str, http)


def wait_for(http: Http, container: str) -> None:
    """Return once Instagram has processed *container*; refuse it if Instagram could not."""
    status = ""
    for poll in range(STATUS_POLLS):
        path = f"/{quote(container, safe='')}"
        answer = http.json("GET", path, params={"fields": "status_code,status"})
        status = expect(answer, "status_code", str, http)
        if status == "FINISHED":
            return
        if status in ("ERROR", "EXPIRED"):
            detail = str(answer.get("status") or status)
            raise RejectedError(REFUSED, network=http.network, status=200, detail=detail)
        if poll + 1 < STATUS_POLLS:
            time.sleep(STATUS_POLL_SECONDS)
    raise RetryableError(SLOW, network=http.network, reason=f"status_code {status}")
