"""Times typed in the workspace's zone are kept in UTC; weekly repeats and moves keep the local
wall-clock time across changes to and from summer time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from socialplan.web.calendar.models import Delivery, DeliveryState, Post, PostState
from socialplan.web.calendar.when import day_span, month_weeks, on_day, to_utc, weekly
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, post
from web.conftest import EVERYONE, Team, expected_status

ATHENS = ZoneInfo("Europe/Athens")
NEW_YORK = ZoneInfo("America/New_York")
TEHRAN = ZoneInfo("Asia/Tehran")
UTC = dt.UTC


def test_local_time_to_utc_on_both_sides_of_the_change() -> None:
    # Athens: UTC+2 in winter, UTC+3 from 29 March 2026 04:00 local.
    assert to_utc(dt.datetime(2026, 3, 28, 9, 0), ATHENS) == dt.datetime(
        2026, 3, 28, 7, 0, tzinfo=UTC
    )
    assert to_utc(dt.datetime(2026, 3, 29, 9, 0), ATHENS) == dt.datetime(
        2026, 3, 29, 6, 0, tzinfo=UTC
    )
    # Tehran keeps UTC+3:30 all year now.
    assert to_utc(dt.datetime(2026, 6, 1, 9, 0), TEHRAN) == dt.datetime(
        2026, 6, 1, 5, 30, tzinfo=UTC
    )


def test_a_skipped_time_lands_after_the_gap_and_a_repeated_one_is_the_first() -> None:
    # New York skips 02:00-03:00 on 8 March 2026: 02:30 is read as 03:30 EDT.
    skipped = to_utc(dt.datetime(2026, 3, 8, 2, 30), NEW_YORK)
    assert skipped == dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert skipped.astimezone(NEW_YORK).hour == 3
    # 01:30 happens twice on 1 November 2026; the first is still summer time (UTC-4).
    twice = to_utc(dt.datetime(2026, 11, 1, 1, 30), NEW_YORK)
    assert twice == dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "first"),
    [
        (ATHENS, dt.datetime(2026, 3, 15, 9, 0)),
        (ATHENS, dt.datetime(2026, 10, 18, 9, 0)),
        (NEW_YORK, dt.datetime(2026, 3, 1, 9, 0)),
        (NEW_YORK, dt.datetime(2026, 10, 25, 9, 0)),
    ],
)
def test_weekly_repeats_keep_the_wall_clock_time(zone: ZoneInfo, first: dt.datetime) -> None:
    times = weekly(to_utc(first, zone), 3, zone)
    local = [t.astimezone(zone) for t in times]
    assert [(t.date(), t.hour, t.minute) for t in local] == [
        ((first + dt.timedelta(weeks=n)).date(), 9, 0) for n in range(4)
    ]
    # The UTC hour moves by one across the change: the repeat is not "every 168 hours".
    assert len({t.hour for t in times}) == 2


def test_local_days_around_the_change_are_23_and_25_hours() -> None:
    start, end = day_span(dt.date(2026, 3, 29), dt.date(2026, 3, 29), ATHENS)
    assert end - start == dt.timedelta(hours=23)
    start, end = day_span(dt.date(2026, 10, 25), dt.date(2026, 10, 25), ATHENS)
    assert end - start == dt.timedelta(hours=25)


def test_moving_to_another_day_keeps_the_local_time() -> None:
    before = to_utc(dt.datetime(2026, 3, 27, 18, 45), ATHENS)
    after = on_day(before, dt.date(2026, 3, 30), ATHENS)
    assert after.astimezone(ATHENS).replace(tzinfo=None) == dt.datetime(2026, 3, 30, 18, 45)
    assert after - before == dt.timedelta(days=3, hours=-1)


def test_month_grid_is_whole_weeks() -> None:
    weeks = month_weeks(2026, 2, 0)
    assert weeks[0][0] == dt.date(2026, 1, 26)
    assert all(len(w) == 7 for w in weeks)
    assert weeks[-1][-1] == dt.date(2026, 3, 1)


def _athens(team: Team) -> None:
    team.workspace.time_zone = "Europe/Athens"
    team.workspace.save()


def test_a_time_typed_in_the_editor_is_stored_in_utc(team: Team) -> None:
    _athens(team)
    x = channel(team.workspace, "x")
    response = team.client("editor").post(
        reverse("calendar:post_new", args=["acme"]),
        {"text": "Hello", "language": "en", "publish_at": "2026-03-29T09:00", "channels": [x.pk]},
    )
    assert response.status_code == 302
    made = Post.objects.get()
    assert made.publish_at == dt.datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert made.author == team.users["editor"]
    page = team.client("editor").get(response["Location"]).content.decode()
    assert 'value="2026-03-29T09:00"' in page


def test_repeat_weekly_across_the_change_keeps_nine_oclock(team: Team) -> None:
    _athens(team)
    x = channel(team.workspace, "x")
    team.client("editor").post(
        reverse("calendar:post_new", args=["acme"]),
        {
            "text": "Weekly tip",
            "publish_at": "2026-03-15T09:00",
            "channels": [x.pk],
            f"variant_{x.pk}": "Weekly tip on X",
            "repeat_weeks": "3",
        },
    )
    posts = list(Post.objects.order_by("publish_at"))
    assert [p.publish_at.astimezone(ATHENS).strftime("%m-%d %H:%M") for p in posts] == [
        "03-15 09:00",
        "03-22 09:00",
        "03-29 09:00",
        "04-05 09:00",
    ]
    assert [p.publish_at.hour for p in posts] == [7, 7, 6, 6]
    # Each copy has its own delivery, with its own key and the variant's text.
    deliveries = Delivery.objects.all()
    assert len({d.key for d in deliveries}) == 4
    assert {d.text for d in deliveries} == {"Weekly tip on X"}


@pytest.mark.parametrize("value", ["tomorrow", "2026-02-30T09:00", "9:00"])
def test_a_time_that_is_no_time_is_a_clear_400(team: Team, value: str) -> None:
    response = team.client("editor").post(
        reverse("calendar:post_new", args=["acme"]), {"text": "Hello", "publish_at": value}
    )
    assert response.status_code == 400
    assert "Enter a date and time" in response.content.decode()
    assert not Post.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_drag_to_another_day_as_everyone(team: Team, who: str) -> None:
    _athens(team)
    x = channel(team.workspace, "x")
    # Friday 27 March 18:45 in Athens (winter time), dropped on Monday 30 March (summer time).
    when = to_utc(dt.datetime(2026, 3, 27, 18, 45), ATHENS)
    moved = post(team.workspace, team.users["editor"], "Drag me", when, [x])
    response = team.client(who).post(
        reverse("calendar:move", args=["acme", moved.pk]), {"day": "2026-03-30"}
    )
    allowed = who in ("owner", "editor")
    assert response.status_code == (204 if allowed else expected_status(who, Role.EDITOR))
    moved.refresh_from_db()
    if response.status_code == 204:
        assert moved.publish_at.astimezone(ATHENS).replace(tzinfo=None) == dt.datetime(
            2026, 3, 30, 18, 45
        )
    else:
        assert moved.publish_at == when


def test_dragging_a_scheduled_post_moves_its_deliveries(team: Team) -> None:
    x = channel(team.workspace, "x")
    moved = post(team.workspace, None, "Scheduled", later(3), [x], PostState.SCHEDULED)
    Delivery.objects.update(state=DeliveryState.SCHEDULED, due_at=moved.publish_at)
    target = (later(5)).date()
    response = team.client("editor").post(
        reverse("calendar:move", args=["acme", moved.pk]), {"day": target.isoformat()}
    )
    assert response.status_code == 204
    moved.refresh_from_db()
    assert moved.publish_at.date() == target
    assert Delivery.objects.get().due_at == moved.publish_at


def test_a_scheduled_post_cannot_be_dragged_into_the_past(team: Team) -> None:
    x = channel(team.workspace, "x")
    moved = post(team.workspace, None, "Scheduled", later(3), [x], PostState.SCHEDULED)
    response = team.client("editor").post(
        reverse("calendar:move", args=["acme", moved.pk]), {"day": "2020-01-01"}
    )
    assert response.status_code == 409
    assert "time to come" in response.content.decode()
    assert response["Content-Type"].startswith("text/plain")


def test_a_post_being_published_cannot_be_dragged(team: Team) -> None:
    x = channel(team.workspace, "x")
    moved = post(team.workspace, None, "Going", later(3), [x], PostState.SCHEDULED)
    Delivery.objects.update(state=DeliveryState.PUBLISHING, claimed_by="worker-1")
    response = team.client("editor").post(
        reverse("calendar:move", args=["acme", moved.pk]), {"day": later(6).date().isoformat()}
    )
    assert response.status_code == 409
    moved.refresh_from_db()
    assert moved.publish_at == later(3)


@pytest.mark.parametrize("day", ["", "someday", "2026-13-01"])
def test_a_drop_without_a_day_is_a_400(team: Team, day: str) -> None:
    moved = post(team.workspace, None, "Drag me", later(3))
    response = team.client("editor").post(
        reverse("calendar:move", args=["acme", moved.pk]), {"day": day}
    )
    assert response.status_code == 400


def test_moving_needs_a_post_request_and_csrf(team: Team) -> None:
    moved = post(team.workspace, None, "Drag me", later(3))
    client = team.client("editor")
    assert client.get(reverse("calendar:move", args=["acme", moved.pk])).status_code == 405
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("calendar:move", args=["acme", moved.pk]), {"day": "2026-01-01"})
    assert response.status_code == 403
