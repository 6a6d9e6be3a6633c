"""A draft's pillar and images in a real browser: the pillar choice follows the channels ticked
while typing, and an Instagram post can go to review once it carries an image."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from PIL import Image
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from socialplan.web.calendar.models import Post
from socialplan.web.workspaces.models import Workspace
from web.browser.conftest import screenshot, sign_in
from web.calendar_support import channel, plan

pytestmark = pytest.mark.browser

STRATEGY = """\
version: 1
channels:
  - network: instagram
    account: "@acme"
    pillars:
      - {name: recipes, kind: help, share: 70}
      - {name: new breads, kind: product, share: 30}
"""


@override_settings(PUBLIC_URL="https://plan.example.org")  # where Instagram fetches images
def test_pillar_and_image_make_an_instagram_post_ready_for_review(
    page: Page, live_server: LiveServer, owner: User, tmp_path: Path
) -> None:
    base = live_server.url
    workspace = Workspace.objects.get(slug="acme")
    plan(workspace, STRATEGY)
    instagram = channel(workspace, "instagram", "acme")
    when = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)

    sign_in(page, base, "owner")
    page.goto(f"{base}/acme/calendar/posts/new/")
    pillar = page.locator("#id_pillar option")
    expect(pillar).to_have_count(1)
    page.fill("#id_text", "Our new rye is out")
    page.fill("#id_publish_at", when.strftime("%Y-%m-%dT%H:%M"))
    # Ticking the channel brings its pillars, with their shares, into the choice.
    page.check(f"#channel-{instagram.pk}")
    expect(pillar).to_have_text(["No pillar", "recipes (70%)", "new breads (30%)"])
    expect(page.locator(f"#checks-{instagram.pk} [data-code=SE313]")).to_be_visible()
    page.focus("#id_pillar")
    page.select_option("#id_pillar", "recipes")
    expect(page.locator(f"#checks-{instagram.pk} [data-code=SE313]")).to_have_count(0)
    # The choice survives the live check that replaced the select.
    expect(page.locator("#id_pillar")).to_have_value("recipes")
    expect(page.locator("#id_pillar")).to_be_focused()
    expect(page.locator(f"#checks-{instagram.pk}")).to_contain_text(
        "Instagram cannot publish a post without an image"
    )
    with page.expect_navigation():
        page.click("button:has-text('Save the draft')")
    made = Post.objects.get()
    assert made.pillar == "recipes"
    expect(page.locator("button[data-action=submit]")).to_be_disabled()

    photo = tmp_path / "rye.jpg"
    out = io.BytesIO()
    Image.new("RGB", (600, 400), (120, 80, 40)).save(out, "JPEG")
    photo.write_bytes(out.getvalue())
    page.set_input_files("#id_image", str(photo))
    page.fill(".sp-image-upload #id_alt", "A dark rye loaf")
    with page.expect_navigation():
        page.click("button:has-text('Add the image')")
    expect(page.locator(".sp-image img.sp-thumb")).to_have_attribute("alt", "A dark rye loaf")
    width = page.locator(".sp-image img.sp-thumb").evaluate(
        "img => img.decode().then(() => img.naturalWidth)"
    )
    assert width == 320
    expect(page.locator(f"#checks-{instagram.pk} [data-severity=error]")).to_have_count(0)
    expect(page.locator("button[data-action=submit]")).to_be_enabled()
    screenshot(page, "calendar-draft-image-en")

    # The same page in Persian, right to left.
    page.context.add_cookies([{"name": "socialplan_language", "value": "fa", "url": base}])
    page.goto(f"{base}/acme/calendar/posts/{made.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".sp-image img.sp-thumb")).to_be_visible()
    screenshot(page, "calendar-draft-image-fa")
