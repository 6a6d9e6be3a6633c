"""What one Mastodon server allows: each sets its own length and number of images.

Mastodon 4 states them in ``GET /api/v2/instance`` (``configuration.statuses``); older servers
and other software speaking its API answer ``/api/v1/instance``, with the same object or, for
Pleroma and Akkoma, ``max_toot_chars``. Both are public; a server that says nothing leaves the
limits unknown, and the network's defaults apply.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from socialplan.i18n import N_
from socialplan.publish.capabilities import Capabilities
from socialplan.publish.errors import PublishError
from socialplan.publish.http import Http
from socialplan.publish.networks.mastodon.credentials import MastodonCredentials

SERVER_TOO_LONG = N_(
    "the text is {length} characters long; the Mastodon server {server} takes at most {limit}"
)
INSTANCE_PATHS = ("/api/v2/instance", "/api/v1/instance")
#: What ``configuration.statuses`` names, as the credentials keep it, with its least value.
FIELDS = {"max_characters": 1, "max_media_attachments": 0, "characters_reserved_per_url": 0}
#: Larger numbers are not limits anyone set on purpose.
_MAX = 1_000_000


@dataclass(frozen=True)
class ServerCapabilities(Capabilities):
    """Mastodon's capabilities on one server, whose own length limit wins where known."""

    server_max_length: int | None = None

    @property
    def max_length(self) -> int | None:
        """The server's limit where it stated one, else the network's."""
        if self.server_max_length is not None:
            return self.server_max_length
        return super().max_length


def on_server(caps: ServerCapabilities, credentials: MastodonCredentials) -> ServerCapabilities:
    """*caps* with the limits *credentials* keep of their server."""
    reserved, images = credentials.characters_reserved_per_url, credentials.max_media_attachments
    return dataclasses.replace(
        caps,
        server_max_length=credentials.max_characters,
        link_length=caps.link_length if reserved is None else reserved,
        max_images=caps.max_images if images is None else images,
    )


def read_limits(http: Http) -> dict[str, int]:
    """The limits the server states, by credentials field; empty when it states none."""
    for path in INSTANCE_PATHS:
        try:
            answer = http.json("GET", path)
        except PublishError:
            continue  # not every server has both; the limits are a help, not a need
        found = _limits(answer)
        if found:
            return found
    return {}


def _limits(answer: Any) -> dict[str, int]:
    configuration = answer.get("configuration") if isinstance(answer, dict) else None
    statuses = configuration.get("statuses") if isinstance(configuration, dict) else None
    stated = dict(statuses) if isinstance(statuses, dict) else {}
    if isinstance(answer, dict) and "max_characters" not in stated:
        stated["max_characters"] = answer.get("max_toot_chars")
    return {
        name: value
        for name, least in FIELDS.items()
        if isinstance(value := stated.get(name), int)
        and not isinstance(value, bool)
        and least <= value <= _MAX
    }
