"""A draft's images: uploaded (verified by their content), described, shown to members only,
removed, checked against each network next to its variant, and sent with the post."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from typing import Any

import httpx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from tests.publish.fake_network import FakeNetwork, fake_jwt, reply

from socialplan.publish import networks
from socialplan.publish.content import Image as OutgoingImage
from socialplan.publish.content import Outgoing
from socialplan.web.calendar import images
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
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, post
from web.conftest import EVERYONE, Team, expected_status


def picture(kind: str = "JPEG", size: tuple[int, int] = (64, 48), noise: bool = False) -> bytes:
    """An image of *kind*: plain colour, or random pixels (which do not compress)."""
    mode = "RGBA" if kind == "PNG" and not noise else "RGB"
    if noise:
        pixels = random.Random(7).randbytes(size[0] * size[1] * 3)
        image = Image.frombytes("RGB", size, pixels)
    else:
        image = Image.new(mode, size, (200, 120, 40) if mode == "RGB" else (200, 120, 40, 128))
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def draft(team: Team) -> Post:
    """A draft by the editor on Mastodon, three days from now."""
    target = channel(team.workspace, "mastodon", "acme@social.example")
    return post(team.workspace, team.users["editor"], "Fresh bread", later(3), [target])


def _add(team: Team, who: str, made: Post, file: Any, alt: str = "A loaf") -> Any:
    url = reverse("calendar:image_add", args=["acme", made.pk])
    return team.client(who).post(url, {"image": file, "alt": alt})


def _image(
    made: Post, data: bytes | None = None, alt: str = "", name: str = "bread.jpg"
) -> PostImage:
    """Attach an image to *made* directly, as an upload would."""
    content = data or picture()
    read = images.read_upload(upload(name, content))
    return PostImage.objects.create(
        post=made,
        name=read.name,
        mime=read.mime,
        data=read.data,
        size=len(read.data),
        width=read.width,
        height=read.height,
        thumbnail=read.thumbnail,
        thumbnail_mime=read.thumbnail_mime,
        alt=alt,
        position=made.images.count(),
    )


def _blocks(html: str) -> dict[int, str]:
    parts = re.split(r'<div id="checks-(\d+)"', html)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def _codes(block: str) -> set[str]:
    return set(re.findall(r'data-code="(S[EP]\d+)"', block))


def _page(team: Team, made: Post, who: str = "editor") -> str:
    response = team.client(who).get(reverse("calendar:post", args=["acme", made.pk]))
    assert response.status_code == 200
    return response.content.decode()


# -- who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_editors_add_images(team: Team, draft: Post, who: str) -> None:
    response = _add(team, who, draft, upload("bread.jpg", picture()))
    allowed = who in ("owner", "editor")
    assert response.status_code == (302 if allowed else expected_status(who, Role.EDITOR))
    assert draft.images.count() == (1 if allowed else 0)
    if allowed:
        assert response["Location"].endswith("#sp-images")
        stored = draft.images.get()
        assert (stored.name, stored.mime, stored.alt) == ("bread.jpg", "image/jpeg", "A loaf")
        assert (stored.width, stored.height, stored.size) == (64, 48, len(picture()))


@pytest.mark.parametrize("who", EVERYONE)
def test_members_see_images_and_outsiders_nothing(team: Team, draft: Post, who: str) -> None:
    image = _image(draft)
    for name, body, mime in (
        ("image", picture(), "image/jpeg"),
        ("image_small", bytes(image.thumbnail), "image/jpeg"),
    ):
        url = reverse(f"calendar:{name}", args=["acme", draft.pk, image.pk])
        response = team.client(who).get(url)
        assert response.status_code == expected_status(who, Role.VIEWER)
        if response.status_code == 200:
            assert response.content == body
            assert response["Content-Type"] == mime
            assert response["Cache-Control"] == "private, max-age=3600"
            assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("who", EVERYONE)
def test_editors_describe_images(team: Team, draft: Post, who: str) -> None:
    image = _image(draft)
    url = reverse("calendar:image_describe", args=["acme", draft.pk, image.pk])
    response = team.client(who).post(url, {f"image-{image.pk}-alt": "Two loaves on a board"})
    image.refresh_from_db()
    allowed = who in ("owner", "editor")
    assert response.status_code == (302 if allowed else expected_status(who, Role.EDITOR))
    assert image.alt == ("Two loaves on a board" if allowed else "")


@pytest.mark.parametrize("who", EVERYONE)
def test_editors_remove_images(team: Team, draft: Post, who: str) -> None:
    image = _image(draft)
    url = reverse("calendar:image_remove", args=["acme", draft.pk, image.pk])
    response = team.client(who).post(url)
    allowed = who in ("owner", "editor")
    assert response.status_code == (302 if allowed else expected_status(who, Role.EDITOR))
    assert draft.images.exists() != allowed


def test_an_image_is_only_reached_through_its_own_post_and_workspace(
    team: Team, draft: Post
) -> None:
    image = _image(draft)
    other = post(team.workspace, team.users["editor"], "Another", later(4))
    client = team.client("owner")
    assert (
        client.get(reverse("calendar:image", args=["acme", other.pk, image.pk])).status_code == 404
    )
    # The outsider's own workspace does not open another's image either.
    outsider = team.client("outsider")
    assert (
        outsider.get(reverse("calendar:image", args=["other", draft.pk, image.pk])).status_code
        == 404
    )
    # Images are read, never changed, by GET; changes are POSTs with the CSRF token.
    assert (
        client.post(reverse("calendar:image", args=["acme", draft.pk, image.pk])).status_code == 405
    )
    assert (
        client.get(reverse("calendar:image_remove", args=["acme", draft.pk, image.pk])).status_code
        == 405
    )


def test_changes_need_the_csrf_token(team: Team, draft: Post) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.users["editor"])
    response = client.post(
        reverse("calendar:image_add", args=["acme", draft.pk]),
        {"image": upload("bread.jpg", picture())},
    )
    assert response.status_code == 403
    assert not draft.images.exists()


# -- the editor's page -------------------------------------------------------------------------


def test_the_page_shows_thumbnails_and_the_upload_form(team: Team, draft: Post) -> None:
    image = _image(draft, alt="A loaf")
    html = _page(team, draft)
    assert 'enctype="multipart/form-data"' in html
    assert reverse("calendar:image_small", args=["acme", draft.pk, image.pk]) in html
    assert 'alt="A loaf"' in html
    assert "Description for people who cannot see it" in html
    assert "Remove the image" in html
    # Readers see the image and its description, without forms.
    html = _page(team, draft, "viewer")
    assert reverse("calendar:image_small", args=["acme", draft.pk, image.pk]) in html
    assert "Remove the image" not in html
    assert "Add the image" not in html


def test_a_description_is_never_trusted_as_markup(team: Team, draft: Post) -> None:
    _image(draft, alt='<script>alert("x")</script>', name="<b>bread</b>.jpg")
    html = _page(team, draft, "viewer")
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<b>bread</b>" not in html


def test_a_new_post_says_images_come_after_saving(team: Team) -> None:
    response = team.client("editor").get(reverse("calendar:post_new", args=["acme"]))
    assert "Images can be added once the draft is saved." in response.content.decode()


# -- what is accepted --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "mime"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("GIF", "image/gif"), ("WEBP", "image/webp")],
)
def test_each_accepted_type_is_told_by_its_content(
    team: Team, draft: Post, kind: str, mime: str
) -> None:
    # Whatever the name and the browser say, the content decides.
    response = _add(team, "editor", draft, upload("photo.txt", picture(kind), "text/plain"))
    assert response.status_code == 302
    stored = draft.images.get()
    assert stored.mime == mime
    assert Image.open(io.BytesIO(bytes(stored.thumbnail))).size == (64, 48)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("notes.jpg", b"not an image at all, only text", "not an image in JPEG, PNG, GIF or WebP"),
        ("empty.jpg", b"", "The submitted file is empty."),
        ("cut.png", picture("PNG")[:60], "not an image in JPEG, PNG, GIF or WebP"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not an image in JPEG, PNG, GIF or WebP",
        ),
        ("photo.bmp", b"BM" + picture("BMP")[2:], "not an image in JPEG, PNG, GIF or WebP"),
    ],
)
def test_what_is_not_an_accepted_image_is_refused_clearly(
    team: Team, draft: Post, name: str, data: bytes, said: str
) -> None:
    response = _add(team, "editor", draft, upload(name, data))
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not PostImage.objects.exists()


def test_an_image_above_the_largest_any_network_takes_is_refused(
    team: Team, draft: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images, "largest_taken", lambda: 1000)
    response = _add(team, "editor", draft, upload("big.jpg", picture(noise=True)))
    assert response.status_code == 400
    assert "the largest image accepted is 1000" in response.content.decode()
    assert not PostImage.objects.exists()


def test_an_upload_above_the_upload_limit_is_stopped(team: Team, draft: Post) -> None:
    with override_settings(UPLOAD_LIMIT_MB=0.01):
        response = _add(team, "editor", draft, upload("big.png", picture("PNG", (200, 200), True)))
    assert response.status_code == 413
    assert "larger than the largest image accepted" in response.content.decode()
    assert not PostImage.objects.exists()


def test_an_image_of_too_many_pixels_is_refused(
    team: Team, draft: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    response = _add(team, "editor", draft, upload("wide.jpg", picture()))
    assert response.status_code == 400
    assert "more than 0 million pixels" in response.content.decode()
    assert not PostImage.objects.exists()


def test_a_post_carries_at_most_as_many_images_as_any_network_takes(
    team: Team, draft: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images, "most_taken", lambda: 2)
    for _ in range(2):
        _image(draft)
    response = _add(team, "editor", draft, upload("third.jpg", picture()))
    assert response.status_code == 400
    assert "A post can carry at most 2 images." in response.content.decode()
    assert draft.images.count() == 2


def test_a_description_too_long_is_refused(team: Team, draft: Post) -> None:
    image = _image(draft, alt="short")
    url = reverse("calendar:image_describe", args=["acme", draft.pk, image.pk])
    response = team.client("editor").post(url, {f"image-{image.pk}-alt": "x" * 1001})
    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()
    image.refresh_from_db()
    assert image.alt == "short"


def test_the_file_name_is_kept_without_folders_or_control_characters() -> None:
    assert images.display_name("C:\\photos\\bread\x00.jpg") == "bread.jpg"
    assert images.display_name("../../etc/bread.jpg") == "bread.jpg"
    assert images.display_name("نان تازه.jpg") == "نان تازه.jpg"


# -- the post's state --------------------------------------------------------------------------


def test_changing_the_images_of_an_approved_post_makes_it_a_draft_again(
    team: Team, draft: Post
) -> None:
    Post.objects.filter(pk=draft.pk).update(
        state=PostState.APPROVED, approved_by=team.users["owner"]
    )
    response = _add(team, "editor", draft, upload("bread.jpg", picture()))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.state, draft.approved_by) == (PostState.DRAFT, None)


@pytest.mark.parametrize("change", ["add", "describe", "remove"])
def test_a_scheduled_posts_images_cannot_change(team: Team, draft: Post, change: str) -> None:
    image = _image(draft, alt="A loaf")
    Post.objects.filter(pk=draft.pk).update(state=PostState.SCHEDULED)
    client = team.client("editor")
    if change == "add":
        response = _add(team, "editor", draft, upload("more.jpg", picture()))
    elif change == "describe":
        url = reverse("calendar:image_describe", args=["acme", draft.pk, image.pk])
        response = client.post(url, {f"image-{image.pk}-alt": "Changed"})
    else:
        response = client.post(reverse("calendar:image_remove", args=["acme", draft.pk, image.pk]))
    assert response.status_code == 409
    assert "unschedule it first" in response.content.decode()
    assert list(draft.images.values_list("alt", flat=True)) == ["A loaf"]


# -- the checks --------------------------------------------------------------------------------


@override_settings(PUBLIC_URL="https://plan.example.org")
def test_instagram_needs_an_image_and_can_then_be_scheduled(team: Team) -> None:
    instagram = channel(team.workspace, "instagram", "acme")
    made = post(team.workspace, team.users["editor"], "Fresh bread", later(3), [instagram])
    html = _page(team, made)
    assert "Instagram cannot publish a post without an image" in _blocks(html)[instagram.pk]
    submit = reverse("calendar:transition", args=["acme", made.pk, "submit"])
    assert team.client("editor").post(submit).status_code == 409
    assert _add(team, "editor", made, upload("bread.jpg", picture())).status_code == 302
    assert "SE302" not in _codes(_blocks(_page(team, made))[instagram.pk])
    assert team.client("editor").post(submit).status_code == 302
    approve = reverse("calendar:transition", args=["acme", made.pk, "approve"])
    assert team.client("reviewer").post(approve).status_code == 302
    schedule = reverse("calendar:transition", args=["acme", made.pk, "schedule"])
    assert team.client("editor").post(schedule).status_code == 302
    made.refresh_from_db()
    assert made.state == PostState.SCHEDULED


def test_each_network_judges_the_images_next_to_its_variant(team: Team) -> None:
    instagram = channel(team.workspace, "instagram", "acme")
    bluesky = channel(team.workspace, "bluesky", "acme.example")
    mastodon = channel(team.workspace, "mastodon", "acme@social.example")
    made = post(
        team.workspace,
        team.users["editor"],
        "Fresh bread",
        later(3),
        [instagram, bluesky, mastodon],
        own={bluesky.pk: "Bread on Bluesky", mastodon.pk: "Bread on Mastodon"},
    )
    large = picture("PNG", (900, 900), noise=True)
    assert len(large) > 2_000_000
    _image(made, large, alt="Crumb close up", name="crumb.png")
    blocks = _blocks(_page(team, made))
    # Instagram takes JPEG only; Bluesky takes two megabytes; Mastodon takes both.
    assert (
        "the image crumb.png is in PNG format, which Instagram does not take"
        in (blocks[instagram.pk])
    )
    assert (
        "the image crumb.png is 2.3 MiB; Bluesky takes images of at most 1.9 MiB"
        in (blocks[bluesky.pk])
    )
    assert 'data-severity="error"' in blocks[bluesky.pk]
    assert "SE302" not in _codes(blocks[mastodon.pk])


def test_an_image_without_a_description_is_a_warning(team: Team, draft: Post) -> None:
    target = draft.deliveries.get().channel
    _image(draft, alt="", name="loaf.jpg")
    block = _blocks(_page(team, draft))[target.pk]
    assert "no description for people who cannot see them: loaf.jpg" in block
    assert 'data-severity="warning"' in block


@override_settings(PUBLIC_URL="https://plan.example.org")
def test_live_checks_of_a_saved_post_know_its_images(team: Team) -> None:
    instagram = channel(team.workspace, "instagram", "acme")
    made = post(team.workspace, team.users["editor"], "Fresh bread", later(3), [instagram])
    _image(made, alt="A loaf")
    response = team.client("editor").post(
        reverse("calendar:check", args=["acme", made.pk]),
        {"text": "", "channels": [instagram.pk]},
    )
    block = _blocks(response.content.decode())[instagram.pk]
    # An image alone makes an Instagram post.
    assert "SE302" not in _codes(block)


# -- publishing --------------------------------------------------------------------------------


def test_outgoing_carries_the_images_in_their_order(team: Team, draft: Post) -> None:
    first = _image(draft, picture("PNG"), alt="First", name="one.png")
    second = _image(draft, picture(), alt="Second", name="two.jpg")
    PostImage.objects.filter(pk=first.pk).update(position=5)
    delivery = draft.deliveries.get()
    assert outgoing_for(delivery) == Outgoing(
        text="Fresh bread",
        images=(
            OutgoingImage(data=picture(), mime="image/jpeg", alt="Second"),
            OutgoingImage(data=picture("PNG"), mime="image/png", alt="First"),
        ),
        language=None,
    )
    assert second.position < 5


def _due(made: Post) -> Delivery:
    """*made* scheduled, its delivery due now."""
    now = timezone.now() - dt.timedelta(seconds=1)
    Post.objects.filter(pk=made.pk).update(state=PostState.SCHEDULED, publish_at=now)
    delivery = made.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.SCHEDULED, due_at=now)
    return delivery


def _through(net: FakeNetwork, monkeypatch: pytest.MonkeyPatch) -> None:
    """The publisher's adapters talk to *net* instead of the internet."""

    def connect(
        network: str, credentials: Any, transport: httpx.BaseTransport | None = None
    ) -> Any:
        return networks.connect(network, credentials, transport=net.transport)

    monkeypatch.setattr(adapters, "connect", connect)
    adapters.forget_all()


def test_the_images_are_published_with_the_post(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    status = {
        "id": "110",
        "url": "https://social.example/@acme/110",
        "created_at": "2026-11-02T09:30:00+00:00",
    }
    net = (
        FakeNetwork()
        .on("POST", "/api/v2/media", reply(200, {"id": "m1"}))
        .on("POST", "/api/v1/statuses", reply(200, status))
    )
    _through(net, monkeypatch)
    target = Channel.objects.create(
        workspace=team.workspace,
        network="mastodon",
        handle="acme@social.example",
        sealed_credentials=seal(
            {"instance": "https://social.example", "access_token": "tok-1234567890"}
        ),
    )
    made = post(team.workspace, team.users["editor"], "Fresh bread", later(3), [target])
    _add(team, "editor", made, upload("bread.jpg", picture()), alt="A loaf on a board")
    delivery = _due(made)
    try:
        assert publish(delivery.pk) == DeliveryState.PUBLISHED
    finally:
        adapters.forget_all()
    media = net.sent("POST", "/api/v2/media")
    assert len(media) == 1
    assert picture() in media[0].content
    assert b"A loaf on a board" in media[0].content
    assert b'"media_ids":["m1"]' in net.sent("POST", "/api/v1/statuses")[0].content.replace(
        b" ", b""
    )


def test_the_images_reach_bluesky_as_blobs_with_their_descriptions(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    did = "did:plc:brandbrandbrandbrandbran"
    session = {
        "did": did,
        "handle": "acme.example",
        "accessJwt": fake_jwt(did),
        "refreshJwt": fake_jwt(did, 4_102_444_801),
    }
    blob = {
        "$type": "blob",
        "ref": {"$link": "bafkreib2rxk3rh6kzwq"},
        "mimeType": "image/png",
        "size": 100,
    }
    net = (
        FakeNetwork()
        .on("POST", "/xrpc/com.atproto.server.createSession", reply(200, session))
        .on(
            "GET",
            "/xrpc/com.atproto.repo.getRecord",
            reply(400, {"error": "RecordNotFound", "message": "Could not locate record"}),
        )
        .on("POST", "/xrpc/com.atproto.repo.uploadBlob", reply(200, {"blob": blob}))
        .on(
            "POST",
            "/xrpc/com.atproto.repo.createRecord",
            reply(200, {"uri": f"at://{did}/app.bsky.feed.post/3kabc", "cid": "bafyreib2rxk"}),
        )
    )
    _through(net, monkeypatch)
    target = Channel.objects.create(
        workspace=team.workspace,
        network="bluesky",
        handle="acme.example",
        sealed_credentials=seal(
            {"service": "https://pds.example", "handle": "acme.example", "app_password": "app-pw"}
        ),
    )
    made = post(team.workspace, team.users["editor"], "Fresh bread", later(3), [target])
    _add(team, "editor", made, upload("crumb.png", picture("PNG")), alt="The crumb, close up")
    delivery = _due(made)
    try:
        state = publish(delivery.pk)
    finally:
        adapters.forget_all()
    delivery.refresh_from_db()
    assert state == DeliveryState.PUBLISHED, (
        delivery.problem,
        list(delivery.history.values_list("answer", flat=True)),
    )
    uploaded = net.sent("POST", "/xrpc/com.atproto.repo.uploadBlob")
    assert [(r.content, r.headers["Content-Type"]) for r in uploaded] == [
        (picture("PNG"), "image/png")
    ]
    record = json.loads(net.sent("POST", "/xrpc/com.atproto.repo.createRecord")[0].content)
    images = record["record"]["embed"]["images"]
    assert [(i["alt"], i["image"]["ref"]["$link"]) for i in images] == [
        ("The crumb, close up", "bafkreib2rxk3rh6kzwq")
    ]
