"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

Playwright's own browser download does not work offline, so the tests use the system's
Chromium. Screenshots go to build/screenshots, which CI keeps as artifacts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, sync_playwright

from socialplan.web.workspaces.models import Membership, Role, Workspace

CHROMIUM = Path(os.environ.get("SOCIALPLAN_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots"
PASSWORD = "a-long-browser-password-42"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page, in English."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def owner(transactional_db: None) -> User:
    """An owner of workspace "Acme"."""
    user = User.objects.create_user("owner", password=PASSWORD)
    workspace = Workspace.objects.create(name="Acme", slug="acme")
    Membership.objects.create(workspace=workspace, user=user, role=Role.OWNER)
    return user


def sign_in(page: Page, base: str, username: str) -> None:
    """Sign in through the form, as a person would."""
    page.goto(f"{base}/signin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")


def screenshot(page: Page, name: str) -> Path:
    """Keep a full-page screenshot in build/screenshots."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
