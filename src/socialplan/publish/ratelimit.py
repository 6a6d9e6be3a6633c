"""How long a network asks us to wait, from whichever header it uses to say so."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

#: Below this a reset header is a number of seconds to wait; above it, a Unix time.
_EPOCH_THRESHOLD = 1_000_000_000


def retry_after(headers: Mapping[str, str], now: dt.datetime | None = None) -> float | None:
    """Seconds to wait before trying again, never negative; None where no header says.

    ``Retry-After`` (seconds or an HTTP date) wins; then Mastodon's ``X-RateLimit-Reset``
    (an ISO time) and Bluesky's ``RateLimit-Reset`` (a Unix time).
    """
    now = now or dt.datetime.now(dt.UTC)
    for name in ("retry-after", "x-ratelimit-reset", "ratelimit-reset"):
        value = headers.get(name)
        if value:
            seconds = _seconds(value.strip(), now)
            if seconds is not None:
                return seconds
    return None


def _seconds(value: str, now: dt.datetime) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return _until(_parse_time(value), now)
    if not math.isfinite(number):
        return None
    if number > _EPOCH_THRESHOLD:
        return _until(dt.datetime.fromtimestamp(number, dt.UTC), now)
    return max(number, 0.0)


def _parse_time(value: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _until(when: dt.datetime | None, now: dt.datetime) -> float | None:
    if when is None:
        return None
    return max((when - now).total_seconds(), 0.0)
