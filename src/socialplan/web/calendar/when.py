"""Times in the workspace's zone: stored in UTC, shown and entered as local wall-clock time.

Local days are not 24 hours long where the clocks change, so days, weeks and repetitions are
counted on the local calendar and turned into UTC one by one, never by adding hours in UTC.
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from socialplan.web.workspaces.models import Workspace

UTC = dt.UTC


def zone_of(workspace: Workspace) -> ZoneInfo:
    """The workspace's time zone; UTC where its name is not a zone this machine knows."""
    try:
        return ZoneInfo(workspace.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def to_utc(local: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The UTC time of the wall-clock time *local* (naive) in *zone*.

    A time the clocks skip (02:30 on the night they spring forward) is read with the offset
    before the change, so it lands as far after the change as it was after the gap's start;
    a time that happens twice (when they fall back) is the first of the two.
    """
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def to_local(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """*moment* (aware) as wall-clock time in *zone*."""
    return moment.astimezone(zone)


def day_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The UTC moment the local *day* begins."""
    return to_utc(dt.datetime.combine(day, dt.time()), zone)


def day_span(first: dt.date, last: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The UTC moments from the start of local day *first* to the end of local day *last*."""
    return day_start(first, zone), day_start(last + dt.timedelta(days=1), zone)


def weekly(first: dt.datetime, times: int, zone: ZoneInfo) -> list[dt.datetime]:
    """*first* (UTC) and *times* more, a week apart each at the same local wall-clock time."""
    local = to_local(first, zone).replace(tzinfo=None)
    return [to_utc(local + dt.timedelta(weeks=n), zone) for n in range(times + 1)]


def on_day(moment: dt.datetime, day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """*moment* (UTC) moved to local *day*, keeping its local wall-clock time."""
    wall = to_local(moment, zone).time().replace(tzinfo=None)
    return to_utc(dt.datetime.combine(day, wall), zone)


def week_start(day: dt.date, first_weekday: int) -> dt.date:
    """The first day of *day*'s week, weeks starting on *first_weekday* (0 is Monday)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def month_weeks(year: int, month: int, first_weekday: int) -> list[list[dt.date]]:
    """The weeks that show month *month* of *year*, each seven days, whole weeks."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    start = week_start(first, first_weekday)
    weeks: list[list[dt.date]] = []
    while start <= last:
        weeks.append([start + dt.timedelta(days=n) for n in range(7)])
        start += dt.timedelta(weeks=1)
    return weeks


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The year and month *by* months after *year*-*month*."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1
