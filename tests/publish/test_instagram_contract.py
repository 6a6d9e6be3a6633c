"""The Instagram adapter against a scripted Graph API: its requests, and each error class."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, body, reply

from socialplan.publish.content import IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import (
    AnswerShapeError,
    AuthError,
    PermanentError,
    RejectedError,
    RetryableError,
    UnknownOutcome,
)
from socialplan.publish.networks import connect
from socialplan.publish.networks.facebook.graph import GRAPH_VERSION
from socialplan.publish.networks.instagram import containers
from socialplan.publish.networks.instagram.adapter import InstagramAdapter
from socialplan.publish.networks.instagram.credentials import InstagramCredentials

TOKEN = "EAAGm0PX4ZCps-instagram-token-9z8y"
USER = "17841400008460056"
GRAPH = f"https://graph.facebook.com/{GRAPH_VERSION}"
V = f"/{GRAPH_VERSION}"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
CONTAINER = "17889455560051444"
MEDIA = "17920238422030506"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
FOUND = {"id": MEDIA, "caption": "hello", "permalink": "https://www.instagram.com/p/C7xYz/",
         "timestamp": "2026-11-02T09:30:01+0000"}  # fmt: skip
PUBLISHED = Published(
    MEDIA, "https://www.instagram.com/p/C7xYz/", dt.datetime(2026, 11, 2, 9, 30, 1, tzinfo=dt.UTC)
)


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(containers.time, "sleep", lambda _seconds: None)


def graph_error(code: int, message: str, subcode: int | None = None, status: int = 400) -> object:
    """A Graph API error object."""
    error: dict[str, object] = {"message": message, "type": "OAuthException", "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    return reply(status, {"error": error})


class Host:
    """An image host that remembers what it stored."""

    def __init__(self) -> None:
        self.stored: list[Image] = []

    def __call__(self, image: Image) -> str:
        self.stored.append(image)
        return f"https://cdn.example.org/media/{len(self.stored)}.jpg"


def adapter(net: FakeNetwork, host: Host | None = None) -> InstagramAdapter:
    """An adapter for the account on the scripted Graph API."""
    creds = InstagramCredentials(ig_user_id=USER, access_token=TOKEN)  # type: ignore[arg-type]
    return InstagramAdapter(creds, transport=net.transport, image_host=host or Host())


def network(*statuses: str) -> FakeNetwork:
    """Instagram making one container, reporting *statuses* for it, then publishing it."""
    return (
        FakeNetwork()
        .on("POST", f"{V}/{USER}/media", reply(200, {"id": CONTAINER}))
        .on("GET", f"{V}/{CONTAINER}", *(reply(200, {"status_code": s}) for s in statuses))
        .on("POST", f"{V}/{USER}/media_publish", reply(200, {"id": MEDIA}))
        .on("GET", f"{V}/{MEDIA}", reply(200, FOUND))
    )


def test_capabilities_say_what_instagram_needs() -> None:
    caps = InstagramAdapter.capabilities
    assert (caps.needs_image, caps.images_by_address) == (True, True)
    assert caps.image_types == {"image/jpeg"}
    assert (caps.findable_by_key, caps.idempotency_window) == (False, None)
    assert caps.clickable_links is False


def test_validate_reads_the_account() -> None:
    answer = {"id": USER, "username": "brand"}
    net = FakeNetwork().on("GET", f"{V}/{USER}", reply(200, answer))
    info = adapter(net).validate()
    assert (info.id, info.handle, info.url) == (USER, "brand", "https://www.instagram.com/brand/")
    (request,) = net.requests
    assert str(request.url) == f"{GRAPH}/{USER}?fields=id%2Cusername"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_publish_makes_a_container_waits_for_it_and_publishes_it() -> None:
    host = Host()
    net = network("IN_PROGRESS", "FINISHED")
    image = Image(JPEG, "image/jpeg", "a red door")
    published = adapter(net, host).publish(Outgoing("درِ سرخ #در", images=(image,)), KEY)
    assert published == PUBLISHED
    assert host.stored == [image]
    assert [(r.method, str(r.url)) for r in net.requests] == [
        ("POST", f"{GRAPH}/{USER}/media"),
        ("GET", f"{GRAPH}/{CONTAINER}?fields=status_code%2Cstatus"),
        ("GET", f"{GRAPH}/{CONTAINER}?fields=status_code%2Cstatus"),
        ("POST", f"{GRAPH}/{USER}/media_publish"),
        ("GET", f"{GRAPH}/{MEDIA}?fields=id%2Ccaption%2Cpermalink%2Ctimestamp"),
    ]
    create, *_, publish, _ = net.requests
    assert body(create) == {
        "image_url": "https://cdn.example.org/media/1.jpg",
        "caption": "درِ سرخ #در",
        "alt_text": "a red door",
    }
    assert body(publish) == {"creation_id": CONTAINER}
    assert all(r.headers["Authorization"] == f"Bearer {TOKEN}" for r in net.requests)


def test_several_images_are_a_carousel() -> None:
    net = (
        FakeNetwork()
        .on("POST", f"{V}/{USER}/media", reply(200, {"id": "c1"}), reply(200, {"id": "c2"}),
            reply(200, {"id": CONTAINER}))
        .on("GET", f"{V}/{CONTAINER}", reply(200, {"status_code": "FINISHED"}))
        .on("POST", f"{V}/{USER}/media_publish", reply(200, {"id": MEDIA}))
        .on("GET", f"{V}/{MEDIA}", reply(200, FOUND))
    )  # fmt: skip
    images = (Image(JPEG, "image/jpeg", "first"), Image(JPEG, "image/jpeg"))
    adapter(net).publish(Outgoing("two doors", images=images), KEY)
    first, second, carousel = (body(r) for r in net.sent("POST", f"{V}/{USER}/media"))
    assert first == {"image_url": "https://cdn.example.org/media/1.jpg", "is_carousel_item": True}
    assert second == {"image_url": "https://cdn.example.org/media/2.jpg", "is_carousel_item": True}
    assert carousel == {"media_type": "CAROUSEL", "children": "c1,c2", "caption": "two doors"}
    assert body(net.sent("POST", f"{V}/{USER}/media_publish")[0]) == {"creation_id": CONTAINER}


def test_a_text_only_post_is_refused_before_anything() -> None:
    host, net = Host(), FakeNetwork()
    with pytest.raises(RejectedError) as raised:
        adapter(net, host).publish(Outgoing("only words"), KEY)
    assert raised.value.render() == "Instagram cannot publish a post without an image"
    assert (net.requests, host.stored) == ([], [])


def test_without_an_image_host_nothing_is_sent() -> None:
    net = FakeNetwork()
    creds = InstagramCredentials(ig_user_id=USER, access_token=TOKEN)  # type: ignore[arg-type]
    instagram = InstagramAdapter(creds, transport=net.transport)
    with pytest.raises(PermanentError, match="no image host"):
        instagram.publish(Outgoing("door", images=(Image(JPEG, "image/jpeg"),)), KEY)
    assert net.requests == []


@pytest.mark.parametrize("status", ["ERROR", "EXPIRED"])
def test_a_container_instagram_could_not_process_is_refused(status: str) -> None:
    net = network(status)
    with pytest.raises(RejectedError, match=status):
        adapter(net).publish(Outgoing("door", images=(Image(JPEG, "image/jpeg"),)), KEY)
    assert not net.sent("POST", f"{V}/{USER}/media_publish")


def test_a_container_still_in_progress_is_tried_again_later() -> None:
    net = network("IN_PROGRESS")
    with pytest.raises(RetryableError, match="IN_PROGRESS"):
        adapter(net).publish(Outgoing("door", images=(Image(JPEG, "image/jpeg"),)), KEY)
    assert len(net.sent("GET", f"{V}/{CONTAINER}")) == containers.STATUS_POLLS
    assert not net.sent("POST", f"{V}/{USER}/media_publish")


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (graph_error(9004, "Only photo or video can be accepted as media type.", 2207052),
         RejectedError),
        (graph_error(2, "Service temporarily unavailable", status=500), RetryableError),
        (httpx.ReadTimeout("timed out"), RetryableError),
        (graph_error(190, "Error validating access token", 463), AuthError),
    ],
)  # fmt: skip
def test_a_container_that_fails_published_nothing(answer: object, error: type[Exception]) -> None:
    net = FakeNetwork().on("POST", f"{V}/{USER}/media", answer)  # type: ignore[arg-type]
    with pytest.raises(error):
        adapter(net).publish(Outgoing("door", images=(Image(JPEG, "image/jpeg"),)), KEY)
    assert not net.sent("POST", f"{V}/{USER}/media_publish")


def test_a_published_post_stays_published_when_reading_it_fails() -> None:
    net = network("FINISHED").on("GET", f"{V}/{MEDIA}", httpx.ReadTimeout("timed out"))
    published = adapter(net).publish(Outgoing("", images=(Image(JPEG, "image/jpeg"),)), KEY)
    assert published == Published(MEDIA)
    assert "caption" not in body(net.sent("POST", f"{V}/{USER}/media")[0])


def test_read_back_and_the_delete_instagram_does_not_offer() -> None:
    missing = graph_error(100, "Object does not exist", 33)
    net = FakeNetwork().on("GET", f"{V}/{MEDIA}", reply(200, FOUND), missing)
    instagram = adapter(net)
    assert instagram.read_back(MEDIA) == PUBLISHED
    assert instagram.read_back(MEDIA) is None
    with pytest.raises(PermanentError) as raised:
        instagram.delete(MEDIA)
    assert raised.value.render() == (
        "Instagram does not let apps delete posts; delete it in the Instagram app"
    )
    assert [r.method for r in net.requests] == ["GET", "GET"]
    with pytest.raises(NotImplementedError):
        instagram.find_by_key(KEY)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (graph_error(190, "Error validating access token: Session has expired", 463), AuthError),
        (graph_error(10, "(#10) Application does not have permission", status=403), AuthError),
        (graph_error(9, "You have reached the maximum number of posts that is allowed to be "
                        "published in a 24-hour period.", 2207042, status=403), RetryableError),
        (graph_error(4, "(#4) Application request limit reached", status=403), RetryableError),
        (graph_error(9007, "Media ID is not available", 2207027), RejectedError),
        (graph_error(2, "Service temporarily unavailable", status=500), UnknownOutcome),
        (reply(503, b"Service Unavailable"), RetryableError),
        (reply(502, b"Bad Gateway"), UnknownOutcome),
        (httpx.ReadTimeout("timed out"), UnknownOutcome),
        (httpx.ConnectError("[Errno 111] Connection refused"), RetryableError),
        (reply(200, b"<html>maintenance</html>"), AnswerShapeError),
        (reply(200, {"success": True}), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_media_publish_has_its_class(
    answer: object, error: type[Exception]
) -> None:
    net = network("FINISHED").on("POST", f"{V}/{USER}/media_publish", answer)  # type: ignore[arg-type]
    with pytest.raises(error) as raised:
        adapter(net).publish(Outgoing("door", images=(Image(JPEG, "image/jpeg"),)), KEY)
    assert type(raised.value) is error
    assert "Instagram" in str(raised.value)


@pytest.mark.parametrize(
    "post",
    [
        Outgoing("a" * 2201, images=(Image(JPEG, "image/jpeg"),)),
        Outgoing(""),
        Outgoing("a png", images=(Image(JPEG, "image/png"),)),
        Outgoing("many", images=(Image(JPEG, "image/jpeg"),) * 11),
        Outgoing("too big", images=(Image(b"x" * (8 * 1024 * 1024 + 1), "image/jpeg"),)),
    ],
)
def test_posts_over_the_limits_are_refused_before_any_request(post: Outgoing) -> None:
    host, net = Host(), FakeNetwork()
    with pytest.raises(RejectedError):
        adapter(net, host).publish(post, KEY)
    assert (net.requests, host.stored) == ([], [])


def test_the_registry_builds_it_and_the_app_gives_the_host() -> None:
    net = network("FINISHED")
    stored = {"ig_user_id": USER, "access_token": TOKEN}
    with connect("instagram", stored, transport=net.transport) as instagram:
        assert isinstance(instagram, InstagramAdapter)
        instagram.image_host = Host()
        instagram.publish(Outgoing("door", images=(Image(JPEG, "image/jpeg"),)), KEY)
    assert net.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_images_with_their_own_address_need_no_image_host() -> None:
    """The app gives each image a signed address; Instagram is sent those, nothing is hosted."""
    net = (
        FakeNetwork()
        .on("POST", f"{V}/{USER}/media", reply(200, {"id": "c1"}), reply(200, {"id": "c2"}),
            reply(200, {"id": CONTAINER}))
        .on("GET", f"{V}/{CONTAINER}", reply(200, {"status_code": "FINISHED"}))
        .on("POST", f"{V}/{USER}/media_publish", reply(200, {"id": MEDIA}))
        .on("GET", f"{V}/{MEDIA}", reply(200, FOUND))
    )  # fmt: skip
    creds = InstagramCredentials(ig_user_id=USER, access_token=TOKEN)  # type: ignore[arg-type]
    instagram = InstagramAdapter(creds, transport=net.transport)  # no image host at all
    images = (
        Image(JPEG, "image/jpeg", "first", url="https://plan.example.org/images/a:1:s/"),
        Image(JPEG, "image/jpeg", url="https://plan.example.org/images/b:2:t/"),
    )
    assert instagram.publish(Outgoing("two doors", images=images), KEY) == PUBLISHED
    first, second, carousel = (body(r) for r in net.sent("POST", f"{V}/{USER}/media"))
    assert first["image_url"] == "https://plan.example.org/images/a:1:s/"
    assert second["image_url"] == "https://plan.example.org/images/b:2:t/"
    assert carousel["children"] == "c1,c2"
    # An address lets whoever has it see the image: it is kept out of the image's repr.
    assert "plan.example.org" not in repr(images[0])


def test_an_own_address_wins_over_the_image_host() -> None:
    host, net = Host(), network("FINISHED")
    image = Image(JPEG, "image/jpeg", "a red door", url="https://plan.example.org/images/a:1:s/")
    adapter(net, host).publish(Outgoing("door", images=(image,)), KEY)
    assert host.stored == []
    assert body(net.sent("POST", f"{V}/{USER}/media")[0])["image_url"] == image.url


def test_the_image_host_gives_the_addresses_images_lack() -> None:
    host = Host()
    net = (
        FakeNetwork()
        .on("POST", f"{V}/{USER}/media", reply(200, {"id": "c1"}), reply(200, {"id": "c2"}),
            reply(200, {"id": CONTAINER}))
        .on("GET", f"{V}/{CONTAINER}", reply(200, {"status_code": "FINISHED"}))
        .on("POST", f"{V}/{USER}/media_publish", reply(200, {"id": MEDIA}))
        .on("GET", f"{V}/{MEDIA}", reply(200, FOUND))
    )  # fmt: skip
    own = Image(JPEG, "image/jpeg", url="https://plan.example.org/images/a:1:s/")
    hosted = Image(JPEG, "image/jpeg", "hosted")
    adapter(net, host).publish(Outgoing("two", images=(own, hosted)), KEY)
    assert host.stored == [hosted]
    first, second, _carousel = (body(r) for r in net.sent("POST", f"{V}/{USER}/media"))
    assert first["image_url"] == own.url
    assert second["image_url"] == "https://cdn.example.org/media/1.jpg"


def test_an_image_without_an_address_and_no_host_sends_nothing() -> None:
    net = FakeNetwork()
    creds = InstagramCredentials(ig_user_id=USER, access_token=TOKEN)  # type: ignore[arg-type]
    instagram = InstagramAdapter(creds, transport=net.transport)
    images = (
        Image(JPEG, "image/jpeg", url="https://plan.example.org/images/a:1:s/"),
        Image(JPEG, "image/jpeg"),
    )
    with pytest.raises(PermanentError, match="no image host"):
        instagram.publish(Outgoing("door", images=images), KEY)
    assert net.requests == []
