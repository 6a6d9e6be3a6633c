"""The calendar's month, week and list views and its iCalendar export, as every kind of person,
in the workspace's time zone across changes to and from summer time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from socialplan.web.calendar.models import PostState
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, post
from web.conftest import EVERYONE, Team, expected_status

ATHENS = ZoneInfo("Europe/Athens")


def _athens(team: Team) -> None:
    team.workspace.time_zone = "Europe/Athens"
    team.workspace.save()


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("calendar:month", []),
        ("calendar:month_at", [2026, 3]),
        ("calendar:week", []),
        ("calendar:week_at", [2026, 3, 29]),
        ("calendar:list", []),
        ("calendar:ical", []),
        ("calendar:channels", []),
    ],
)
def test_every_view_reads_for_members_only(
    team: Team, who: str, name: str, args: list[int]
) -> None:
    response = team.client(who).get(reverse(name, args=["acme", *args]))
    assert response.status_code == expected_status(who, Role.VIEWER)


@pytest.mark.parametrize("who", EVERYONE)
def test_month_shows_posts_with_time_state_and_channels(team: Team, who: str) -> None:
    _athens(team)
    x = channel(team.workspace, "x")
    # 07:30 UTC on 29 March 2026 is 10:30 in Athens (summer time began at 04:00 that night).
    when = dt.datetime(2026, 3, 29, 7, 30, tzinfo=dt.UTC)
    post(team.workspace, team.users["editor"], "Spring sale opens", when, [x], PostState.APPROVED)
    response = team.client(who).get(reverse("calendar:month_at", args=["acme", 2026, 3]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code != 200:
        return
    html = response.content.decode()
    assert "Spring sale opens" in html
    assert "10:30" in html
    assert "Approved" in html
    assert "X (Twitter)" in html
    assert 'data-day="2026-03-29"' in html
    # Only editors and owners may drag posts around and add new ones.
    assert ("data-move-url" in html) == (who in ("owner", "editor"))
    assert ("calendar.js" in html) == (who in ("owner", "editor"))


def test_a_post_late_in_the_utc_day_shows_on_the_local_next_day(team: Team) -> None:
    team.workspace.time_zone = "Asia/Tehran"
    team.workspace.save()
    # 22:00 UTC on 31 March is 01:30 on 1 April in Tehran (UTC+3:30, no summer time now).
    post(team.workspace, None, "Nowruz is over", dt.datetime(2026, 3, 31, 22, 0, tzinfo=dt.UTC))
    march = team.client("viewer").get(reverse("calendar:month_at", args=["acme", 2026, 3]))
    april = team.client("viewer").get(reverse("calendar:month_at", args=["acme", 2026, 4]))
    # March's grid runs into April's first days, so compare the cells.
    cell = 'data-day="2026-04-01"'
    for page in (march, april):
        html = page.content.decode()
        start = html.index(cell)
        assert "Nowruz is over" in html[start : start + 2000]
        assert "01:30" in html


def test_week_view_has_seven_days_and_navigation(team: Team) -> None:
    _athens(team)
    response = team.client("viewer").get(reverse("calendar:week_at", args=["acme", 2026, 10, 25]))
    html = response.content.decode()
    assert html.count('class="sp-day') == 7
    # English weeks start on Sunday: the week of Sunday 25 October 2026 starts that day.
    assert 'data-day="2026-10-25"' in html
    assert 'data-day="2026-10-31"' in html
    assert reverse("calendar:week_at", args=["acme", 2026, 10, 18]) in html
    assert reverse("calendar:week_at", args=["acme", 2026, 11, 1]) in html


def test_persian_weeks_start_on_saturday_and_read_right_to_left(team: Team) -> None:
    client = team.client("viewer")
    client.cookies["socialplan_language"] = "fa"
    html = client.get(reverse("calendar:month_at", args=["acme", 2026, 3])).content.decode()
    assert 'dir="rtl"' in html
    # March 2026 starts on a Sunday; a Persian grid starts the Saturday before.
    assert html.index('data-day="2026-02-28"') < html.index('data-day="2026-03-01"')


def test_month_and_week_of_impossible_dates_are_404(team: Team) -> None:
    client = team.client("viewer")
    assert client.get(reverse("calendar:month_at", args=["acme", 2026, 13])).status_code == 404
    assert client.get(reverse("calendar:week_at", args=["acme", 2026, 2, 30])).status_code == 404


def test_list_shows_posts_to_come_drafts_without_time_and_past_ones(team: Team) -> None:
    x = channel(team.workspace, "x")
    post(team.workspace, None, "Coming soon", later(2), [x], PostState.SCHEDULED)
    post(team.workspace, None, "No time yet", None, [x])
    post(team.workspace, None, "Long ago", dt.datetime(2020, 1, 1, tzinfo=dt.UTC), [x])
    client = team.client("viewer")
    html = client.get(reverse("calendar:list", args=["acme"])).content.decode()
    assert "Coming soon" in html
    assert "No time yet" in html
    assert "Long ago" not in html
    past = client.get(reverse("calendar:list", args=["acme"]) + "?past=1").content.decode()
    assert "Long ago" in past
    assert "Coming soon" not in past


def test_calendar_of_a_workspace_with_an_unknown_zone_falls_back_to_utc(team: Team) -> None:
    team.workspace.time_zone = "Mars/Olympus"
    team.workspace.save()
    post(team.workspace, None, "Still shown", dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC))
    response = team.client("viewer").get(reverse("calendar:month_at", args=["acme", 2026, 3]))
    assert response.status_code == 200
    assert "08:00" in response.content.decode()


def test_posts_of_another_workspace_never_show(team: Team) -> None:
    other = team.users["outsider"].memberships.get().workspace
    post(other, None, "Their secret plan", dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC))
    html = team.client("owner").get(reverse("calendar:list", args=["acme"]) + "?past=1")
    assert "Their secret plan" not in html.content.decode()
