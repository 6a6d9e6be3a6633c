"""The networks socialplan publishes to: one folder each, registered here with one line.

Adapters are imported when first asked for, so that listing networks does not load every
network's client library.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

import httpx

from socialplan.publish.networks.base import Adapter

#: Network id → ``module:class`` of its adapter.
ADAPTERS: dict[str, str] = {
    "bluesky": "socialplan.publish.networks.bluesky.adapter:BlueskyAdapter",
    "facebook": "socialplan.publish.networks.facebook.adapter:FacebookAdapter",
    "instagram": "socialplan.publish.networks.instagram.adapter:InstagramAdapter",
    "linkedin": "socialplan.publish.networks.linkedin.adapter:LinkedInAdapter",
    "mastodon": "socialplan.publish.networks.mastodon.adapter:MastodonAdapter",
    "telegram": "socialplan.publish.networks.telegram.adapter:TelegramAdapter",
    "wordpress": "socialplan.publish.networks.wordpress.adapter:WordPressAdapter",
    "x": "socialplan.publish.networks.x.adapter:XAdapter",
}


def adapter_class(network: str) -> type[Adapter[Any]]:
    """The adapter class of *network*; ``KeyError`` for a network nobody wrote one for."""
    module, name = ADAPTERS[network].split(":")
    found: type[Adapter[Any]] = getattr(import_module(module), name)
    return found


def connect(
    network: str, credentials: Mapping[str, object], *, transport: httpx.BaseTransport | None = None
) -> Adapter[Any]:
    """An adapter for the account that *credentials* (as stored) open on *network*."""
    cls = adapter_class(network)
    return cls(cls.credentials_type.model_validate(credentials), transport=transport)
