"""The calendar as iCalendar (RFC 5545), written by hand: a few properties need no library.

Times are written in UTC (``...Z``), so no time zone definitions are needed; texts are escaped
(backslash, semicolon, comma, newline) and lines folded at 75 octets without splitting a
character's UTF-8 bytes, which Persian and Thai texts would otherwise break.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from socialplan.web.calendar.models import Post, PostState
from socialplan.web.calendar.present import headline
from socialplan.web.workspaces.models import Workspace

#: The longest line in octets, without its CRLF.
LINE_OCTETS = 75
CRLF = "\r\n"
#: What a calendar application should make of each state: planned, certain, or called off.
STATUS = {
    PostState.DRAFT: "TENTATIVE",
    PostState.IN_REVIEW: "TENTATIVE",
    PostState.APPROVED: "TENTATIVE",
    PostState.SCHEDULED: "CONFIRMED",
    PostState.PUBLISHING: "CONFIRMED",
    PostState.PUBLISHED: "CONFIRMED",
    PostState.UNCONFIRMED: "CONFIRMED",
    PostState.FAILED: "CANCELLED",
}
# Control characters a TEXT value may not carry (tab is allowed; newlines are escaped first).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def escape(text: str) -> str:
    """*text* as an iCalendar TEXT value."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return _CONTROL.sub("", text)


def fold(line: str) -> str:
    """*line* cut into lines of at most 75 octets, each continuation starting with a space."""
    lines: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > LINE_OCTETS:
            lines.append(current)
            current, size = " ", 1
        current += char
        size += octets
    lines.append(current)
    return CRLF.join(lines)


def stamp(moment: dt.datetime) -> str:
    """A UTC DATE-TIME value."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event(post: Post, link: str, host: str, now: dt.datetime) -> list[str]:
    """The content lines of one post's VEVENT."""
    assert post.publish_at is not None
    networks = sorted({d.channel.get_network_display() for d in post.deliveries.all()})
    state = PostState(post.state)
    details = [
        post.text.strip(),
        _("Channels: %(channels)s") % {"channels": ", ".join(networks) or "-"},
        _("State: %(state)s") % {"state": state.label},
    ]
    lines = [
        "BEGIN:VEVENT",
        f"UID:post-{post.pk}@{post.workspace.slug}.{host}",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(post.publish_at)}",
        f"SUMMARY:{escape(headline(post.text, limit=200) or _('A post without text'))}",
        f"DESCRIPTION:{escape(chr(10).join(d for d in details if d))}",
        f"STATUS:{STATUS[state]}",
        f"URL:{link}",
        f"LAST-MODIFIED:{stamp(post.updated_at)}",
    ]
    if networks:
        lines.append("CATEGORIES:" + ",".join(escape(n) for n in networks))
    lines.append("END:VEVENT")
    return lines


def calendar(
    workspace: Workspace,
    posts: Iterable[Post],
    *,
    link: Callable[[Post], str],
    host: str,
    now: dt.datetime | None = None,
) -> str:
    """The whole VCALENDAR of *posts* (each with a time), lines folded and ended with CRLF."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//socialplan//editorial calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(workspace.name)}",
    ]
    for post in posts:
        lines.extend(event(post, link(post), host, now))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
