"""Publishing gone wrong, in a real browser: posts that failed (a revoked token, a text too long)
and one whose outcome is unknown, all through the real publisher against a loopback Mastodon;
the calendar marks them, a person settles the unknown one and tries the revoked one again after
checking the account, and the deliveries read right to left in Persian."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.web.loopback_network import LoopbackNetwork

from socialplan.publish.checks import TOO_LONG
from socialplan.publish.content import IdempotencyKey
from socialplan.publish.errors import AUTH_FAILED
from socialplan.web.calendar.models import (
    Attempt,
    Channel,
    Delivery,
    DeliveryState,
    Post,
    PostState,
)
from socialplan.web.calendar.publishing import adapters, problems
from socialplan.web.calendar.publishing.attempt import publish
from socialplan.web.calendar.publishing.reconcile import reconcile
from socialplan.web.calendar.publishing.sweep import claim_unconfirmed
from socialplan.web.calendar.sealing import seal
from socialplan.web.workspaces.models import Workspace
from web.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def network() -> Iterator[LoopbackNetwork]:
    """A Mastodon server on 127.0.0.1, answering quickly; the publisher looks at once."""
    with (
        LoopbackNetwork() as net,
        override_settings(PUBLISHER={"TIMEOUT_SECONDS": 1, "RECONCILE_DELAY_SECONDS": 0}),
    ):
        yield net
    adapters.forget_all()


def _due_post(workspace: Workspace, network: LoopbackNetwork, token: str, text: str) -> Delivery:
    """A scheduled post due a moment ago on an account of its own on the loopback Mastodon."""
    account = Channel.objects.create(
        workspace=workspace,
        network="mastodon",
        handle=f"{token}@127.0.0.1",
        sealed_credentials=seal(network.mastodon(token)),
    )
    when = timezone.now() - dt.timedelta(seconds=1)
    made = Post.objects.create(
        workspace=workspace, text=text, language="en", publish_at=when, state=PostState.SCHEDULED
    )
    key = IdempotencyKey.new()
    return Delivery.objects.create(
        post=made,
        channel=account,
        state=DeliveryState.SCHEDULED,
        key=key.value,
        key_issued_at=key.issued_at,
        due_at=when,
    )


def _fresh(delivery: Delivery) -> Delivery:
    delivery.refresh_from_db()
    return delivery


def test_failures_and_an_unknown_outcome_settled_by_a_person(
    page: Page, live_server: LiveServer, owner: User, network: LoopbackNetwork
) -> None:
    base = live_server.url
    workspace = Workspace.objects.get(slug="acme")

    # A revoked token: the network refuses the account.
    revoked = _due_post(workspace, network, "revoked-token", "Winter trips are out")
    network.revoked.add("revoked-token")
    assert publish(revoked.pk) == DeliveryState.FAILED
    assert _fresh(revoked).problem["message"] == AUTH_FAILED
    # A text too long for Mastodon: refused before any request.
    too_long = _due_post(workspace, network, "long-token", "Spring trips " + "and more " * 80)
    assert publish(too_long.pk) == DeliveryState.FAILED
    assert _fresh(too_long).problem["message"] == TOO_LONG
    # The connection drops after the post was written: nobody knows whether it went out, and
    # once Mastodon's hour for its key is over, only a person can tell.
    unknown = _due_post(workspace, network, "drop-token", "Summer trips are out <b>now</b>")
    network.fail_next("POST", "drop")
    assert publish(unknown.pk) == DeliveryState.UNCONFIRMED
    Attempt.objects.filter(delivery=unknown).update(
        started_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert [reconcile(c.delivery_id, c.mark) for c in claim_unconfirmed("reconciler")] == [
        DeliveryState.UNCONFIRMED
    ]
    assert _fresh(unknown).problem["message"] == problems.NEEDS_PERSON
    assert _fresh(unknown).due_at is None

    # The calendar marks the three of them.
    sign_in(page, base, "owner")
    page.goto(f"{base}/acme/calendar/")
    today = timezone.now().date()
    cell = page.locator(f"td[data-day='{today:%Y-%m-%d}']")
    expect(cell.locator("[data-post-state=failed]")).to_have_count(2)
    expect(cell.locator("[data-post-state=unconfirmed]")).to_have_count(1)
    expect(cell.locator(".sp-needs-decision")).to_have_count(3)
    screenshot(page, "calendar-failures-month-en")
    page.goto(f"{base}/acme/calendar/list/")
    expect(page.locator(".sp-list .sp-needs-decision")).to_have_count(3)

    # The unknown one: the page says why, with its cause, and a person says it is not there.
    page.goto(f"{base}/acme/calendar/posts/{unknown.post_id}/")
    row = page.locator(f"[data-delivery='{unknown.pk}']")
    expect(row).to_contain_text("Nothing is sent again until someone decides")
    expect(row).to_contain_text("Because: Mastodon did not answer in time")
    row.locator("summary").click()
    expect(row.locator("table")).to_contain_text("Outcome unknown")
    screenshot(page, "calendar-failures-unconfirmed-en")
    # A wrong address is refused in words, and nothing changes.
    row.locator("input[type=url]").fill("https://bsky.app/profile/acme/post/1")
    with page.expect_navigation():
        row.locator("[data-action=confirm-published]").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("This address is not on Mastodon")
    assert _fresh(unknown).state == DeliveryState.UNCONFIRMED
    with page.expect_navigation():
        page.locator(f"[data-delivery='{unknown.pk}'] [data-action=confirm-not-published]").click()
    row = page.locator(f"[data-delivery='{unknown.pk}']")
    expect(row.locator("[data-delivery-state]")).to_have_text("Scheduled")
    expect(page.locator("#sp-post-state")).to_have_text("Scheduled")
    settled = _fresh(unknown)
    assert (settled.state, settled.key) == (DeliveryState.SCHEDULED, unknown.key)
    # Sent again under the same key, Mastodon answers with the first post: still one post.
    assert publish(unknown.pk) == DeliveryState.PUBLISHED
    assert network.created[unknown.key] == 1
    page.reload()
    expect(row.locator("[data-remote-link]")).to_be_visible()

    # The revoked one: no trying again until the account works; checked again, it does.
    page.goto(f"{base}/acme/calendar/posts/{revoked.post_id}/")
    row = page.locator(f"[data-delivery='{revoked.pk}']")
    expect(row).to_contain_text("Its account cannot publish")
    expect(row.locator("[data-action=try-again]")).to_have_count(0)
    network.revoked.discard("revoked-token")
    page.goto(f"{base}/acme/calendar/channels/")
    with page.expect_navigation():
        page.locator(f"form[action$='/channels/{revoked.channel_id}/check/'] button").click()
    assert Channel.objects.get(pk=revoked.channel_id).problem is None
    page.goto(f"{base}/acme/calendar/posts/{revoked.post_id}/")
    with page.expect_navigation():
        page.locator(f"[data-delivery='{revoked.pk}'] [data-action=try-again]").click()
    assert _fresh(revoked).state == DeliveryState.SCHEDULED
    assert publish(revoked.pk) == DeliveryState.PUBLISHED

    # The text too long, in Persian: right to left, the deliveries and their reason shown.
    page.goto(f"{base}/acme/calendar/posts/{too_long.post_id}/")
    with page.expect_navigation():
        page.select_option("#language-choice", "fa")
    assert page.locator("html").get_attribute("dir") == "rtl"
    deliveries = page.locator("#sp-deliveries")
    expect(deliveries).to_be_visible()
    expect(
        deliveries.locator(f"[data-delivery='{too_long.pk}'] .sp-delivery-problem")
    ).to_contain_text("500")
    expect(deliveries.locator("[data-delivery-state=failed]")).to_be_visible()
    # The network refused the text itself: trying the same text again cannot help.
    expect(deliveries.locator("[data-action=try-again]")).to_have_count(0)
    screenshot(page, "calendar-failures-failed-fa")
    page.goto(f"{base}/acme/calendar/")
    expect(page.locator(".sp-needs-decision")).to_have_count(1)
    screenshot(page, "calendar-failures-month-fa")

    # An approved post, published now: asked twice, then due at once, and its time is now.
    later = _due_post(workspace, network, "later-token", "Autumn trips, out now")
    Post.objects.filter(pk=later.post_id).update(
        state=PostState.APPROVED, publish_at=timezone.now() + dt.timedelta(days=2)
    )
    Delivery.objects.filter(pk=later.pk).update(state=DeliveryState.WAITING, due_at=None)
    page.goto(f"{base}/acme/calendar/posts/{later.post_id}/")
    page.locator(".sp-publish-now summary").click()
    with page.expect_navigation():
        page.locator("button[data-action=publish-now]").click()
    expect(page.locator(f"[data-delivery='{later.pk}'] [data-delivery-state]")).to_have_attribute(
        "data-delivery-state", "scheduled"
    )
    assert _fresh(later).state == DeliveryState.SCHEDULED
    assert _fresh(later).due_at <= timezone.now()  # type: ignore[operator]
    assert publish(later.pk) == DeliveryState.PUBLISHED
    page.reload()
    expect(page.locator(f"[data-delivery='{later.pk}'] [data-remote-link]")).to_be_visible()
    screenshot(page, "calendar-failures-published-now-fa")
