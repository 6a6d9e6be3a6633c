"""Signing in and switching the interface to Persian, in a real browser."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from web.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_sign_in_and_switch_to_persian(page: Page, live_server: LiveServer, owner: User) -> None:
    sign_in(page, live_server.url, "owner")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_text("Acme").first.is_visible()
    screenshot(page, "workspaces-en")

    with page.expect_navigation():
        page.select_option("#language-choice", "fa")
    html = page.locator("html")
    assert html.get_attribute("lang") == "fa"
    assert html.get_attribute("dir") == "rtl"
    # The right-to-left Bootstrap build is the one loaded, and the page really flows RTL.
    assert page.locator("link[href*='bootstrap.rtl']").count() == 1
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    screenshot(page, "workspaces-fa")


def test_wrong_password_is_refused(page: Page, live_server: LiveServer, owner: User) -> None:
    page.goto(f"{live_server.url}/signin/")
    page.fill("#id_username", "owner")
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]")
    assert page.locator(".alert-danger").is_visible()
    assert "/signin/" in page.url
