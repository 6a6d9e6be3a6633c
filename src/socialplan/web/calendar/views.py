"""The editorial calendar: a month, a week or a list of posts, in the workspace's time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from socialplan.web.calendar import ical
from socialplan.web.calendar.present import (
    PostCard,
    by_day,
    cards,
    first_weekday,
    posts_between,
    render_in,
)
from socialplan.web.calendar.when import day_start, month_weeks, shift_month, week_start, zone_of
from socialplan.web.workspaces.access import Access, workspace_access
from socialplan.web.workspaces.models import Role

LIST_PAGE = 50


@dataclass(frozen=True)
class Day:
    """One cell of a grid: its date, whether it belongs to the month shown, and its posts."""

    date: dt.date
    outside: bool
    today: bool
    cards: list[PostCard]


def _today(access: Access) -> dt.date:
    return timezone.now().astimezone(zone_of(access.workspace)).date()


def _date(year: int, month: int, day: int = 1) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Http404 from None


def _grid(
    access: Access, weeks: list[list[dt.date]], month: int | None
) -> tuple[list[list[Day]], list[dt.date]]:
    """The grid's days with their posts, and the weekdays of its header."""
    zone = zone_of(access.workspace)
    posts = posts_between(access.workspace, weeks[0][0], weeks[-1][-1], zone)
    days = by_day(cards(posts, zone, access.can(Role.EDITOR)))
    today = _today(access)
    grid = [
        [Day(d, month is not None and d.month != month, d == today, days.get(d, [])) for d in week]
        for week in weeks
    ]
    return grid, weeks[0]


def month(
    request: HttpRequest, slug: str, year: int | None = None, month_number: int | None = None
) -> HttpResponse:
    """A month of posts, whole weeks, starting on the reader's first day of the week."""
    access = workspace_access(request, slug)
    shown = _date(year, month_number) if year and month_number else _today(access).replace(day=1)
    weeks = month_weeks(shown.year, shown.month, first_weekday())
    grid, header = _grid(access, weeks, shown.month)
    before, after = (
        shift_month(shown.year, shown.month, -1),
        shift_month(shown.year, shown.month, 1),
    )
    return render_in(
        request,
        zone_of(access.workspace),
        "calendar/month.html",
        {
            "access": access,
            "view": "month",
            "shown": shown,
            "grid": grid,
            "header": header,
            "can_edit": access.can(Role.EDITOR),
            "previous": reverse("calendar:month_at", args=[slug, *before]),
            "next": reverse("calendar:month_at", args=[slug, *after]),
            "zone": zone_of(access.workspace).key,
        },
    )


def week(
    request: HttpRequest,
    slug: str,
    year: int | None = None,
    month_number: int | None = None,
    day: int | None = None,
) -> HttpResponse:
    """The seven days of one week, with every post's time."""
    access = workspace_access(request, slug)
    anchor = _date(year, month_number, day) if year and month_number and day else _today(access)
    start = week_start(anchor, first_weekday())
    grid, header = _grid(access, [[start + dt.timedelta(days=n) for n in range(7)]], None)

    def at(date: dt.date) -> str:
        return reverse("calendar:week_at", args=[slug, date.year, date.month, date.day])

    return render_in(
        request,
        zone_of(access.workspace),
        "calendar/week.html",
        {
            "access": access,
            "view": "week",
            "start": start,
            "end": start + dt.timedelta(days=6),
            "days": grid[0],
            "header": header,
            "can_edit": access.can(Role.EDITOR),
            "previous": at(start - dt.timedelta(weeks=1)),
            "next": at(start + dt.timedelta(weeks=1)),
            "zone": zone_of(access.workspace).key,
        },
    )


def post_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Posts to come in time order (or, with ``?past=1``, those gone by, newest first), and the
    drafts that have no time yet."""
    access = workspace_access(request, slug)
    zone = zone_of(access.workspace)
    past = request.GET.get("past") == "1"
    since = day_start(_today(access), zone)
    posts = access.workspace.posts.select_related("workspace").prefetch_related(
        "deliveries__channel"
    )
    timed = (
        posts.filter(publish_at__lt=since).order_by("-publish_at", "-pk")
        if past
        else posts.filter(publish_at__gte=since).order_by("publish_at", "pk")
    )
    page = Paginator(timed, LIST_PAGE).get_page(request.GET.get("page"))
    can_move = access.can(Role.EDITOR)
    return render_in(
        request,
        zone,
        "calendar/list.html",
        {
            "access": access,
            "view": "list",
            "past": past,
            "page": page,
            "cards": cards(page.object_list, zone, can_move),
            "untimed": cards(posts.filter(publish_at__isnull=True).order_by("pk"), zone, can_move)
            if not past
            else [],
            "can_edit": access.can(Role.EDITOR),
            "zone": zone.key,
        },
    )


def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The calendar as an iCalendar file, every post with a time as one event."""
    access = workspace_access(request, slug)
    posts = (
        access.workspace.posts.filter(publish_at__isnull=False)
        .prefetch_related("deliveries__channel")
        .order_by("publish_at", "pk")
    )
    text = ical.calendar(
        access.workspace,
        posts,
        link=lambda post: request.build_absolute_uri(
            reverse("calendar:post", args=[slug, post.pk])
        ),
        host=request.get_host().split(":")[0] or "socialplan",
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    name = slugify(access.workspace.slug) or "calendar"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response
