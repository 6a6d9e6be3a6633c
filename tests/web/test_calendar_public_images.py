"""Images Instagram fetches by itself: signed addresses that expire, given only where the app
has a public address, the check that blocks scheduling without one, and a publish end to end."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from typing import Any

import httpx
import pytest
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from tests.publish.fake_network import FakeNetwork, body, reply

from socialplan.publish import networks
from socialplan.publish.networks.facebook.graph import GRAPH_VERSION
from socialplan.publish.networks.instagram import containers
from socialplan.web.calendar import public_images
from socialplan.web.calendar.models import (
    Channel,
    Delivery,
    DeliveryState,
    Post,
    PostImage,
    PostState,
)
from socialplan.web.calendar.publishing import adapters
from socialplan.web.calendar.publishing.attempt import publish
from socialplan.web.calendar.publishing.outgoing import outgoing_for
from socialplan.web.calendar.sealing import seal
from socialplan.web.settings import public_url
from web.calendar_support import channel, later, post
from web.conftest import Team

PUBLIC = "https://plan.example.org"
USER = "17841400008460056"
V = f"/{GRAPH_VERSION}"


def jpeg(colour: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, "JPEG")
    return out.getvalue()


def attach(made: Post, data: bytes, position: int = 0, alt: str = "A loaf") -> PostImage:
    return PostImage.objects.create(
        post=made,
        name="bread.jpg",
        mime="image/jpeg",
        data=data,
        size=len(data),
        width=32,
        height=24,
        thumbnail=data,
        thumbnail_mime="image/jpeg",
        alt=alt,
        position=position,
    )


@pytest.fixture
def instagram_post(team: Team) -> Post:
    target = channel(team.workspace, "instagram", "acme")
    made = post(team.workspace, team.users["editor"], "Fresh bread", later(3), [target])
    attach(made, jpeg())
    return made


def _path(url: str) -> str:
    assert url.startswith(PUBLIC + "/")
    return url.removeprefix(PUBLIC)


# -- the setting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "debug", "kept"),
    [
        ("", False, ""),
        ("  ", False, ""),
        ("https://plan.example.org/", False, "https://plan.example.org"),
        ("https://example.org/socialplan", False, "https://example.org/socialplan"),
        ("http://localhost:8000", True, "http://localhost:8000"),
    ],
)
def test_the_public_address_setting(given: str, debug: bool, kept: str) -> None:
    assert public_url(given, debug) == kept


@pytest.mark.parametrize(
    "given", ["http://plan.example.org", "plan.example.org", "https://", "https://x.org/?a=1"]
)
def test_only_an_https_address_is_a_public_address(given: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="SOCIALPLAN_PUBLIC_URL"):
        public_url(given, debug=False)


# -- the signed address ------------------------------------------------------------------------


@override_settings(PUBLIC_URL=PUBLIC)
def test_a_signed_address_gives_the_image_and_nothing_else(instagram_post: Post) -> None:
    image = instagram_post.images.get()
    url = public_images.address(image.pk, bytes(image.data))
    assert url is not None
    # Nothing in it names the workspace or the post.
    assert "acme" not in url
    assert f"/{instagram_post.pk}/" not in url
    response = Client().get(_path(url))  # nobody signed in
    assert response.status_code == 200
    assert response.content == bytes(image.data)
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert "Content-Disposition" not in response
    assert "Set-Cookie" not in response
    assert Client().head(_path(url)).status_code == 200
    assert Client().post(_path(url)).status_code == 405


@override_settings(PUBLIC_URL=PUBLIC)
def test_a_tampered_address_is_not_found(instagram_post: Post) -> None:
    image = instagram_post.images.get()
    url = public_images.address(image.pk, bytes(image.data))
    assert url is not None
    token = _path(url).split("/")[2]
    payload, stamp, signature = token.split(":")
    forged = f"{payload}:{stamp}:{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    for bad in (forged, "nonsense", f"{payload}:{stamp}", "x" * 300):
        response = Client().get(reverse("public_image", args=[bad]))
        assert response.status_code == 404
        assert b"signature" not in response.content.lower()


@override_settings(PUBLIC_URL=PUBLIC)
def test_an_address_signed_for_something_else_is_not_found(instagram_post: Post) -> None:
    image = instagram_post.images.get()
    fingerprint = public_images.content_hash(bytes(image.data))
    other_salt = signing.dumps({"image": image.pk, "sha256": fingerprint}, salt="elsewhere")
    unsalted = signing.dumps({"image": image.pk, "sha256": fingerprint})
    wrong_shape = signing.dumps([image.pk], salt=public_images.SALT)
    for token in (other_salt, unsalted, wrong_shape):
        assert Client().get(reverse("public_image", args=[token])).status_code == 404


@override_settings(PUBLIC_URL=PUBLIC)
def test_an_address_expires_after_an_hour(
    instagram_post: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    image = instagram_post.images.get()
    url = public_images.address(image.pk, bytes(image.data))
    assert url is not None
    now = time.time()

    class Later:
        @staticmethod
        def time() -> float:
            return now + public_images.LIFETIME.total_seconds() - 60

    monkeypatch.setattr(signing, "time", Later)
    assert Client().get(_path(url)).status_code == 200
    Later.time = staticmethod(lambda: now + public_images.LIFETIME.total_seconds() + 5)  # type: ignore[method-assign]
    assert Client().get(_path(url)).status_code == 404


@override_settings(PUBLIC_URL=PUBLIC)
def test_another_images_address_opens_only_that_image(instagram_post: Post) -> None:
    first = instagram_post.images.get()
    second = attach(instagram_post, jpeg((10, 20, 200)), position=1)
    url = public_images.address(second.pk, bytes(second.data))
    assert url is not None
    assert Client().get(_path(url)).content == bytes(second.data)
    # The first image's id with the second's hash: not the image that was signed.
    forged = signing.dumps(
        {"image": first.pk, "sha256": public_images.content_hash(bytes(second.data))},
        salt=public_images.SALT,
    )
    assert Client().get(reverse("public_image", args=[forged])).status_code == 404


@override_settings(PUBLIC_URL=PUBLIC)
def test_an_address_of_a_changed_or_removed_image_is_not_found(instagram_post: Post) -> None:
    image = instagram_post.images.get()
    url = public_images.address(image.pk, bytes(image.data))
    assert url is not None
    PostImage.objects.filter(pk=image.pk).update(data=jpeg((0, 0, 0)))
    assert Client().get(_path(url)).status_code == 404
    image.delete()
    assert Client().get(_path(url)).status_code == 404


def test_without_a_public_address_there_is_none() -> None:
    assert not public_images.configured()
    assert public_images.address(1, b"data") is None


# -- what a delivery sends ---------------------------------------------------------------------


@override_settings(PUBLIC_URL=PUBLIC)
def test_instagram_images_get_a_fresh_signed_address(team: Team, instagram_post: Post) -> None:
    attach(instagram_post, jpeg((10, 20, 200)), position=1)
    sent = outgoing_for(instagram_post.deliveries.get())
    assert [i.data for i in sent.images] == [
        bytes(i.data) for i in instagram_post.images.order_by("position")
    ]
    for image in sent.images:
        assert image.url is not None
        response = Client().get(_path(image.url))
        assert response.content == image.data
    # The address never shows in logs through the image's repr.
    assert sent.images[0].url not in repr(sent)


@override_settings(PUBLIC_URL=PUBLIC)
def test_networks_that_take_uploads_get_no_address(team: Team) -> None:
    target = channel(team.workspace, "mastodon", "acme@social.example")
    made = post(team.workspace, team.users["editor"], "Fresh bread", later(3), [target])
    attach(made, jpeg())
    (image,) = outgoing_for(made.deliveries.get()).images
    assert image.url is None


def test_without_the_setting_instagram_images_get_no_address(instagram_post: Post) -> None:
    (image,) = outgoing_for(instagram_post.deliveries.get()).images
    assert image.url is None


# -- the check before scheduling ---------------------------------------------------------------


def _checks_of(team: Team, made: Post) -> str:
    html = team.client("editor").get(reverse("calendar:post", args=["acme", made.pk]))
    assert html.status_code == 200
    (block,) = re.findall(
        r'<div id="checks-\d+" class="sp-checks">(.*?)</div>\s*</div>', html.content.decode(), re.S
    )
    return block


def test_instagram_images_without_a_public_address_block_scheduling(
    team: Team, instagram_post: Post
) -> None:
    block = _checks_of(team, instagram_post)
    assert 'data-severity="error" data-code="SE302"' in block
    assert "Instagram fetches each image from a public address" in block
    assert "SOCIALPLAN_PUBLIC_URL" in block
    submit = reverse("calendar:transition", args=["acme", instagram_post.pk, "submit"])
    assert team.client("editor").post(submit).status_code == 409
    Post.objects.filter(pk=instagram_post.pk).update(state=PostState.APPROVED)
    schedule = reverse("calendar:transition", args=["acme", instagram_post.pk, "schedule"])
    assert team.client("editor").post(schedule).status_code == 409
    instagram_post.refresh_from_db()
    assert instagram_post.state == PostState.APPROVED


def test_the_missing_address_is_said_in_persian(team: Team, instagram_post: Post) -> None:
    persian = Client(headers={"accept-language": "fa"})
    persian.force_login(team.users["editor"])
    response = persian.get(reverse("calendar:post", args=["acme", instagram_post.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    # The setting's name is no word to translate: it stays as it is, in any language.
    assert "SOCIALPLAN_PUBLIC_URL" in html


@override_settings(PUBLIC_URL=PUBLIC)
def test_with_a_public_address_instagram_images_can_be_scheduled(
    team: Team, instagram_post: Post
) -> None:
    assert "SE302" not in _checks_of(team, instagram_post)
    Post.objects.filter(pk=instagram_post.pk).update(state=PostState.APPROVED)
    schedule = reverse("calendar:transition", args=["acme", instagram_post.pk, "schedule"])
    assert team.client("editor").post(schedule).status_code == 302


def test_other_networks_need_no_public_address(team: Team) -> None:
    target = channel(team.workspace, "mastodon", "acme@social.example")
    made = post(team.workspace, team.users["editor"], "Fresh bread", later(3), [target])
    attach(made, jpeg())
    assert "public address" not in _checks_of(team, made)


# -- end to end --------------------------------------------------------------------------------


@override_settings(PUBLIC_URL=PUBLIC)
def test_instagram_fetches_the_image_from_its_signed_address(
    team: Team, instagram_post: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The publisher sends Instagram an address; what Instagram fetches there is the image."""
    fetched: list[bytes] = []

    def make_container(request: httpx.Request) -> httpx.Response:
        # Instagram fetches the image before it answers: here through the app itself.
        answer = Client().get(_path(body(request)["image_url"]))
        assert answer.status_code == 200
        fetched.append(answer.content)
        return reply(200, {"id": "c1"})

    found = {"id": "m1", "permalink": "https://www.instagram.com/p/C7x/"}
    net = (
        FakeNetwork()
        .on("POST", f"{V}/{USER}/media", make_container)
        .on("GET", f"{V}/c1", reply(200, {"status_code": "FINISHED"}))
        .on("POST", f"{V}/{USER}/media_publish", reply(200, {"id": "m1"}))
        .on("GET", f"{V}/m1", reply(200, found))
    )

    def connect(
        network: str, credentials: Any, transport: httpx.BaseTransport | None = None
    ) -> Any:
        return networks.connect(network, credentials, transport=net.transport)

    monkeypatch.setattr(adapters, "connect", connect)
    monkeypatch.setattr(containers.time, "sleep", lambda _seconds: None)
    Channel.objects.filter(pk=instagram_post.deliveries.get().channel_id).update(
        sealed_credentials=seal({"ig_user_id": USER, "access_token": "EAAGm0-token-123456"})
    )
    now = timezone.now() - dt.timedelta(seconds=1)
    Post.objects.filter(pk=instagram_post.pk).update(state=PostState.SCHEDULED, publish_at=now)
    delivery = instagram_post.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.SCHEDULED, due_at=now)
    adapters.forget_all()
    try:
        state = publish(delivery.pk)
    finally:
        adapters.forget_all()
    delivery.refresh_from_db()
    assert state == DeliveryState.PUBLISHED, delivery.problem
    assert fetched == [bytes(instagram_post.images.get().data)]
    (create,) = net.sent("POST", f"{V}/{USER}/media")
    assert body(create)["image_url"].startswith(f"{PUBLIC}/images/")
    assert body(create)["alt_text"] == "A loaf"
    assert delivery.remote_url == "https://www.instagram.com/p/C7x/"
