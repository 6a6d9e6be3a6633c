"""A post that failed (or was published) copied as a new draft: the way forward after a network
refused it. The copy has the channels still to reach and the images; the post stays as it was."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from socialplan.publish.checks import TOO_LONG
from socialplan.publish.errors import RejectedError
from socialplan.web.calendar.models import (
    Channel,
    Delivery,
    DeliveryState,
    Post,
    PostImage,
    PostState,
)
from socialplan.web.calendar.publishing import problems
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, post
from web.conftest import EVERYONE, Team, expected_status

EDITORS = ("owner", "editor")
REFUSED = problems.from_error(RejectedError(TOO_LONG, length=600, network="Mastodon", limit=500))


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), colour).save(out, "JPEG")
    return out.getvalue()


def attach(made: Post, data: bytes, position: int, alt: str) -> PostImage:
    return PostImage.objects.create(
        post=made,
        name=f"photo-{position}.jpg",
        mime="image/jpeg",
        data=data,
        size=len(data),
        width=16,
        height=12,
        thumbnail=data[:50],
        thumbnail_mime="image/jpeg",
        alt=alt,
        position=position,
    )


@pytest.fixture
def channels(team: Team) -> dict[str, Channel]:
    return {
        name: channel(team.workspace, name, f"acme-{name}") for name in ("mastodon", "bluesky", "x")
    }


@pytest.fixture
def failed(team: Team, channels: dict[str, Channel]) -> Post:
    """A post by the editor that went out on X, and that Mastodon and Bluesky refused."""
    made = post(
        team.workspace,
        team.users["editor"],
        "Autumn trips are out " * 20,
        later(-1),
        list(channels.values()),
        PostState.FAILED,
        own={channels["bluesky"].pk: "Autumn trips, shorter"},
    )
    Post.objects.filter(pk=made.pk).update(language="en", pillar="trips")
    for name, delivery in ((d.channel.network, d) for d in made.deliveries.all()):
        if name == "x":
            Delivery.objects.filter(pk=delivery.pk).update(
                state=DeliveryState.PUBLISHED,
                remote_url="https://x.com/acme/status/1",
                published_at=later(-1),
            )
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                state=DeliveryState.FAILED, problem=REFUSED, attempts=1
            )
    attach(made, jpeg((200, 30, 30)), 0, "The red bus")
    attach(made, jpeg((30, 30, 200)), 1, "The blue lake")
    made.refresh_from_db()
    return made


def _copy(team: Team, who: str, made: Post) -> Any:
    return team.client(who).post(reverse("calendar:transition", args=["acme", made.pk, "copy"]))


def _snapshot(made: Post) -> tuple[Any, ...]:
    """Everything about a post a copy must leave alone."""
    made.refresh_from_db()
    deliveries = tuple(
        made.deliveries.order_by("pk").values_list(
            "pk", "channel_id", "text", "state", "key", "problem", "remote_url"
        )
    )
    pictures = tuple(made.images.order_by("pk").values_list("pk", "data", "alt", "position"))
    return (
        made.state,
        made.text,
        made.publish_at,
        made.author_id,
        made.updated_at,
        deliveries,
        pictures,
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_copy_as_every_role(team: Team, failed: Post, who: str) -> None:
    before = Post.objects.count()
    response = _copy(team, who, failed)
    allowed = who in EDITORS
    if not allowed:
        assert response.status_code == expected_status(who, Role.EDITOR)
        assert Post.objects.count() == before
        return
    copy = Post.objects.exclude(pk=failed.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("calendar:post", args=["acme", copy.pk])
    assert copy.author == team.users[who]


def test_the_copy_is_a_draft_with_only_the_failed_channels(
    team: Team, failed: Post, channels: dict[str, Channel]
) -> None:
    _copy(team, "owner", failed)
    copy = Post.objects.exclude(pk=failed.pk).get()
    assert copy.state == PostState.DRAFT
    assert (copy.text, copy.language, copy.pillar) == (failed.text, "en", "trips")
    assert copy.publish_at is None
    assert (copy.submitted_at, copy.approved_by, copy.approved_at) == (None, None, None)
    variants = {d.channel.network: d for d in copy.deliveries.select_related("channel")}
    assert set(variants) == {"mastodon", "bluesky"}
    assert variants["bluesky"].text == "Autumn trips, shorter"
    assert variants["mastodon"].text == ""
    originals = set(failed.deliveries.values_list("key", flat=True))
    for delivery in variants.values():
        assert delivery.state == DeliveryState.WAITING
        assert (delivery.due_at, delivery.problem, delivery.attempts) == (None, None, 0)
        assert delivery.key not in originals


def test_the_images_are_copied_as_new_rows_with_the_same_bytes(team: Team, failed: Post) -> None:
    _copy(team, "editor", failed)
    copy = Post.objects.exclude(pk=failed.pk).get()
    originals = list(failed.images.order_by("position"))
    copies = list(copy.images.order_by("position"))
    assert len(copies) == 2
    for original, copied in zip(originals, copies, strict=True):
        assert copied.pk != original.pk
        assert bytes(copied.data) == bytes(original.data)
        assert bytes(copied.thumbnail) == bytes(original.thumbnail)
        assert (copied.name, copied.mime, copied.alt, copied.position) == (
            original.name,
            original.mime,
            original.alt,
            original.position,
        )
        assert (copied.size, copied.width, copied.height) == (
            original.size,
            original.width,
            original.height,
        )
    # The copy's images are its own: removing one leaves the post's.
    copies[0].delete()
    assert failed.images.count() == 2


def test_the_original_stays_exactly_as_it_was(team: Team, failed: Post) -> None:
    before = _snapshot(failed)
    _copy(team, "editor", failed)
    assert _snapshot(failed) == before


def test_a_published_post_is_copied_to_all_its_channels(
    team: Team, channels: dict[str, Channel]
) -> None:
    made = post(
        team.workspace,
        team.users["owner"],
        "Spring trips",
        later(-2),
        list(channels.values()),
        PostState.PUBLISHED,
    )
    made.deliveries.update(state=DeliveryState.PUBLISHED)
    response = _copy(team, "editor", made)
    assert response.status_code == 302
    copy = Post.objects.exclude(pk=made.pk).get()
    assert copy.author == team.users["editor"]
    assert set(copy.deliveries.values_list("channel__network", flat=True)) == set(channels)
    assert made.deliveries.filter(state=DeliveryState.PUBLISHED).count() == 3


@pytest.mark.parametrize(
    "state",
    [
        PostState.DRAFT,
        PostState.IN_REVIEW,
        PostState.APPROVED,
        PostState.SCHEDULED,
        PostState.PUBLISHING,
        PostState.UNCONFIRMED,
    ],
)
def test_only_failed_or_published_posts_are_copied(
    team: Team, channels: dict[str, Channel], state: PostState
) -> None:
    made = post(team.workspace, team.users["editor"], "Trips", later(3), [channels["x"]], state)
    response = _copy(team, "editor", made)
    assert response.status_code == 409
    assert "Only a post that failed or was published can be copied" in response.content.decode()
    assert Post.objects.count() == 1


def test_copy_needs_post_and_csrf(team: Team, failed: Post) -> None:
    url = reverse("calendar:transition", args=["acme", failed.pk, "copy"])
    assert team.client("editor").get(url).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(team.users["editor"])
    assert strict.post(url).status_code == 403
    assert Post.objects.count() == 1


def test_another_workspaces_post_is_not_found(team: Team, failed: Post) -> None:
    response = team.client("outsider").post(
        reverse("calendar:transition", args=["other", failed.pk, "copy"])
    )
    assert response.status_code == 404
    assert Post.objects.count() == 1


@pytest.mark.parametrize("who", EVERYONE)
def test_the_page_offers_the_copy_to_editors_and_points_to_it(
    team: Team, failed: Post, who: str
) -> None:
    response = team.client(who).get(reverse("calendar:post", args=["acme", failed.pk]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code != 200:
        return
    html = response.content.decode()
    assert ('data-action="copy"' in html) == (who in EDITORS)
    assert "refused the post itself" in html
    if who in EDITORS:
        assert "To correct it, use “Copy as a new draft” above" in html
    else:
        assert "An editor or the owner can copy it as a new draft" in html


def test_the_copy_opens_in_the_editor(team: Team, failed: Post) -> None:
    client = team.client("editor")
    response = client.post(reverse("calendar:transition", args=["acme", failed.pk, "copy"]))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'id="sp-post-form"' in html
    assert "This is a new draft, copied from the post" in html
    assert "The red bus" in html
    assert html.count('class="form-check-input" type="checkbox" name="channels"') == 3
    copy = Post.objects.exclude(pk=failed.pk).get()
    chosen = {d.channel_id for d in copy.deliveries.all()}
    for delivery in copy.deliveries.all():
        assert f'value="{delivery.channel_id}" id="channel-{delivery.channel_id}" checked' in html
    assert len(chosen) == 2


def test_a_copy_can_be_given_a_time_and_scheduled(team: Team, failed: Post) -> None:
    """The whole way forward: copy, shorten the refused text, and it may go to review."""
    _copy(team, "editor", failed)
    copy = Post.objects.exclude(pk=failed.pk).get()
    Post.objects.filter(pk=copy.pk).update(
        text="Autumn trips are out", publish_at=later(3) + dt.timedelta(hours=1)
    )
    submit = reverse("calendar:transition", args=["acme", copy.pk, "submit"])
    assert team.client("editor").post(submit).status_code == 302
    copy.refresh_from_db()
    assert copy.state == PostState.IN_REVIEW
    failed.refresh_from_db()
    assert failed.state == PostState.FAILED
