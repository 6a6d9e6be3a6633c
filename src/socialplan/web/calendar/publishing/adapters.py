"""One adapter per channel and process, opened from the channel's sealed credentials.

Adapters keep their sessions (Bluesky's login is rate limited), so each process keeps one per
channel and makes a new one only when the credentials change.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import httpx
from pydantic import ValidationError

from socialplan.publish.networks import connect
from socialplan.publish.networks.base import Adapter
from socialplan.strategy.networks import network_label
from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.problems import (
    CREDENTIALS_INVALID,
    CREDENTIALS_UNREADABLE,
    NO_ADAPTER,
    Problem,
    problem,
)
from socialplan.web.calendar.sealing import SealBroken, unseal

_open: dict[int, tuple[str, Adapter[Any]]] = {}
_lock = threading.Lock()


class CannotConnect(Exception):
    """The channel's account cannot be opened: nothing was sent, someone must reconnect it."""

    def __init__(self, data: Problem) -> None:
        super().__init__(data["message"])
        self.problem = data


class TimeoutTransport(httpx.HTTPTransport):
    """Requests with the configured timeout instead of the library's 30 seconds."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.timeout = httpx.Timeout(seconds).as_dict()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send *request* with this transport's timeout."""
        request.extensions["timeout"] = self.timeout
        return super().handle_request(request)


def adapter_for(channel: Channel) -> Adapter[Any]:
    """The adapter of *channel*'s account, opened once per process and credentials."""
    fingerprint = hashlib.sha256(
        f"{channel.network}\n{channel.sealed_credentials}".encode()
    ).hexdigest()
    with _lock:
        known = _open.get(channel.pk)
        if known is not None and known[0] == fingerprint:
            return known[1]
        adapter = _connect(channel)
        if known is not None:
            known[1].close()
        _open[channel.pk] = (fingerprint, adapter)
        return adapter


def forget_all() -> None:
    """Close every open adapter (tests; a worker going away)."""
    with _lock:
        for _, adapter in _open.values():
            adapter.close()
        _open.clear()


def _connect(channel: Channel) -> Adapter[Any]:
    label = network_label(channel.network)
    timeout = config().timeout
    transport = TimeoutTransport(timeout) if timeout else None
    try:
        return connect(channel.network, unseal(channel.sealed_credentials), transport=transport)
    except SealBroken:
        raise CannotConnect(problem(CREDENTIALS_UNREADABLE, network=label)) from None
    except ValidationError:
        # Not chained, not quoted: the stored values are secrets.
        raise CannotConnect(problem(CREDENTIALS_INVALID, network=label)) from None
    except KeyError:
        raise CannotConnect(problem(NO_ADAPTER, network=label)) from None
