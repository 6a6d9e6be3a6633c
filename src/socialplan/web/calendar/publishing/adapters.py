"""One adapter per channel and process, opened from the channel's sealed credentials.

Adapters keep their sessions (Bluesky's login is rate limited), so each process keeps one per
channel and makes a new one only when the credentials change. What an adapter renews on the
way (X's rotated refresh token, Bluesky's session) is sealed back into the channel at once by
its :class:`ChannelStore`, and read from there by the other workers.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping
from typing import Any

import httpx
from django.db import DatabaseError
from pydantic import ValidationError

from socialplan.publish.http import ssl_context
from socialplan.publish.networks import connect
from socialplan.publish.networks.base import Adapter
from socialplan.publish.secrets import Credentials
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
from socialplan.web.calendar.sealing import SealBroken, seal, unseal

log = logging.getLogger(__name__)
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
        super().__init__(verify=ssl_context())
        self.timeout = httpx.Timeout(seconds).as_dict()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send *request* with this transport's timeout."""
        request.extensions["timeout"] = self.timeout
        return super().handle_request(request)


class ChannelStore:
    """A channel's sealed credentials, as the store of the adapter that acts for it."""

    def __init__(self, channel: Channel) -> None:
        self.channel_id = channel.pk
        self.network = channel.network

    def load(self) -> Mapping[str, object] | None:
        """The credentials sealed in the channel now; None if it is gone or cannot be opened."""
        sealed = (
            Channel.objects.filter(pk=self.channel_id)
            .values_list("sealed_credentials", flat=True)
            .first()
        )
        try:
            return unseal(sealed) if sealed is not None else None
        except SealBroken:
            return None

    def save(self, credentials: Credentials) -> None:
        """Seal *credentials* into the channel, and keep this process's adapter for them."""
        sealed = seal(credentials.stored())
        try:
            Channel.objects.filter(pk=self.channel_id).update(sealed_credentials=sealed)
        except DatabaseError:
            # This adapter still holds them; the next process will have to renew them itself
            # (or, for a rotated X token, someone connect the account again).
            log.warning("could not keep the renewed credentials of channel %s", self.channel_id)
            return
        with _lock:
            known = _open.get(self.channel_id)
            if known is not None and known[1].store is self:
                _open[self.channel_id] = (_fingerprint(self.network, sealed), known[1])


def adapter_for(channel: Channel) -> Adapter[Any]:
    """The adapter of *channel*'s account, opened once per process and credentials."""
    fingerprint = _fingerprint(channel.network, channel.sealed_credentials)
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


def _fingerprint(network: str, sealed: str) -> str:
    return hashlib.sha256(f"{network}\n{sealed}".encode()).hexdigest()


def _connect(channel: Channel) -> Adapter[Any]:
    label = network_label(channel.network)
    timeout = config().timeout
    transport = TimeoutTransport(timeout) if timeout else None
    try:
        adapter = connect(channel.network, unseal(channel.sealed_credentials), transport=transport)
        adapter.store = ChannelStore(channel)
        return adapter
    except SealBroken:
        raise CannotConnect(problem(CREDENTIALS_UNREADABLE, network=label)) from None
    except ValidationError:
        # Not chained, not quoted: the stored values are secrets.
        raise CannotConnect(problem(CREDENTIALS_INVALID, network=label)) from None
    except KeyError:
        raise CannotConnect(problem(NO_ADAPTER, network=label)) from None
