"""What a channel's own account allows, where its server sets limits of its own (Mastodon).

The editor's checks use the network's limits from ``strategy/networks.py``; a channel whose
server allows more or less says so here, from what was read when the account was connected.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from socialplan.publish.capabilities import Capabilities
from socialplan.publish.networks import adapter_class
from socialplan.publish.networks.base import Adapter
from socialplan.publish.secrets import Credentials
from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.sealing import SealBroken, unseal


def max_length(channel: Channel) -> int | None:
    """The longest text *channel*'s account takes, where its server said; else None."""
    opened = _opened(channel)
    return None if opened is None else opened[0].own_max_length(opened[1])


def capabilities(channel: Channel) -> Capabilities | None:
    """All that *channel*'s account accepts (length, links, images), its server's say included;
    None for a network nobody publishes to."""
    opened = _opened(channel)
    if opened is not None:
        return opened[0].capabilities_for(opened[1])
    try:
        return adapter_class(channel.network).capabilities
    except KeyError:
        return None


def _opened(channel: Channel) -> tuple[type[Adapter[Any]], Credentials] | None:
    """The channel's adapter class and stored credentials; None where they cannot be read."""
    try:
        adapter = adapter_class(channel.network)
        credentials = adapter.credentials_type.model_validate(unseal(channel.sealed_credentials))
    except (KeyError, SealBroken, ValidationError):
        return None  # the network's own limits apply; connecting again will say what is wrong
    return adapter, credentials
