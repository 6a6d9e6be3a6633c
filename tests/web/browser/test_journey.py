"""A team lead's first hour, in a real browser: start a strategy, walk the wizard, upload an
export, read the audit, switch to Persian. Imported posts are untrusted: none of their markup
may run."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from web.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

PAYLOAD = (
    '<img src=x onerror="window.__hacked = 1"><script>window.__hacked = 2</script> Is it open?'
)


def _export(folder: Path) -> Path:
    """A generic CSV: a brand post on Facebook and an audience question carrying markup."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    path = folder / "items.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ("network", "id", "author", "author_kind", "kind", "created_at", "text", "parent_id")
        )
        writer.writerow(
            (
                "facebook",
                "p1",
                "acme",
                "brand",
                "post",
                (now - dt.timedelta(days=5)).isoformat(),
                "Our autumn trips are out",
                "",
            )
        )
        writer.writerow(
            (
                "facebook",
                "c1",
                "anna",
                "audience",
                "comment",
                (now - dt.timedelta(days=4)).isoformat(),
                PAYLOAD,
                "p1",
            )
        )
    return path


def test_first_hour(page: Page, live_server: LiveServer, owner: User, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = live_server.url
    with override_settings(DATA_DIR=tmp_path / "data"):
        sign_in(page, base, "owner")

        # Start from the starter strategy for a loyalty objective.
        page.goto(f"{base}/acme/strategy/")
        page.select_option("#id_objective", "loyalty")
        with page.expect_navigation():
            page.click("button:has-text('Start')")
        assert page.locator("text=This workspace has no strategy yet.").count() == 0
        screenshot(page, "strategy-overview-en")
        page.goto(f"{base}/acme/strategy/steps/team/")

        # Walk every step of the wizard through its navigation.
        steps = page.locator("a.nav-link[href*='/strategy/steps/']")
        titles = steps.all_inner_texts()
        assert len(titles) >= 12
        for index in range(len(titles)):
            page.locator("a.nav-link[href*='/strategy/steps/']").nth(index).click()
            page.wait_for_load_state()
            assert page.locator("h1").first.is_visible()
        # Rename the organisation on the team step: a new revision with just that change.
        page.goto(f"{base}/acme/strategy/steps/team/")
        page.fill("[name=organisation__name]", "Acme Travel")
        with page.expect_navigation():
            page.click("button:has-text('Save a new revision')")
        page.goto(f"{base}/acme/strategy/history/")
        assert page.locator("text=Acme Travel").count() == 0  # history lists revisions only
        assert page.locator("table tr, li").filter(has_text="2").count() >= 1
        screenshot(page, "strategy-history-en")

        # Upload an export; the import runs as a task and the page shows its outcome.
        page.goto(f"{base}/acme/imports/")
        page.set_input_files("input[type=file]", str(_export(tmp_path)))
        with page.expect_navigation():
            page.click("button:has-text('Upload and import')")
        page.wait_for_selector("text=Imported", timeout=60_000)
        screenshot(page, "imports-en")

        # The dashboard shows the imported comment as text, and nothing of it runs.
        page.goto(f"{base}/acme/audit/")
        page.wait_for_load_state()
        excerpt = page.locator(".sp-excerpt").filter(has_text="Is it open?")
        assert excerpt.count() >= 1
        assert "<script>" in excerpt.first.inner_text()
        assert page.evaluate("window.__hacked") is None
        assert dialogs == []
        screenshot(page, "audit-en")

        # Persian: the same dashboard, right to left.
        with page.expect_navigation():
            page.select_option("#language-choice", "fa")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("window.__hacked") is None
        screenshot(page, "audit-fa")
