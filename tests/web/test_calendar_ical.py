"""The calendar as iCalendar: events in UTC, texts escaped, lines folded at 75 octets without
splitting a character, for members only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from socialplan.web.calendar.ical import escape, fold
from socialplan.web.calendar.models import PostState
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, post
from web.conftest import EVERYONE, Team, expected_status

PERSIAN = "سفرهای پاییزی ما آماده‌اند؛ همین حالا جای خود را رزرو کنید، تعداد محدود است"
THAI = "ทริปฤดูใบไม้ร่วงของเราเปิดจองแล้ว จองที่นั่งของคุณตอนนี้ ที่นั่งมีจำนวนจำกัด"


def _unfold(text: str) -> list[str]:
    """Content lines, as a calendar application reads them back."""
    assert text.endswith("\r\n")
    lines: list[str] = []
    for line in text.split("\r\n")[:-1]:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _unescape(value: str) -> str:
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            following = value[index + 1]
            out.append("\n" if following in "nN" else following)
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _events(text: str) -> list[dict[str, str]]:
    events, current = [], None
    for line in _unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


@pytest.mark.parametrize("who", EVERYONE)
def test_export_for_members(team: Team, who: str) -> None:
    post(team.workspace, None, "Hello", dt.datetime(2026, 3, 29, 7, 30, tzinfo=dt.UTC))
    response = team.client(who).get(reverse("calendar:ical", args=["acme"]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert 'filename="acme.ics"' in response["Content-Disposition"]


def test_events_parse_back_with_escaping_and_utc_times(team: Team) -> None:
    team.workspace.time_zone = "Europe/Athens"
    team.workspace.save()
    x = channel(team.workspace, "x")
    text = "Sale: 20% off, today; only\\here\nSecond line"
    made = post(
        team.workspace,
        None,
        text,
        dt.datetime(2026, 3, 29, 7, 30, tzinfo=dt.UTC),
        [x],
        PostState.SCHEDULED,
    )
    post(team.workspace, None, "No time, no event")
    body = team.client("viewer").get(reverse("calendar:ical", args=["acme"])).content.decode()
    lines = _unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    (event,) = _events(body)
    assert event["UID"].startswith(f"post-{made.pk}@acme.")
    assert event["DTSTART"] == "20260329T073000Z"
    assert event["DTSTAMP"].endswith("Z")
    assert event["STATUS"] == "CONFIRMED"
    assert event["SUMMARY"] == "Sale: 20% off\\, today\\; only\\\\here"
    assert _unescape(event["SUMMARY"]) == "Sale: 20% off, today; only\\here"
    assert _unescape(event["DESCRIPTION"]).startswith(text)
    assert event["URL"].endswith(reverse("calendar:post", args=["acme", made.pk]))
    assert event["CATEGORIES"] == "X (Twitter)"


@pytest.mark.parametrize("text", [PERSIAN, THAI, "😀" * 40, "a" * 190])
def test_lines_are_folded_at_75_octets_without_splitting_characters(team: Team, text: str) -> None:
    post(team.workspace, None, text, dt.datetime(2026, 3, 29, 7, 30, tzinfo=dt.UTC))
    body = team.client("viewer").get(reverse("calendar:ical", args=["acme"])).content
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no character cut in two
    (event,) = _events(body.decode())
    assert _unescape(event["SUMMARY"]) == text
    assert _unescape(event["DESCRIPTION"]).startswith(text)


def test_fold_and_escape_by_hand() -> None:
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"
    persian = fold("SUMMARY:" + PERSIAN)
    assert all(len(line.encode()) <= 75 for line in persian.split("\r\n"))
    assert escape("a,b;c\\d\r\ne\x07") == "a\\,b\\;c\\\\d\\ne"


@pytest.mark.parametrize(
    ("state", "status"),
    [
        (PostState.DRAFT, "TENTATIVE"),
        (PostState.APPROVED, "TENTATIVE"),
        (PostState.PUBLISHED, "CONFIRMED"),
        (PostState.FAILED, "CANCELLED"),
    ],
)
def test_status_follows_the_state(team: Team, state: PostState, status: str) -> None:
    post(team.workspace, None, "Hi", dt.datetime(2026, 3, 29, 7, 30, tzinfo=dt.UTC), state=state)
    body = team.client("viewer").get(reverse("calendar:ical", args=["acme"])).content.decode()
    (event,) = _events(body)
    assert event["STATUS"] == status


def test_a_post_without_text_still_has_a_summary(team: Team) -> None:
    post(team.workspace, None, "", dt.datetime(2026, 3, 29, 7, 30, tzinfo=dt.UTC))
    body = team.client("viewer").get(reverse("calendar:ical", args=["acme"])).content.decode()
    (event,) = _events(body)
    assert event["SUMMARY"] == "A post without text"
