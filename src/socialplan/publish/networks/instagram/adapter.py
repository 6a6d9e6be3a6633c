"""Instagram through content publishing: a media container, then ``media_publish``.

Instagram fetches every image itself from a public address: each image's own ``url`` where it
has one (the app gives its images a signed, expiring address), else what the adapter's image
host says (whatever stores an image where Instagram can fetch it, for library users). It has no
text-only posts, cannot delete a post through the API, takes no idempotency key and cannot find
a post by one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import quote

import httpx

from socialplan.i18n import N_
from socialplan.publish.capabilities import Capabilities, Counting
from socialplan.publish.content import AccountInfo, IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import NotFoundError, PermanentError, PublishError, RejectedError
from socialplan.publish.http import expect
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.facebook.graph import GRAPH, GraphHttp
from socialplan.publish.networks.instagram.containers import create_container, wait_for
from socialplan.publish.networks.instagram.credentials import InstagramCredentials

#: Stores an image where Instagram can fetch it; its public ``https`` address.
ImageHost = Callable[[Image], str]


#: JPEG only, up to 8 MB; a carousel holds ten.
CAPABILITIES = Capabilities(
    network="instagram",
    counting=Counting.CHARACTERS,
    max_images=10,
    image_types=frozenset({"image/jpeg"}),
    max_image_bytes=8 * 1024 * 1024,
    descriptions_with_several_images=False,
    needs_image=True,
    images_by_address=True,
    idempotency_window=None,
    findable_by_key=False,
)
NEEDS_IMAGE = N_("{network} cannot publish a post without an image")
NO_IMAGE_HOST = N_(
    "{network} fetches images from a public address, and no image host is set up to give one"
)
CANNOT_DELETE = N_("{network} does not let apps delete posts; delete it in the Instagram app")
FIELDS = "id,caption,permalink,timestamp"


class InstagramAdapter(Adapter[InstagramCredentials]):
    """Posts on one Instagram professional account."""

    network = "instagram"
    capabilities = CAPABILITIES
    credentials_type = InstagramCredentials

    def __init__(
        self,
        credentials: InstagramCredentials,
        *,
        transport: httpx.BaseTransport | None = None,
        image_host: ImageHost | None = None,
    ) -> None:
        super().__init__(credentials, transport=transport)
        token = credentials.access_token.get_secret_value()
        self._http = GraphHttp(
            CAPABILITIES.label,
            GRAPH,
            headers={"Authorization": f"Bearer {token}"},
            secrets=credentials.secret_values(),
            transport=transport,
        )
        self._user = credentials.ig_user_id
        #: Where images without an address of their own go for Instagram to fetch them.
        self.image_host = image_host

    def validate(self) -> AccountInfo:
        """The account the id names, read with the token."""
        answer = self._http.json("GET", f"/{self._user}", params={"fields": "id,username"})
        username = expect(answer, "username", str, self._http)
        return AccountInfo(
            id=expect(answer, "id", str, self._http),
            handle=username,
            url=f"https://www.instagram.com/{username}/",
        )

    def check(self, post: Outgoing) -> None:
        """The shared limits, then Instagram's need of an image."""
        super().check(post)
        if not post.images:
            raise RejectedError(NEEDS_IMAGE, network=CAPABILITIES.label)

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Give each image its address, make the container, wait for it, publish it."""
        self.check(post)
        if self.image_host is None and any(not image.url for image in post.images):
            raise PermanentError(NO_IMAGE_HOST, network=CAPABILITIES.label)
        with nothing_published():
            addresses = [self._address(image) for image in post.images]
            container = create_container(self._http, self._user, post, addresses)
            wait_for(self._http, container)
        path = f"/{self._user}/media_publish"
        answer = self._http.json("POST", path, json={"creation_id": container})
        media_id = expect(answer, "id", str, self._http)
        try:
            # The permalink and time; the post exists whatever this read says.
            return self.read_back(media_id) or Published(ref=media_id)
        except PublishError:
            return Published(ref=media_id)

    def _address(self, image: Image) -> str:
        """Where Instagram fetches *image*: its own address, else the image host's."""
        if image.url:
            return image.url
        if self.image_host is None:
            raise PermanentError(NO_IMAGE_HOST, network=CAPABILITIES.label)
        return self.image_host(image)

    def read_back(self, ref: str) -> Published | None:
        """The post *ref*, or None once it is gone."""
        try:
            answer = self._http.json("GET", f"/{quote(ref, safe='')}", params={"fields": FIELDS})
        except NotFoundError:
            return None
        found = expect(answer, "id", str, self._http)
        stamp, url = answer.get("timestamp"), answer.get("permalink")
        try:
            when = dt.datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
        except ValueError:
            raise self._http.shape_error("timestamp is not a time") from None
        return Published(ref=found, url=url if isinstance(url, str) else None, published_at=when)

    def delete(self, ref: str) -> None:
        """Not possible: the Instagram API cannot delete a post, so a person must."""
        raise PermanentError(CANNOT_DELETE, network=CAPABILITIES.label)

    def close(self) -> None:
        """Release the connections."""
        self._http.close()
