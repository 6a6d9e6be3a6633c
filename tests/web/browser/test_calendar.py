"""The calendar in a real browser: a draft with two variants and a check next to one, review by
a second person, scheduling, the month view in Persian, and a drag to another day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from socialplan.web.calendar.models import Delivery, DeliveryState, Post, PostState
from socialplan.web.workspaces.models import Membership, Role, Workspace
from web.browser.conftest import PASSWORD, screenshot, sign_in
from web.calendar_support import channel, plan

pytestmark = pytest.mark.browser
ATHENS = ZoneInfo("Europe/Athens")


def _second_person(workspace: Workspace) -> User:
    user = User.objects.create_user("editor", password=PASSWORD)
    Membership.objects.create(workspace=workspace, user=user, role=Role.EDITOR)
    return user


def test_draft_review_schedule_and_persian_month(
    page: Page, browser: Browser, live_server: LiveServer, owner: User
) -> None:
    base = live_server.url
    workspace = Workspace.objects.get(slug="acme")
    workspace.time_zone = "Europe/Athens"
    workspace.save()
    plan(workspace)
    x = channel(workspace, "x", "acme")
    mastodon = channel(workspace, "mastodon", "acme@social.example")
    _second_person(workspace)
    when = (dt.datetime.now(ATHENS) + dt.timedelta(days=3)).replace(
        hour=10, minute=15, second=0, microsecond=0
    )

    # The owner writes a draft for X and Mastodon; X's own text is too long, and the check
    # says so next to X's variant only, while typing.
    sign_in(page, base, "owner")
    page.goto(f"{base}/acme/calendar/posts/new/")
    page.fill("#id_text", "Our autumn trips are out: book now")
    page.fill("#id_publish_at", when.strftime("%Y-%m-%dT%H:%M"))
    page.check(f"#channel-{x.pk}")
    page.check(f"#channel-{mastodon.pk}")
    page.fill(f"#id_variant_{x.pk}", "Autumn trips! " * 25)
    expect(page.locator(f"#checks-{x.pk} [data-code=SE302]")).to_be_visible()
    expect(page.locator(f"#checks-{mastodon.pk} [data-code=SE302]")).to_have_count(0)
    # Mastodon is not in the channel plan: a warning next to its variant.
    expect(page.locator(f"#checks-{mastodon.pk} [data-code=SE205]")).to_be_visible()
    screenshot(page, "calendar-draft-en")
    page.fill(f"#id_variant_{x.pk}", "Autumn trips are out, book now #travel")
    expect(page.locator(f"#checks-{x.pk} [data-code=SE302]")).to_have_count(0)
    with page.expect_navigation():
        page.click("button:has-text('Save the draft')")
    made = Post.objects.get()
    assert made.deliveries.count() == 2
    with page.expect_navigation():
        page.click("button[data-action=submit]")
    expect(page.locator("#sp-post-state")).to_have_text("In review")
    # Its author cannot approve it.
    expect(page.locator("button[data-action=approve]")).to_be_disabled()

    # A second person approves and schedules it.
    other = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    second = other.new_page()
    sign_in(second, base, "editor")
    second.goto(f"{base}/acme/calendar/posts/{made.pk}/")
    with second.expect_navigation():
        second.click("button[data-action=approve]")
    expect(second.locator("#sp-post-state")).to_have_text("Approved")
    with second.expect_navigation():
        second.click("button[data-action=schedule]")
    expect(second.locator("#sp-post-state")).to_have_text("Scheduled")
    other.close()
    made.refresh_from_db()
    assert made.state == PostState.SCHEDULED
    assert made.approved_by is not None
    assert made.approved_by.username == "editor"
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SCHEDULED}

    # The month view in Persian, right to left, shows it at its local time.
    page.goto(f"{base}/acme/calendar/month/{when.year}/{when.month}/")
    with page.expect_navigation():
        page.select_option("#language-choice", "fa")
    assert page.locator("html").get_attribute("dir") == "rtl"
    cell = page.locator(f"td[data-day='{when:%Y-%m-%d}']")
    expect(cell.locator(".sp-post")).to_contain_text(when.strftime("%H:%M"))
    expect(cell.locator(".sp-post")).to_contain_text("Our autumn trips")
    screenshot(page, "calendar-month-fa")

    # Dragged to a neighbouring day of the same month, it keeps its local time of day.
    step = 1 if (when + dt.timedelta(days=1)).month == when.month else -1
    target = when + dt.timedelta(days=step)
    page.drag_and_drop(
        f"td[data-day='{when:%Y-%m-%d}'] .sp-post", f"td[data-day='{target:%Y-%m-%d}']"
    )
    expect(page.locator(f"td[data-day='{target:%Y-%m-%d}'] .sp-post")).to_have_count(1)
    made.refresh_from_db()
    assert made.publish_at is not None
    assert made.publish_at.astimezone(ATHENS).replace(tzinfo=None) == target.replace(tzinfo=None)
    assert Delivery.objects.filter(due_at=made.publish_at).count() == 2
